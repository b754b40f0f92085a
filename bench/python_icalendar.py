#!/usr/bin/env python3
"""What users would otherwise write: the same calendar built with python `icalendar`.
Reads the TSV spec PodiumBench writes; times build + to_ical(), best of 3."""
import datetime as dt
import json
import sys
import time
import zoneinfo

import icalendar

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def local(s):
    return dt.datetime.strptime(s, "%Y%m%dT%H%M%S").replace(tzinfo=TZ)


def build(rows):
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", "-//Podium//Press Briefings//VI")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    stamp = dt.datetime(2025, 12, 1, tzinfo=dt.timezone.utc)
    for f in rows:
        ev = icalendar.Event()
        ev.add("uid", f[0])
        ev.add("dtstamp", stamp)
        ev.add("last-modified", stamp)
        ev.add("sequence", int(f[6] or 0))
        ev.add("dtstart", local(f[1]))
        ev.add("dtend", local(f[2]))
        if f[3]:
            ev.add("rrule", icalendar.vRecur.from_ical(f[3]))
        for x in filter(None, f[4].split(",")):
            ev.add("exdate", local(x))
        if f[5]:
            ev.add("recurrence-id", local(f[5]))
        ev.add("summary", f[7], parameters={"LANGUAGE": "vi"})
        if f[8]:
            ev.add("description", f[8].replace("\\n", "\n"))
        if f[9]:
            ev.add("location", f[9])
        if f[10]:
            ev.add("conference", f[10], parameters={"VALUE": "URI"})
        ev.add("categories", ["press-conference", "open", "on-the-record"])
        ev.add("class", "PUBLIC")
        ev.add("status", "CONFIRMED")
        ev.add("transp", "OPAQUE")
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()


def main():
    rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    best, size = 1e9, 0
    for _ in range(3):
        t = time.perf_counter()
        size = len(build(rows))
        best = min(best, time.perf_counter() - t)
    print(json.dumps({"events": len(rows), "bytes": size, "build_and_serialise_s": best}))


if __name__ == "__main__":
    main()
