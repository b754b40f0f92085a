// The only C header Podium includes. Helpers here exist because Swift cannot
// reach the thing directly (a macro or a per-thread lvalue).
#ifndef PODIUM_CLIBICAL_SHIM_H
#define PODIUM_CLIBICAL_SHIM_H

#include <libical/ical.h>

/// `icalerrno` is a macro over a per-thread lvalue (icalerror.c:34-63); Swift cannot assign it.
static inline void podium_icalerrno_clear(void) { icalerrno = ICAL_NO_ERROR; }
static inline icalerrorenum podium_icalerrno_get(void) { return icalerrno; }

#endif
