#!/usr/bin/env python3
"""End to end: a real server, a real subscriber (vdirsyncer's http storage) and a real
browser (headless Chromium).

1. `podium serve` starts on a fresh database seeded with the Phú Yên sample.
2. vdirsyncer subscribes to the public feed and syncs; a second sync of the unchanged feed
   must copy nothing.
3. Through the JSON API a briefing is created, one is moved and one cancelled; after each,
   a re-sync must bring the change.
4. Chromium loads the public page and a spokesperson's page: the subscribe links are there,
   and a title containing <script> is shown as text, never run.

Usage: subscribe_e2e.py PODIUM_BINARY VENV_BIN [CHROMIUM]. Exit 0 when every check passes.
"""
import hashlib
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from harness import (
    free_port,
)

FAILURES = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        FAILURES.append(message)


def request(method, url, token=None, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def snapshot(directory):
    files = sorted(pathlib.Path(directory).rglob("*.ics"))
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}, "\n".join(f.read_text() for f in files)


def main(argv):
    podium, venv = argv[1], pathlib.Path(argv[2])
    chromium = argv[3] if len(argv) > 3 else shutil.which("chromium")
    work = pathlib.Path(tempfile.mkdtemp(prefix="podium-e2e-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [podium, "serve", "--database", str(work / "podium.sqlite"), "--seed", "calendars/phu-yen-2024/plan.yaml",
         "--port", str(port), "--as-of", "2024-06-01T00:00:00Z"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    banner = ""
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            line = server.stdout.readline()
            banner += line
            if "listening" in line:
                break
        api = re.search(r"Bearer ([a-z0-9]+)", banner).group(1)
        personal = re.search(r"/me/([a-z0-9]+)", banner).group(1)
        check(request("GET", base + "/healthz")[0] == 200, "server is healthy")

        # -- subscribe with vdirsyncer ------------------------------------------------------
        (work / "status").mkdir()
        (work / "local").mkdir()
        (work / "config").write_text(f"""
[general]
status_path = "{work / 'status'}"

[pair press]
a = "remote"
b = "local"
collections = null
conflict_resolution = "a wins"

[storage remote]
type = "http"
url = "{base}/feeds/public.vi.ics"

[storage local]
type = "filesystem"
path = "{work / 'local'}"
fileext = ".ics"
""")
        vdir = [str(venv / "vdirsyncer"), "-c", str(work / "config")]

        def sync():
            out = subprocess.run(vdir + ["sync"], capture_output=True, text=True, timeout=120)
            return out.returncode, out.stdout + out.stderr

        subprocess.run(vdir + ["discover"], capture_output=True, text=True, input="y\n" * 4, timeout=60)
        code, out = sync()
        first, text = snapshot(work / "local")
        check(code == 0 and len(first) > 0, f"first sync copies the feed ({len(first)} items)")
        check("Hội nghị xúc tiến đầu tư" in text, "the subscriber sees a known briefing")
        code, out = sync()
        second, _ = snapshot(work / "local")
        check(code == 0 and second == first and "Copying" not in out and "Updating" not in out,
              "a second sync of the unchanged feed copies nothing")

        # -- changes through the API arrive after a re-sync ------------------------------------
        status, _, _ = request("POST", base + "/api/adhoc", api, {
            "id": "e2e-storm", "title": "Họp báo khẩn về lũ quét", "organizer": "ubnd-phu-yen", "trigger": "incident",
            "triggeredAt": "2024-06-02T01:00:00Z", "start": "2024-06-02T15:00", "duration": 45})
        check(status == 201, "API creates an ad-hoc briefing (201)")
        sync()
        _, text = snapshot(work / "local")
        check("Họp báo khẩn về lũ quét" in text, "the new ad-hoc briefing arrives")

        status, headers, _ = request("GET", base + "/api/series/hop-bao-quy", api)
        status, _, _ = request("POST", base + "/api/series/hop-bao-quy/move", api,
                               {"original": "2024-10-03T15:00", "to": "2024-10-04T09:00", "reason": "Trùng lịch"},
                               {"If-Match": headers.get("ETag", headers.get("Etag", ""))})
        check(status == 200, "API moves an occurrence (If-Match)")
        sync()
        _, text = snapshot(work / "local")
        check("DTSTART;TZID=Asia/Ho_Chi_Minh:20241004T090000" in text, "the move arrives (RECURRENCE-ID override)")

        status, headers, _ = request("GET", base + "/api/series/hop-bao-quy", api)
        status, _, _ = request("POST", base + "/api/series/hop-bao-quy/cancel", api,
                               # July: after the server's "now" (1 June), so no outcome is recorded yet
                               # (a briefing recorded as held cannot be cancelled).
                               {"original": "2024-07-04T15:00", "reason": "Bão"},
                               {"If-Match": headers.get("ETag", headers.get("Etag", ""))})
        check(status == 200, "API cancels an occurrence")
        sync()
        _, text = snapshot(work / "local")
        check("EXDATE;TZID=Asia/Ho_Chi_Minh:20240704T150000" in text, "the cancellation arrives (EXDATE)")
        code, out = sync()
        check("Copying" not in out and "Updating" not in out, "after the changes, a further sync copies nothing")

        # -- a real browser ------------------------------------------------------------------------
        status, _, _ = request("POST", base + "/api/adhoc", api, {
            "id": "e2e-xss", "title": "<script>document.title='pwned'</script> Họp báo", "organizer": "ubnd-phu-yen",
            "trigger": "press-request", "triggeredAt": "2024-06-03T01:00:00Z", "start": "2024-06-03T10:00",
            "duration": 30})
        check(status == 201, "API accepts a title containing <script>")
        if chromium:
            def dom(url):
                out = subprocess.run(
                    [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--user-data-dir={work / 'chrome'}", "--dump-dom", url],
                    capture_output=True, text=True, timeout=120)
                return out.stdout
            page = dom(base + "/")
            check(f'href="{base}/feeds/public.vi.ics"' in page, "the public page links the https feed")
            check(f'href="webcal://127.0.0.1:{port}/feeds/public.vi.ics"' in page, "the public page links webcal://")
            check("calendar.google.com/calendar/render?cid=webcal" in page, "the public page links Google's cid=")
            check("&lt;script&gt;document.title='pwned'&lt;/script&gt;" in page, "the <script> title is shown as text")
            check("<script>" not in page and "<title>pwned</title>" not in page, "and is never run")
            me = dom(base + f"/me/{personal}")
            check("Lịch phát ngôn của" in me and f"/feeds/spokespeople/{personal}.ics" in me,
                  "the spokesperson page shows their assignments and private feed")
        else:
            check(False, "chromium is installed")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
            check(server.returncode == 0, "the server shuts down gracefully on SIGTERM")
        except subprocess.TimeoutExpired:
            server.kill()
            check(False, "the server shuts down on SIGTERM")
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(FAILURES)} failures")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
