#!/usr/bin/env python3
"""Cross-checks Podium's calendars with independent parsers.

For every NAME.ics in the directory given as the only argument there is a NAME.expected.json
holding the window and the instances libical (through Podium) expanded:

    {"from": "...Z", "to": "...Z", "instances": [["uid", "2024-01-01T02:00:00Z"], ...]}

Each calendar is parsed by python `icalendar` (lenient; its per-component errors must be
empty), expanded by `recurring-ical-events`, and parsed and expanded by `ical` (strict). The
instances starting in [from, to) must equal the expected list exactly, to the second.
Exit status: 0 all agree, 1 a disagreement or parse error (each printed), 2 usage.
"""
import datetime as dt
import json
import pathlib
import sys

import icalendar
import recurring_ical_events
from ical.calendar_stream import IcsCalendarStream

UTC = dt.timezone.utc


def instant(value):
    """UTC ISO text of a DTSTART value; a DATE is midnight UTC, a floating time is read as UTC."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return dt.datetime(value.year, value.month, value.day, tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text):
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def in_window(items, start, end):
    lo, hi = instant(start), instant(end)
    return sorted((uid, t) for uid, t in items if lo <= t < hi)


def with_icalendar(data, start, end):
    cal = icalendar.Calendar.from_ical(data)
    errors = [(c.name, c.errors) for c in cal.walk() if getattr(c, "errors", None)]
    if errors:
        raise ValueError(f"icalendar reported errors: {errors}")
    events = recurring_ical_events.of(cal).between(start - dt.timedelta(days=2), end)
    return in_window([(str(e["UID"]), instant(e["DTSTART"].dt)) for e in events], start, end)


def with_ical(text, start, end):
    cal = IcsCalendarStream.calendar_from_ics(text)
    items = []
    for event in cal.timeline.overlapping(start - dt.timedelta(days=2), end):
        items.append((event.uid, instant(event.dtstart)))
    return in_window(items, start, end)


def main(argv):
    if len(argv) != 2:
        print("usage: check_expansion.py DIR", file=sys.stderr)
        return 2
    failures = 0
    files = sorted(pathlib.Path(argv[1]).glob("*.ics"))
    for path in files:
        expected = json.loads(path.with_suffix(".expected.json").read_text())
        start, end = parse_utc(expected["from"]), parse_utc(expected["to"])
        want = in_window(expected["instances"], start, end)
        data = path.read_bytes()
        for name, run in (("icalendar+recurring-ical-events", lambda: with_icalendar(data, start, end)),
                          ("ical", lambda: with_ical(data.decode("utf-8"), start, end))):
            try:
                got = run()
            except Exception as error:  # a parser refusing our output is a failure to report
                print(f"{path.name}: {name}: {type(error).__name__}: {error}")
                failures += 1
                continue
            if got != want:
                failures += 1
                missing = sorted(set(want) - set(got))[:5]
                extra = sorted(set(got) - set(want))[:5]
                print(f"{path.name}: {name}: {len(got)} instances, expected {len(want)}; "
                      f"missing {missing} extra {extra}")
    print(f"{len(files)} calendars checked, {failures} disagreements")
    return 1 if failures or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
