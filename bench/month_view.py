#!/usr/bin/env python3
"""Benchmark (not a test): server time of the workspace month view for a province with
N occurrences in the month (issue 14: 2,000 occurrences, target < 50 ms).

A plan of weekday series (each Monday–Friday, at staggered hours, across several agencies)
is generated so June 2024 holds at least N occurrences; `podium serve` (the release build)
is seeded with it, the printed admin signs in through the login form, and
GET /workspace/month?m=2024-06 is timed over one kept-alive loopback connection: the median
and 90th percentile of 30 requests after 3 warm-ups. Loopback adds well under a millisecond.

    .venv/bin/python bench/month_view.py .build/release/podium [--occurrences 2000 8000]
"""

import argparse
import http.client
import html
import pathlib
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

WEEKDAYS_IN_JUNE_2024 = 20  # 3–28 June, Monday to Friday


def plan(occurrences):
    """A plan whose June 2024 has at least `occurrences` briefings."""
    series = -(-occurrences // WEEKDAYS_IN_JUNE_2024)
    lines = ["version: 1", "agencies:",
             "  - {id: tinh, name: {vi: \"UBND tỉnh\", en: \"Province\"}, level: province}"]
    for d in range(10):
        lines.append(f"  - {{id: so-{d}, name: {{vi: \"Sở {d}\"}}, level: department, parent: tinh}}")
    lines.append("series:")
    for n in range(series):
        hour, minute = 7 + (n % 10), 30 * ((n // 10) % 2)
        lines += [f"  - id: giao-ban-{n}", f"    title: \"Giao ban {n}\"", f"    organizer: so-{n % 10}",
                  "    rrule: \"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=40\"",
                  f"    start: 2024-06-03T{hour:02d}:{minute:02d}", "    duration: 30"]
    return "\n".join(lines) + "\n", series * WEEKDAYS_IN_JUNE_2024


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(podium, occurrences, work):
    text, expected = plan(occurrences)
    (work / "plan.yaml").write_text(text)
    port = free_port()
    server = subprocess.Popen(
        [podium, "serve", "--database", str(work / f"db-{occurrences}.sqlite"), "--seed", str(work / "plan.yaml"),
         "--hostname", "127.0.0.1", "--port", str(port), "--as-of", "2024-06-01T00:00:00Z"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        banner = ""
        while "listening" not in banner:
            line = server.stdout.readline()
            if not line:
                raise RuntimeError("the server exited:\n" + banner)
            banner += line
        login = re.search(r"^\s+admin\s+(\S+) / (\S+)\s*$", banner, re.M)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("GET", "/login")
        r = conn.getresponse()
        body = r.read().decode()
        csrf = html.unescape(re.search(r'name="csrf" value="([^"]*)"', body).group(1))
        cookie = re.search(r"podium_login=([^;]+)", r.getheader("Set-Cookie")).group(1)
        form = urllib.parse.urlencode({"csrf": csrf, "next": "", "user": login.group(1), "password": login.group(2)})
        conn.request("POST", "/login", body=form, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"podium_login={cookie}"})
        r = conn.getresponse()
        r.read()
        session = re.search(r"podium_session=([^;]+)", r.getheader("Set-Cookie") or "").group(1)
        headers = {"Cookie": f"podium_session={session}"}
        times, shown = [], 0
        for i in range(33):
            started = time.perf_counter()
            conn.request("GET", "/workspace/month?m=2024-06", headers=headers)
            r = conn.getresponse()
            page = r.read()
            elapsed = time.perf_counter() - started
            if r.status != 200:
                raise RuntimeError(f"GET /workspace/month answered {r.status}")
            shown = page.count(b'href="/workspace/occurrences/')
            if i >= 3:
                times.append(elapsed * 1000)
        times.sort()
        print(f"month view, {expected:,} occurrences in June ({shown:,} links on the page, "
              f"{len(page) // 1024} KB): median {statistics.median(times):.1f} ms, "
              f"p90 {times[int(len(times) * 0.9) - 1]:.1f} ms (30 requests)", flush=True)
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("podium")
    ap.add_argument("--occurrences", type=int, nargs="+", default=[2000, 8000])
    a = ap.parse_args(argv[1:])
    with tempfile.TemporaryDirectory() as tmp:
        for n in a.occurrences:
            measure(a.podium, n, pathlib.Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
