/* The floor for feed export: the same calendar built directly with libical 3.0.16 and
 * serialised with the caller-owned API. Reads the TSV spec PodiumBench writes (one VEVENT
 * per line) so both build the same events; times build + serialise only, best of 5.
 * Build: cc -O2 libical_floor.c $(pkg-config --cflags --libs libical) -o libical_floor */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAXL 400000
#define NFIELDS 17
static char *lines[MAXL];
static int nlines;
/* With a second argument, the first build's text is written there, to compare with Podium's. */
static const char *out_path;

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

static struct icaltimetype local(const char *s) { return icaltime_from_string(s); }

static void add_dt(icalcomponent *ev, icalproperty *p) {
    icalproperty_add_parameter(p, icalparameter_new_tzid("Asia/Ho_Chi_Minh"));
    icalcomponent_add_property(ev, p);
}

#define CAL_NAME "L\xe1\xbb\x8b" "ch h\xe1\xbb\x8dp b\xc3\xa1o (n\xe1\xbb\x99i b\xe1\xbb\x99)"
#define CAL_DESCRIPTION "H\xe1\xbb\x8dp b\xc3\xa1o \xc4\x91\xe1\xbb\x8bnh k\xe1\xbb\xb3 v\xc3\xa0 \xc4\x91\xe1\xbb\x99t xu\xe1\xba\xa5t (Ngh\xe1\xbb\x8b \xc4\x91\xe1\xbb\x8bnh 09/2017/N\xc4\x90-CP). Gi\xe1\xbb\x9d Vi\xe1\xbb\x87t Nam."

static void add_x(icalcomponent *c, const char *name, const char *value) {
    icalproperty *p = icalproperty_new_x(value);
    icalcomponent_add_property(c, p);
    icalproperty_set_x_name(p, name);
}

/* After the first observance, those that change nothing (3.0.16's 2038 artefact), as
   Podium's writer drops them. */
static void drop_noop_observances(icalcomponent *vtz) {
    icalcomponent *doomed[64]; int n = 0, seen = 0;
    for (icalcomponent *o = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT); o;
         o = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT)) {
        icalproperty *from = icalcomponent_get_first_property(o, ICAL_TZOFFSETFROM_PROPERTY);
        icalproperty *to = icalcomponent_get_first_property(o, ICAL_TZOFFSETTO_PROPERTY);
        if (seen && from && to && icalproperty_get_tzoffsetfrom(from) == icalproperty_get_tzoffsetto(to) && n < 64)
            doomed[n++] = o;
        seen = 1;
    }
    for (int i = 0; i < n; i++) { icalcomponent_remove_component(vtz, doomed[i]); icalcomponent_free(doomed[i]); }
}

static icalparameter_feature feature(const char *s) {
    static const struct { const char *name; icalparameter_feature value; } table[] = {
        {"AUDIO", ICAL_FEATURE_AUDIO}, {"CHAT", ICAL_FEATURE_CHAT}, {"FEED", ICAL_FEATURE_FEED},
        {"MODERATOR", ICAL_FEATURE_MODERATOR}, {"PHONE", ICAL_FEATURE_PHONE}, {"SCREEN", ICAL_FEATURE_SCREEN},
        {"VIDEO", ICAL_FEATURE_VIDEO}};
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) if (!strcmp(s, table[i].name)) return table[i].value;
    return ICAL_FEATURE_X;
}

/* A text property with the event's LANGUAGE, when it has one. */
static void add_text(icalcomponent *ev, icalproperty *p, const char *language) {
    if (language && *language) icalproperty_add_parameter(p, icalparameter_new_language(language));
    icalcomponent_add_property(ev, p);
}

/* Not inlined: `make bench` counts its instructions with callgrind's --toggle-collect=build. */
__attribute__((noinline)) static size_t build(void) {
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//Podium//Press Briefings//VI"));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    /* The calendar's own properties, as Podium's internal feed writes them. */
    icalproperty *name = icalproperty_new_name(CAL_NAME);
    icalcomponent_add_property(cal, name);
    icalproperty_add_parameter(name, icalparameter_new_language("vi"));
    add_x(cal, "X-WR-CALNAME", CAL_NAME);
    icalcomponent_add_property(cal, icalproperty_new_description(CAL_DESCRIPTION));
    add_x(cal, "X-WR-CALDESC", CAL_DESCRIPTION);
    add_x(cal, "X-WR-TIMEZONE", "Asia/Ho_Chi_Minh");
    icalcomponent_add_property(cal, icalproperty_new_refreshinterval(icaldurationtype_from_int(3600)));
    add_x(cal, "X-PUBLISHED-TTL", "PT1H");
    icaltimezone *zone = icaltimezone_get_builtin_timezone("Asia/Ho_Chi_Minh");
    icalcomponent *vtz = icalcomponent_new_clone(icaltimezone_get_component(zone));
    icaltimezone_truncate_vtimezone(vtz, icaltime_from_string("20260101T000000"), icaltime_null_time(), 1);
    icalproperty_set_tzid(icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY), "Asia/Ho_Chi_Minh");
    drop_noop_observances(vtz);
    icalcomponent_add_component(cal, vtz);
    struct icaltimetype stamp = icaltime_from_string("20251201T000000Z");
    for (int i = 0; i < nlines; i++) {
        char buf[4096];
        strncpy(buf, lines[i], sizeof buf - 1);
        buf[sizeof buf - 1] = 0;
        char *f[NFIELDS] = {0};
        char *p = buf;
        for (int k = 0; k < NFIELDS; k++) { f[k] = p; p = strchr(p, '\t'); if (!p) break; *p++ = 0; }
        icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        icalcomponent_add_property(ev, icalproperty_new_uid(f[0]));
        icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
        icalcomponent_add_property(ev, icalproperty_new_lastmodified(stamp));
        icalcomponent_add_property(ev, icalproperty_new_sequence(atoi(f[6] ? f[6] : "0")));
        if (!f[1] || !f[2]) { fprintf(stderr, "event %d: no DTSTART or DTEND\n", i + 1); exit(2); }
        add_dt(ev, icalproperty_new_dtstart(local(f[1])));
        add_dt(ev, icalproperty_new_dtend(local(f[2])));
        if (f[3] && *f[3]) icalcomponent_add_property(ev, icalproperty_new_rrule(icalrecurrencetype_from_string(f[3])));
        if (f[4] && *f[4]) {
            char ex[2048]; strncpy(ex, f[4], sizeof ex - 1); ex[sizeof ex - 1] = 0;
            for (char *t = strtok(ex, ","); t; t = strtok(NULL, ",")) add_dt(ev, icalproperty_new_exdate(local(t)));
        }
        if (f[5] && *f[5]) add_dt(ev, icalproperty_new_recurrenceid(local(f[5])));
        const char *lang = f[11];
        add_text(ev, icalproperty_new_summary(f[7] ? f[7] : ""), lang);
        if (f[8] && *f[8]) {
            /* The spec writes line breaks as \n. */
            char d[4096]; size_t k = 0;
            for (const char *c = f[8]; *c && k < sizeof d - 1; c++) {
                if (c[0] == '\\' && c[1] == 'n') { d[k++] = '\n'; c++; } else d[k++] = *c;
            }
            d[k] = 0;
            add_text(ev, icalproperty_new_description(d), lang);
        }
        if (f[9] && *f[9]) add_text(ev, icalproperty_new_location(f[9]), lang);
        if (f[12] && *f[12] && strchr(f[12], ';')) {
            struct icalgeotype g = {atof(f[12]), atof(strchr(f[12], ';') + 1)};
            icalcomponent_add_property(ev, icalproperty_new_geo(g));
        }
        if (f[10] && *f[10]) {
            icalproperty *c = icalproperty_new_conference(f[10]);
            icalcomponent_add_property(ev, c);
            icalproperty_add_parameter(c, icalparameter_new_value(ICAL_VALUE_URI));
            if (f[13] && *f[13]) icalproperty_add_parameter(c, icalparameter_new_feature(feature(f[13])));
            if (f[14] && *f[14]) icalproperty_add_parameter(c, icalparameter_new_label(f[14]));
        }
        icalcomponent_add_property(ev, icalproperty_new_categories("press-conference,open,on-the-record"));
        if (f[15] && *f[15])
            icalcomponent_add_property(ev, icalproperty_new_class(
                !strcmp(f[15], "PUBLIC") ? ICAL_CLASS_PUBLIC : !strcmp(f[15], "PRIVATE") ? ICAL_CLASS_PRIVATE : ICAL_CLASS_CONFIDENTIAL));
        if (f[16] && *f[16])
            icalcomponent_add_property(ev, icalproperty_new_status(
                !strcmp(f[16], "CONFIRMED") ? ICAL_STATUS_CONFIRMED : !strcmp(f[16], "CANCELLED") ? ICAL_STATUS_CANCELLED : ICAL_STATUS_TENTATIVE));
        icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
        icalcomponent_add_component(cal, ev);
    }
    char *text = icalcomponent_as_ical_string_r(cal);
    size_t n = strlen(text);
    if (out_path) {
        FILE *o = fopen(out_path, "wb");
        if (!o) { perror(out_path); exit(2); }
        fputs(text, o); fclose(o); out_path = NULL;
    }
    icalmemory_free_buffer(text);
    icalcomponent_free(cal);
    return n;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: libical_floor SPEC.tsv\n"); return 2; }
    if (argc > 2) out_path = argv[2];
    FILE *in = fopen(argv[1], "r");
    if (!in) { perror(argv[1]); return 2; }
    static char line[8192];
    while (fgets(line, sizeof line, in)) {
        /* A spec the floor cannot hold is an error, not a silently shorter calendar. */
        if (!strchr(line, '\n') && !feof(in)) { fprintf(stderr, "line %d longer than %zu bytes\n", nlines + 1, sizeof line); return 2; }
        if (nlines == MAXL) { fprintf(stderr, "more than %d events\n", MAXL); return 2; }
        line[strcspn(line, "\n")] = 0;
        if (strlen(line) >= 4096) { fprintf(stderr, "line %d longer than the 4096-byte event buffer\n", nlines + 1); return 2; }
        lines[nlines++] = strdup(line);
    }
    fclose(in);
    double best = 1e9; size_t bytes = 0;
    for (int r = 0; r < 5; r++) { double t = now(); bytes = build(); t = now() - t; if (t < best) best = t; }
    printf("{\"events\": %d, \"bytes\": %zu, \"build_and_serialise_s\": %f}\n", nlines, bytes, best);
    return 0;
}
