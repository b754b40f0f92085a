#!/usr/bin/env python3
"""The API attacked as an outsider would (issue "Reliability you can show", item 6).

1. `podium serve` on a fresh database seeded with the Phú Yên sample (loopback only).
2. `/openapi.json` is validated by openapi-spec-validator.
3. schemathesis generates requests from the spec for every operation of the JSON API and the
   feeds — with the seeded editor's bearer token, so the writes are reached — and fails on any
   server error, any status the spec does not declare, or a wrong content type.

Usage: api_e2e.py PODIUM_BINARY VENV_BIN [--max-examples N] [--seed S]. Prints the seed; exit 0
when every check passes, 1 on a finding, 2 when a tool is missing (never skipped).
"""
import argparse
import json
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from harness import (
    free_port,
)


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("podium")
    ap.add_argument("venv_bin")
    ap.add_argument("--max-examples", type=int, default=15)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--summary", help="also write the numbers as JSON here (make reliability's report)")
    args = ap.parse_args(argv[1:])
    seed = args.seed if args.seed is not None else random.randrange(1, 2**31)
    print(f"api_e2e: seed {seed} (re-run with --seed {seed})")
    venv = pathlib.Path(args.venv_bin)
    for tool in ("schemathesis", "openapi-spec-validator"):
        if not (venv / tool).exists():
            print(f"FAIL {tool} is not installed in {venv} (make venv installs it)")
            return 2
    work = pathlib.Path(tempfile.mkdtemp(prefix="podium-api-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [os.path.abspath(args.podium), "serve", "--database", str(work / "podium.sqlite"), "--seed",
         "calendars/phu-yen-2024/plan.yaml", "--hostname", "127.0.0.1", "--port", str(port),
         "--as-of", "2024-06-01T00:00:00Z"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        banner = ""
        deadline = time.time() + 90
        while time.time() < deadline and "listening" not in banner:
            line = server.stdout.readline()
            if not line:
                break
            banner += line
        # Keep reading the server's log (every refused request is a line): a full pipe would
        # block the server.
        log_lines = []
        threading.Thread(target=lambda: log_lines.extend(server.stdout), daemon=True).start()
        token = re.search(r"Bearer ([0-9a-f]+)", banner)
        if "listening" not in banner or not token:
            print("FAIL the server did not start:\n" + banner)
            return 2
        spec = work / "openapi.json"
        spec.write_bytes(urllib.request.urlopen(base + "/openapi.json", timeout=10).read())
        valid = subprocess.run([str(venv / "openapi-spec-validator"), str(spec)], capture_output=True, text=True)
        print(("ok   " if valid.returncode == 0 else "FAIL ") + "openapi-spec-validator: " + valid.stdout.strip()[-300:])
        if valid.returncode != 0:
            print(valid.stderr[-2000:])
            return 1
        # The JSON API and the feeds; the HTML forms (sign-in, workspace) are driven by the
        # browser tests, where a session and CSRF token exist.
        run = subprocess.run(
            [str(venv / "schemathesis"), "run", base + "/openapi.json",
             "-H", f"Authorization: Bearer {token.group(1)}",
             "--checks", "not_a_server_error,status_code_conformance,content_type_conformance",
             "--max-examples", str(args.max_examples), "--seed", str(seed), "--workers", "1",
             "--include-path-regex", "^/(api|feeds|healthz|openapi)", "--no-color"],
            capture_output=True, text=True, timeout=1200)
        tail = (run.stdout + run.stderr)[-6000:]
        print(tail)
        print(("ok   " if run.returncode == 0 else "FAIL ") + f"schemathesis exit {run.returncode}")
        errors = [l for l in log_lines if "status=5" in l]
        print(("ok   " if not errors else "FAIL ") + f"server log: {len(log_lines)} lines, {len(errors)} server errors")
        if args.summary:
            generated = re.findall(r"(\d[\d,]*) generated", run.stdout)
            numbers = {
                "what": "schemathesis", "seed": seed, "max_examples": args.max_examples,
                "operations": sum(len(methods) for path, methods in json.loads(spec.read_text())["paths"].items()
                                  if re.match(r"^/(api|feeds|healthz|openapi)", path)),
                "requests_generated": int(generated[-1].replace(",", "")) if generated else None,
                "server_errors": len(errors), "passed": run.returncode == 0 and not errors,
                "day": time.strftime("%Y-%m-%d"), "command": " ".join(argv),
            }
            pathlib.Path(args.summary).parent.mkdir(parents=True, exist_ok=True)
            pathlib.Path(args.summary).write_text(json.dumps(numbers, indent=1, sort_keys=True))
        if errors:
            print("".join(errors[:20]))
            return 1
        return 0 if run.returncode == 0 else 1
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
