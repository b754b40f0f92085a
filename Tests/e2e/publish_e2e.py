#!/usr/bin/env python3
"""The static path (issue 17, P3): `podium serve --publish-to DIR` writes the public and agency
feeds for any web server to serve. A change made by another process (the CLI, on the same
database) must reach the files within a few seconds -- each time, even when the server's own
cache was refreshed a moment before the change (the files were once rewritten from that stale
cache and then never again).

While a reader polls the server's own feed every 50 ms (so its cache is always freshly
checked, as under real traffic), five rounds each add a public ad-hoc briefing through the CLI
on the same database and poll the published public feed until the briefing is in it (at most
5 s). (The lost change was seen under `bench/http.sh`, right after wrk; this script checks the
path end to end but does not reproduce that timing reliably.)

Usage: publish_e2e.py PODIUM_BINARY. Exit 0 when every check passes, 1 when one fails, 2 when
the server cannot start.
"""
import pathlib
import subprocess
import sys
import tempfile
import threading
import time

from harness import FAILURES, OKS, call, check, die, free_port

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLAN = ROOT / "calendars/phu-yen-2024/plan.yaml"
RULES = ROOT / "calendars/rules/vietnam.yaml"
HOLIDAYS = ROOT / "calendars/holidays/vietnam.yaml"
ROUNDS = range(1, 6)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    podium = str(pathlib.Path(sys.argv[1]).resolve())
    work = pathlib.Path(tempfile.mkdtemp(prefix="podium-publish-"))
    db, out = work / "db.sqlite", work / "www"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [podium, "serve", "--database", str(db), "--seed", str(PLAN), "--port", str(port),
         "--hostname", "127.0.0.1", "--as-of", "2024-06-01T00:00:00Z", "--publish-to", str(out),
         "--rules", str(RULES), "--holidays", str(HOLIDAYS)],
        stdout=(work / "serve.log").open("w"), stderr=subprocess.STDOUT)
    try:
        feed = out / "feeds/public.vi.ics"
        for _ in range(100):
            if call("GET", base, "/healthz")[0] == 200 and feed.exists():
                break
            time.sleep(0.1)
        else:
            die("the server did not start or publish: " + (work / "serve.log").read_text()[-500:])
        stop = threading.Event()

        def reader():
            while not stop.is_set():
                call("GET", base, "/feeds/public.vi.ics")
                time.sleep(0.05)

        polling = threading.Thread(target=reader, daemon=True)
        polling.start()
        for n in ROUNDS:
            title = f"Kiểm tra xuất bản số {n}"
            r = subprocess.run(
                [podium, "adhoc", "add", f"kiem-tra-xuat-ban-{n}", "--title", title, "--organizer", "ubnd-phu-yen",
                 "--trigger", "incident", "--triggered-at", f"2024-07-0{n}T07:00:00+07:00",
                 "--start", f"2024-07-0{n}T15:00", "--database", str(db), "--as", "admin"],
                capture_output=True, text=True)
            if not check(r.returncode == 0, f"the CLI adds ad-hoc briefing {n}", r.stderr.strip()):
                continue
            started, seen = time.monotonic(), None
            while time.monotonic() - started < 5:
                if feed.exists() and title in feed.read_text(encoding="utf-8"):
                    seen = time.monotonic() - started
                    break
                time.sleep(0.1)
            check(seen is not None, f"the published public feed has briefing {n} within 5 s"
                  + (f" ({seen:.1f} s)" if seen is not None else ""))
        stop.set()
        polling.join(timeout=10)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"publish_e2e: {OKS[0]} ok, {len(FAILURES)} failed")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
