#!/usr/bin/env python3
"""Concurrent writers against `podium serve` plus a CLI writer on the same database.

Starts the server on a freshly seeded database, creates a few contested ad-hoc briefings,
then runs C client threads x W writes each. A write is a read-ETag-then-write cycle:
GET /api/adhoc/{id} then PUT with If-Match (most of the time), or GET /api/series/{id}
then POST /api/series/{id}/move with If-Match. A few writes are sent deliberately without
If-Match (must be 428) or with a stale ETag (must be 412). Meanwhile one CLI process loops
`podium series move-occurrence` / `cancel-occurrence` on the same series and database.

Checks: no HTTP 5xx; every refused conditional write is 412 (428 without If-Match); no two
successful writes were based on the same revision of one item (a lost update); every 2xx
write and every CLI success ("revision N") is in `podium history --json` on its item with
the content it wrote; each ad-hoc briefing's final state is its last successful PUT; the
server's ETag for each item equals its last revision in the history; the CLI may exit 2
with "locked" (counted, not a failure); `pragma integrity_check` is ok afterwards.

Usage:
  PODIUM_BINARY=/tmp/relcopy/podium nice python3 Tests/reliability/concurrent_writers.py \
      --clients 10 --writes 30 [--seed S]
Defaults are 50 clients x 200 writes. Exit 0 pass, 1 a property violated, 2 setup failure.
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PLAN = os.path.join(REPO, "calendars", "phu-yen-2024", "plan.yaml")
RULES = os.path.join(REPO, "calendars", "rules", "vietnam.yaml")
HOLIDAYS = os.path.join(REPO, "calendars", "holidays", "vietnam.yaml")
REVISION_RE = re.compile(r"\brevision\D{0,4}(\d+)")
ADHOC_IDS = ["tranh-chap-1", "tranh-chap-2", "tranh-chap-3", "tranh-chap-4"]
API_SERIES = ("hop-bao-quy", "2024-10-03T15:00")         # moved by clients and by the CLI
CLI_MOVES = [("hop-bao-quy", "2024-10-03T15:00"), ("hop-bao-quy", "2024-04-04T15:00")]
CLI_CANCELS = [("giao-ban-bao-chi", f"2024-{m:02d}-{d:02d}T08:00")
               for m, d in ((7, 2), (7, 9), (7, 16), (7, 23), (8, 6), (8, 13))]


class SetupFailure(Exception):
    pass


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def integrity(db):
    try:
        con = sqlite3.connect(db, timeout=10)
        try:
            rows = con.execute("pragma integrity_check").fetchall()
        finally:
            con.close()
        return "\n".join(str(r[0]) for r in rows)
    except sqlite3.Error as e:
        return f"error: {e}"


class Api:
    def __init__(self, port, token):
        self.port = port
        self.token = token

    def request(self, method, path, body=None, if_match=None):
        """Returns (status, etag or None, parsed json or text). Raises on transport errors."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Authorization": f"Bearer {self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if if_match is not None:
            headers["If-Match"] = f'"{if_match}"'
        try:
            conn.request(method, path, body=data, headers=headers)
            r = conn.getresponse()
            raw = r.read()
            etag = r.getheader("ETag")
        finally:
            conn.close()
        text = raw.decode("utf-8", "replace")
        try:
            payload = json.loads(text) if text else None
        except ValueError:
            payload = text
        if etag is not None:
            etag = int(etag.replace("W/", "").strip('"'))
        return r.status, etag, payload


def adhoc_body(item, title, rng):
    return {"id": item, "title": title, "organizer": "ubnd-phu-yen", "trigger": "incident",
            "triggeredAt": "2024-11-16T22:00:00+07:00",
            "start": f"2024-11-{rng.randint(17, 28):02d}T{rng.choice(['09:00', '14:00', '15:00'])}",
            "duration": rng.choice([30, 45, 60, 90])}


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = 0
        self.status = Counter()
        self.writes = 0
        self.successes = []        # (item, based_on, new_revision, title or move target, t_done)
        self.conflicts = 0         # 412 on an honest read-then-write
        self.stale_412 = 0         # deliberately stale, answered 412
        self.no_if_match_428 = 0
        self.deliberate = Counter()
        self.five_xx = []
        self.unexpected = []       # wrong status for the case
        self.transport_errors = []

    def add(self, **kw):
        with self.lock:
            for k, v in kw.items():
                setattr(self, k, getattr(self, k) + v)


def client(cid, api, rng, writes, res, stop_flag):
    for w in range(writes):
        if stop_flag.is_set():
            return
        mode = rng.random()
        series = rng.random() < 0.2
        path_get = f"/api/series/{API_SERIES[0]}" if series else None
        item = API_SERIES[0] if series else rng.choice(ADHOC_IDS)
        if not series:
            path_get = f"/api/adhoc/{item}"
        try:
            st, etag, _ = api.request("GET", path_get)
            with res.lock:
                res.requests += 1
                res.status[st] += 1
            if st >= 500:
                with res.lock:
                    res.five_xx.append(("GET", path_get, st))
                continue
            if st != 200 or etag is None:
                with res.lock:
                    res.unexpected.append(("GET", path_get, st, "no 200 with ETag"))
                continue
            label = f"c{cid}w{w}-{rng.randrange(10**6):x}"
            if series:
                to = f"2024-10-{rng.randint(4, 25):02d}T{rng.choice(['09:00', '10:00', '14:00'])}"
                body = {"original": API_SERIES[1], "to": to, "reason": label}
                method, path = "POST", f"/api/series/{item}/move"
                content = to
            else:
                body = adhoc_body(item, label, rng)
                method, path = "PUT", f"/api/adhoc/{item}"
                content = label
            if mode < 0.04:
                kind, if_match = "none", None
            elif mode < 0.08 and etag > 1:
                kind, if_match = "stale", etag - 1
            else:
                kind, if_match = "honest", etag
            st, new_etag, payload = api.request(method, path, body=body, if_match=if_match)
            done = time.monotonic()
            with res.lock:
                res.requests += 1
                res.writes += 1
                res.status[st] += 1
                if kind != "honest":
                    res.deliberate[kind] += 1
                if st >= 500:
                    res.five_xx.append((method, path, st, str(payload)[:200]))
                elif kind == "none":
                    if st == 428:
                        res.no_if_match_428 += 1
                    else:
                        res.unexpected.append((method, path, st, "write without If-Match was not 428"))
                elif kind == "stale":
                    if st == 412:
                        res.stale_412 += 1
                    else:
                        res.unexpected.append((method, path, st, f"stale If-Match {if_match} was not 412"))
                elif 200 <= st < 300:
                    rev = payload.get("revision") if isinstance(payload, dict) else None
                    if rev is None or new_etag != rev:
                        res.unexpected.append((method, path, st, f"2xx without matching revision/ETag: {payload}"))
                    res.successes.append((item, if_match, rev, content, done))
                elif st == 412:
                    res.conflicts += 1
                else:
                    res.unexpected.append((method, path, st, f"conflict answered {st}, not 412: {str(payload)[:200]}"))
        except (OSError, http.client.HTTPException, ValueError) as e:
            with res.lock:
                res.transport_errors.append(f"{type(e).__name__}: {e}")


def cli_writer(binary, env, rng, stop_flag, out):
    n = 0
    while not stop_flag.is_set():
        n += 1
        if rng.random() < 0.5:
            s, occ = rng.choice(CLI_MOVES)
            # Distinct hours per occurrence, so two moved occurrences never land on one slot.
            hours = ['08:00'] if occ.startswith("2024-04") else ['09:00', '14:00']
            to = f"2024-11-{rng.randint(4, 25):02d}T{rng.choice(hours)}"
            args = ["series", "move-occurrence", s, "--occurrence", occ, "--to", to, "--reason", f"cli{n}"]
        else:
            s, occ = rng.choice(CLI_CANCELS)
            args = ["series", "cancel-occurrence", s, "--occurrence", occ, "--reason", f"cli{n}"]
        try:
            p = subprocess.run([binary] + args, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            out["other"].append(f"{' '.join(args[:2])}: timed out")
            continue
        m = REVISION_RE.search(p.stdout)
        if p.returncode == 0 and m:
            out["ok"].append((int(m.group(1)), s, args[1]))
        elif p.returncode == 2 and "locked" in (p.stderr + p.stdout).lower():
            out["locked"] += 1
        else:
            out["other"].append(f"{' '.join(args[:3])}: exit {p.returncode}: {(p.stderr or p.stdout).strip()[:200]}")


def stop_server(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.environ.get("PODIUM_BINARY"))
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--writes", type=int, default=200, help="writes per client")
    ap.add_argument("--rounds", type=int, default=None, help="alias of --writes")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--plan", default=os.environ.get("PODIUM_PLAN", PLAN),
                    help="the plan to seed from (default: $PODIUM_PLAN or calendars/phu-yen-2024/plan.yaml);"
                         " copied into the scratch folder first")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--summary", help="also write the numbers as JSON here (make reliability's report)")
    a = ap.parse_args()
    writes = a.rounds if a.rounds is not None else a.writes
    seed = a.seed if a.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"concurrent_writers: seed {seed} (re-run with --seed {seed}); {a.clients} clients x {writes} writes"
          f" + 1 CLI writer", flush=True)
    rng = random.Random(seed)
    t0 = time.monotonic()
    work = tempfile.mkdtemp(prefix="podium-conc-")
    db = os.path.join(work, "db.sqlite")
    server = None
    log = None
    try:
        # ------------------------------------------------------------------ setup
        try:
            if not a.binary or not os.access(a.binary, os.X_OK):
                raise SetupFailure(f"PODIUM_BINARY / --binary is not an executable: {a.binary!r}")
            binary = os.path.abspath(a.binary)
            if not os.path.exists(a.plan):
                raise SetupFailure(f"missing plan {a.plan}")
            plan = os.path.join(work, "plan.yaml")   # a private copy: the working tree may change
            # Without the outcomes file it names: the writers cancel occurrences, which a
            # recorded "held" outcome would (rightly) refuse.
            with open(a.plan, encoding="utf-8") as f:
                kept = [l for l in f.read().split("\n") if not l.startswith("outcomes:")]
            with open(plan, "w", encoding="utf-8") as f:
                f.write("\n".join(kept))
            port = free_port()
            log = open(os.path.join(work, "server.log"), "w+")
            server = subprocess.Popen(
                [binary, "serve", "--database", db, "--port", str(port), "--hostname", "127.0.0.1",
                 "--as-of", "2024-06-01T00:00:00Z", "--seed", plan, "--holidays", HOLIDAYS,
                 "--rules", RULES],
                cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
            token = None
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if server.poll() is not None:
                    log.seek(0)
                    raise SetupFailure(f"server exited {server.returncode}: {log.read()[-1000:]}")
                log.seek(0)
                text = log.read()
                m = re.search(r"Bearer ([0-9A-Za-z_\-]+)", text)
                if m and "listening" in text:
                    token = m.group(1)
                    break
                time.sleep(0.2)
            if token is None:
                raise SetupFailure("server did not print a bearer token and start listening within 60 s")
            api = Api(port, token)
            for item in ADHOC_IDS:
                st, etag, payload = api.request("POST", "/api/adhoc", body=adhoc_body(item, f"{item} v0", rng))
                if st != 201 or etag is None:
                    raise SetupFailure(f"POST /api/adhoc {item}: {st} {payload}")
            st, etag, payload = api.request("GET", f"/api/series/{API_SERIES[0]}")
            if st != 200 or etag is None:
                raise SetupFailure(f"GET /api/series/{API_SERIES[0]}: {st} {payload}")
            cli_env = dict(os.environ, PODIUM_USER="admin", PODIUM_DATABASE=db, PODIUM_RULES=RULES)
            p = subprocess.run([binary, "history", "--json", "--limit", "1"], cwd=REPO, env=cli_env,
                               capture_output=True, text=True)
            if p.returncode != 0:
                raise SetupFailure(f"CLI cannot read the server's database: {p.stderr.strip()}")
        except (SetupFailure, OSError, http.client.HTTPException, ValueError) as e:
            print(f"concurrent_writers: SETUP FAILURE: {e}", file=sys.stderr)
            return 2

        # ------------------------------------------------------------------ load
        res = Results()
        stop_flag = threading.Event()
        cli_stop = threading.Event()
        cli_out = {"ok": [], "locked": 0, "other": []}
        cli_thread = threading.Thread(target=cli_writer,
                                      args=(binary, cli_env, random.Random(rng.randrange(2**32)), cli_stop, cli_out))
        threads = [threading.Thread(target=client,
                                    args=(i, api, random.Random(rng.randrange(2**32)), writes, res, stop_flag))
                   for i in range(a.clients)]
        t_load = time.monotonic()
        cli_thread.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        cli_stop.set()
        cli_thread.join()
        load_time = time.monotonic() - t_load

        # ------------------------------------------------------------------ verify
        violations = []
        final_etags = {}
        final_adhoc = {}
        for item in ADHOC_IDS:
            st, etag, payload = api.request("GET", f"/api/adhoc/{item}")
            final_etags[item] = etag
            final_adhoc[item] = payload
        for s in {API_SERIES[0], "giao-ban-bao-chi"}:
            st, etag, payload = api.request("GET", f"/api/series/{s}")
            final_etags[s] = etag
        stop_server(server)
        server_rc = server.returncode
        log.seek(0)
        server_log = log.read()

        p = subprocess.run([binary, "history", "--json", "--limit", "10000000"], cwd=REPO, env=cli_env,
                           capture_output=True, text=True)
        if p.returncode != 0:
            violations.append(f"history after the run failed: exit {p.returncode}: {p.stderr.strip()[:300]}")
            history = {}
        else:
            history = {e["revision"]: e for e in json.loads(p.stdout)}

        if res.five_xx:
            violations.append(f"{len(res.five_xx)} HTTP 5xx, e.g. {res.five_xx[:3]}")
        if res.unexpected:
            violations.append(f"{len(res.unexpected)} unexpected answers, e.g. {res.unexpected[:3]}")
        if res.transport_errors:
            violations.append(f"{len(res.transport_errors)} transport errors, e.g. {res.transport_errors[:3]}")

        # Lost updates: two successes based on the same revision of one item, a success
        # missing from the history or recorded with other content, a final state that is
        # not the last success.
        lost = 0
        by_base = defaultdict(list)
        new_revs = Counter()
        last = {}
        for item, base, rev, content, done in res.successes:
            by_base[(item, base)].append(rev)
            new_revs[rev] += 1
            if rev is not None and (item not in last or rev > last[item][0]):
                last[item] = (rev, content)
        for (item, base), revs in by_base.items():
            if len(revs) > 1:
                lost += len(revs) - 1
                violations.append(f"lost update: {item} revision {base} was the base of {len(revs)} successful writes {revs}")
        dup = [r for r, c in new_revs.items() if c > 1]
        if dup:
            violations.append(f"revisions answered to more than one write: {dup[:5]}")
        for item, base, rev, content, done in res.successes:
            e = history.get(rev)
            if e is None or e.get("entityID") != item:
                lost += 1
                violations.append(f"2xx write on {item} (revision {rev}) missing from the history"
                                  f" (found {None if e is None else e.get('entityID')})")
                continue
            after = json.dumps(e.get("after", {}), ensure_ascii=False)
            needle = content if item in ADHOC_IDS else content  # title, or the move target
            if needle not in after:
                lost += 1
                violations.append(f"history revision {rev} of {item} does not hold the write's content {needle!r}")
        for item in ADHOC_IDS:
            if item in last:
                got = (final_adhoc.get(item) or {}).get("title")
                if got != last[item][1]:
                    lost += 1
                    violations.append(f"final {item} title {got!r} is not the last successful PUT's {last[item][1]!r}")
        # The server's ETag for each item is the last revision of that item in the history.
        for item, etag in final_etags.items():
            revs = [r for r, e in history.items() if e.get("entityID") == item]
            if revs and etag != max(revs):
                violations.append(f"GET {item} answered ETag {etag}, the history's last revision of it is {max(revs)}")
        # CLI successes are in the history.
        cli_lost = 0
        for rev, s, action in cli_out["ok"]:
            e = history.get(rev)
            if e is None or e.get("entityID") != s or e.get("action") != action:
                cli_lost += 1
                violations.append(f"CLI {action} on {s} acknowledged revision {rev}, history has"
                                  f" {None if e is None else (e.get('entityID'), e.get('action'))}")
        if cli_out["other"]:
            violations.append(f"{len(cli_out['other'])} CLI failures other than 'locked', e.g. {cli_out['other'][:3]}")
        if not cli_out["ok"] and not cli_out["locked"]:
            violations.append("the CLI writer made no attempt")
        answer = integrity(db)
        if answer.strip() != "ok":
            violations.append(f"integrity_check: {answer[:300]}")
        if "Fatal error" in server_log or "panic" in server_log.lower():
            violations.append(f"server log shows a crash: {server_log[-500:]}")
        if res.deliberate["none"] and res.no_if_match_428 != res.deliberate["none"]:
            pass  # counted in res.unexpected already

        for v in violations[:40]:
            print("VIOLATION:", v, flush=True)
        if len(violations) > 40:
            print(f"... and {len(violations) - 40} more", flush=True)
        five = sum(c for s, c in res.status.items() if s >= 500)
        statuses = " ".join(f"{s}:{c}" for s, c in sorted(res.status.items()))
        print(f"concurrent_writers: {'FAIL' if violations else 'PASS'} seed={seed} clients={a.clients} "
              f"writes/client={writes} requests={res.requests} writes={res.writes} "
              f"successes={len(res.successes)} 412s={res.conflicts + res.stale_412} "
              f"(conflicts={res.conflicts}, deliberately-stale={res.stale_412}/{res.deliberate['stale']}) "
              f"428s={res.no_if_match_428}/{res.deliberate['none']} 5xx={five} lost_updates={lost} "
              f"cli_successes={len(cli_out['ok'])} cli_locked={cli_out['locked']} cli_other={len(cli_out['other'])} "
              f"cli_lost={cli_lost} integrity={answer.strip()[:20]} server_exit={server_rc} "
              f"statuses=[{statuses}] load={load_time:.1f}s time={time.monotonic() - t0:.1f}s", flush=True)
        if a.summary:
            numbers = {
                "what": "concurrent_writers", "seed": seed, "clients": a.clients, "writes_per_client": writes,
                "requests": res.requests, "writes": res.writes, "successes": len(res.successes),
                "stale_412": res.conflicts + res.stale_412, "missing_if_match_428": res.no_if_match_428,
                "server_errors": five, "lost_updates": lost, "cli_successes": len(cli_out["ok"]),
                "cli_locked": cli_out["locked"], "cli_lost": cli_lost, "integrity": answer.strip()[:20],
                "passed": not violations, "day": time.strftime("%Y-%m-%d"), "command": " ".join(sys.argv),
            }
            os.makedirs(os.path.dirname(os.path.abspath(a.summary)), exist_ok=True)
            with open(a.summary, "w") as f:
                json.dump(numbers, f, indent=1, sort_keys=True)
        return 1 if violations else 0
    finally:
        if server is not None and server.poll() is None:
            stop_server(server)
        if log is not None:
            log.close()
        if a.keep:
            print(f"  scratch folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
