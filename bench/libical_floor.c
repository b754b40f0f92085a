/* The floor for feed export: the same calendar built directly with libical 3.0.16 and
 * serialised with the caller-owned API. Reads the TSV spec PodiumBench writes (one VEVENT
 * per line) so both build the same events; times build + serialise only, best of 5.
 * Build: cc -O2 libical_floor.c $(pkg-config --cflags --libs libical) -o libical_floor */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAXL 200000
static char *lines[MAXL];
static int nlines;

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

static struct icaltimetype local(const char *s) { return icaltime_from_string(s); }

static void add_dt(icalcomponent *ev, icalproperty *p) {
    icalproperty_add_parameter(p, icalparameter_new_tzid("Asia/Ho_Chi_Minh"));
    icalcomponent_add_property(ev, p);
}

static size_t build(void) {
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//Podium//Press Briefings//VI"));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icaltimezone *zone = icaltimezone_get_builtin_timezone("Asia/Ho_Chi_Minh");
    icalcomponent *vtz = icalcomponent_new_clone(icaltimezone_get_component(zone));
    icaltimezone_truncate_vtimezone(vtz, icaltime_from_string("20260101T000000"), icaltime_null_time(), 1);
    icalproperty_set_tzid(icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY), "Asia/Ho_Chi_Minh");
    icalcomponent_add_component(cal, vtz);
    struct icaltimetype stamp = icaltime_from_string("20251201T000000Z");
    for (int i = 0; i < nlines; i++) {
        char buf[4096];
        strncpy(buf, lines[i], sizeof buf - 1);
        buf[sizeof buf - 1] = 0;
        char *f[11] = {0};
        char *p = buf;
        for (int k = 0; k < 11; k++) { f[k] = p; p = strchr(p, '\t'); if (!p) break; *p++ = 0; }
        icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        icalcomponent_add_property(ev, icalproperty_new_uid(f[0]));
        icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
        icalcomponent_add_property(ev, icalproperty_new_lastmodified(stamp));
        icalcomponent_add_property(ev, icalproperty_new_sequence(atoi(f[6] ? f[6] : "0")));
        add_dt(ev, icalproperty_new_dtstart(local(f[1])));
        add_dt(ev, icalproperty_new_dtend(local(f[2])));
        if (f[3] && *f[3]) icalcomponent_add_property(ev, icalproperty_new_rrule(icalrecurrencetype_from_string(f[3])));
        if (f[4] && *f[4]) {
            char ex[2048]; strncpy(ex, f[4], sizeof ex - 1); ex[sizeof ex - 1] = 0;
            for (char *t = strtok(ex, ","); t; t = strtok(NULL, ",")) add_dt(ev, icalproperty_new_exdate(local(t)));
        }
        if (f[5] && *f[5]) add_dt(ev, icalproperty_new_recurrenceid(local(f[5])));
        icalproperty *s = icalproperty_new_summary(f[7] ? f[7] : "");
        icalproperty_add_parameter(s, icalparameter_new_language("vi"));
        icalcomponent_add_property(ev, s);
        if (f[8] && *f[8]) icalcomponent_add_property(ev, icalproperty_new_description(f[8]));
        if (f[9] && *f[9]) icalcomponent_add_property(ev, icalproperty_new_location(f[9]));
        if (f[10] && *f[10]) icalcomponent_add_property(ev, icalproperty_new_conference(f[10]));
        icalcomponent_add_property(ev, icalproperty_new_categories("press-conference,open,on-the-record"));
        icalcomponent_add_property(ev, icalproperty_new_class(ICAL_CLASS_PUBLIC));
        icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
        icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
        icalcomponent_add_component(cal, ev);
    }
    char *text = icalcomponent_as_ical_string_r(cal);
    size_t n = strlen(text);
    icalmemory_free_buffer(text);
    icalcomponent_free(cal);
    return n;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: libical_floor SPEC.tsv\n"); return 2; }
    FILE *in = fopen(argv[1], "r");
    if (!in) { perror(argv[1]); return 2; }
    static char line[8192];
    while (nlines < MAXL && fgets(line, sizeof line, in)) { line[strcspn(line, "\n")] = 0; lines[nlines++] = strdup(line); }
    fclose(in);
    double best = 1e9; size_t bytes = 0;
    for (int r = 0; r < 5; r++) { double t = now(); bytes = build(); t = now() - t; if (t < best) best = t; }
    printf("{\"events\": %d, \"bytes\": %zu, \"build_and_serialise_s\": %f}\n", nlines, bytes, best);
    return 0;
}
