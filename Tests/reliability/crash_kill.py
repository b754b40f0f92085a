#!/usr/bin/env python3
"""Crash-consistency check for the `podium` CLI: SIGKILL commands mid-flight.

For each kind of command -- `write` (CLI writes), `export` (an export over a file that
already holds an old version) and `import` (plan re-import with small random edits) -- run
N rounds: start the command, SIGKILL it after a random delay (0-300 ms, sometimes at once,
sometimes the moment its temporary file appears), then check

  * `pragma integrity_check` answers ok (python's sqlite3 module; nothing installed);
  * every write that printed its success line ("revision N") before it ended or was killed
    is in `podium history --json`, on the right item;
  * a killed import is all or nothing (re-running it updates either nothing or exactly the
    items it edits);
  * the export file is byte-identical to the old version or to a complete new export
    (a reference made without kill);
  * no temporary file (AtomicFile's `.<name>.<UUID>.tmp`, or any `*.tmp`) in the export's
    folder outlives the next successful run.

Usage:
  PODIUM_BINARY=/tmp/relcopy/podium nice python3 Tests/reliability/crash_kill.py --rounds 15 [--seed S]

Exit 0 when every property held, 1 when one was violated, 2 when the setup failed.
"""

import argparse
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import random

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PLAN = os.path.join(REPO, "calendars", "phu-yen-2024", "plan.yaml")
HOLIDAYS = os.path.join(REPO, "calendars", "holidays", "vietnam.yaml")
RULES = os.path.join(REPO, "calendars", "rules", "vietnam.yaml")
REVISION_RE = re.compile(r"\brevision\D{0,4}(\d+)")
MAX_DELAY = 0.300


class SetupFailure(Exception):
    pass


class Runner:
    def __init__(self, binary, workdir, db):
        self.binary = binary
        self.workdir = workdir
        self.db = db
        self.env = dict(os.environ, PODIUM_USER="admin", PODIUM_DATABASE=db, PODIUM_RULES=RULES)

    def run(self, args, timeout=60):
        p = subprocess.run([self.binary] + args, cwd=REPO, env=self.env, capture_output=True,
                           text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr

    def must(self, args, what):
        rc, out, err = self.run(args)
        if rc != 0:
            raise SetupFailure(f"{what}: exit {rc}: {err.strip() or out.strip()}")
        return out

    def start(self, args):
        return subprocess.Popen([self.binary] + args, cwd=REPO, env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def history(self):
        rc, out, err = self.run(["history", "--json", "--limit", "1000000"])
        if rc != 0:
            raise RuntimeError(f"history failed: exit {rc}: {err.strip()}")
        return {e["revision"]: e for e in json.loads(out)}


def integrity(db):
    """`pragma integrity_check` through python's sqlite3; returns the answer text."""
    try:
        con = sqlite3.connect(db, timeout=10)
        try:
            rows = con.execute("pragma integrity_check").fetchall()
        finally:
            con.close()
        return "\n".join(str(r[0]) for r in rows)
    except sqlite3.Error as e:
        return f"error: {e}"


class Stats:
    def __init__(self):
        self.rounds = 0
        self.kills = 0            # SIGKILL delivered to a live process
        self.kills_in_tmp = 0     # ... while its temporary file existed
        self.finished_first = 0   # the command ended before the kill was due
        self.acked = 0            # success lines seen (completed or killed runs)
        self.integrity_failures = 0
        self.lost_acked = 0
        self.torn_files = 0
        self.torn_imports = 0
        self.leftover_tmp = 0
        self.unexpected = 0       # a completion run that failed, etc.
        self.notes = []

    def violation(self, msg):
        self.notes.append(msg)
        print("VIOLATION:", msg, flush=True)


def tmp_files(folder, name):
    out = []
    for f in os.listdir(folder):
        if f.endswith(".tmp") or (f.startswith("." + name + ".") and f != name):
            out.append(f)
    return sorted(out)


def choose_delay(rng, typical):
    """0-300 ms: sometimes at once, often around the command's own run time."""
    r = rng.random()
    if r < 0.15:
        return 0.0
    if r < 0.70:
        return min(MAX_DELAY, rng.uniform(0.2, 1.0) * typical)
    return rng.uniform(0.0, MAX_DELAY)


def run_and_kill(runner, args, delay, stats, watch=None):
    """Start `args`, SIGKILL after `delay` s (or as soon as a temp file shows in `watch`
    = (folder, name)). Returns (killed, stdout, stderr, returncode, tmp_seen_at_kill)."""
    p = runner.start(args)
    t0 = time.monotonic()
    tmp_seen = False
    if watch is None:
        if delay > 0:
            try:
                p.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                pass
    else:
        folder, name = watch
        prefix = "." + name + "."
        while time.monotonic() - t0 < MAX_DELAY and p.poll() is None:
            try:
                if any(f.startswith(prefix) for f in os.listdir(folder)):
                    tmp_seen = True
                    break
            except FileNotFoundError:
                pass
    killed = False
    if p.poll() is None:
        try:
            p.send_signal(signal.SIGKILL)
            killed = True
        except ProcessLookupError:
            pass
    out, err = p.communicate(timeout=60)
    if p.returncode != -signal.SIGKILL:
        killed = False  # it had already exited on its own
    if killed:
        stats.kills += 1
        if tmp_seen:
            stats.kills_in_tmp += 1
    else:
        stats.finished_first += 1
    return killed, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), p.returncode


def check_integrity(runner, stats, label):
    answer = integrity(runner.db)
    if answer.strip() != "ok":
        stats.integrity_failures += 1
        stats.violation(f"{label}: integrity_check: {answer[:300]}")


def check_acked(runner, stats, acked, label):
    """acked: list of (revision, entity id)."""
    try:
        hist = runner.history()
    except Exception as e:  # history itself failing after a kill is a defect too
        stats.unexpected += 1
        stats.violation(f"{label}: {e}")
        return
    for rev, entity in acked:
        e = hist.get(rev)
        if e is None or (entity is not None and e.get("entityID") != entity):
            stats.lost_acked += 1
            got = None if e is None else e.get("entityID")
            stats.violation(f"{label}: acknowledged revision {rev} ({entity}) missing from history (found {got})")


# ---------------------------------------------------------------------------- writes

SERIES_OCCURRENCES = [
    ("hop-bao-quy", "2024-01-04T15:00"), ("hop-bao-quy", "2024-04-04T15:00"),
    ("hop-bao-quy", "2024-10-03T15:00"),
    ("giao-ban-bao-chi", "2024-06-11T08:00"), ("giao-ban-bao-chi", "2024-08-20T08:00"),
    ("thong-tin-bao-chi-thang", "2024-05-31T16:00"), ("thong-tin-bao-chi-thang", "2024-09-30T16:00"),
]
PEOPLE = ["nguyen-van-an", "tran-thi-binh", "le-van-cuong", "pham-thi-dung"]


def random_write(rng, n):
    kind = rng.choice(["move", "cancel", "adhoc", "unavailable"])
    if kind == "move":
        s, occ = rng.choice(SERIES_OCCURRENCES)
        # No 08:00, 15:00 or 16:00: a move onto another occurrence of the series is refused.
        to = f"2024-11-{rng.randint(4, 29):02d}T{rng.choice(['09:00', '10:00', '14:00'])}"
        return s, ["series", "move-occurrence", s, "--occurrence", occ, "--to", to, "--reason", f"r{n}"]
    if kind == "cancel":
        s, occ = rng.choice(SERIES_OCCURRENCES)
        return s, ["series", "cancel-occurrence", s, "--occurrence", occ, "--reason", f"c{n}"]
    if kind == "adhoc":
        aid = f"kill-{n}-{rng.randrange(10**6)}"
        return aid, ["adhoc", "add", aid, "--title", f"Kill test {n}", "--organizer", "ubnd-phu-yen",
                     "--trigger", "incident", "--triggered-at", "2024-11-16T22:00:00+07:00",
                     "--start", f"2024-11-{rng.randint(17, 28):02d}T15:00"]
    p = rng.choice(PEOPLE)
    d = rng.randint(1, 27)
    return p, ["spokesperson", "unavailable", p, "--from", f"2024-08-{d:02d}T00:00:00+07:00",
               "--to", f"2024-08-{d + 1:02d}T00:00:00+07:00", "--kind", rng.choice(["leave", "travel", "busy"])]


def phase_write(runner, rng, rounds, stats, typical):
    acked = []
    for n in range(rounds):
        stats.rounds += 1
        entity, args = random_write(rng, n)
        delay = choose_delay(rng, typical)
        killed, out, err, rc = run_and_kill(runner, args, delay, stats)
        m = REVISION_RE.search(out)
        if m:
            stats.acked += 1
            acked.append((int(m.group(1)), entity))
        elif not killed and rc != 0:
            stats.unexpected += 1
            stats.violation(f"write {n}: {' '.join(args[:3])} exited {rc} without being killed: {err.strip()[:200]}")
        check_integrity(runner, stats, f"write {n}")
        # The next successful run: a small write that must succeed and be acknowledged.
        e2, args2 = random_write(rng, f"{n}b")
        rc2, out2, err2 = runner.run(args2)
        m2 = REVISION_RE.search(out2)
        if rc2 != 0 or not m2:
            stats.unexpected += 1
            stats.violation(f"write {n}: follow-up write after the kill failed: exit {rc2}: {err2.strip()[:200]}")
        else:
            stats.acked += 1
            acked.append((int(m2.group(1)), e2))
        check_acked(runner, stats, acked, f"write {n}")


# ---------------------------------------------------------------------------- export

def phase_export(runner, rng, rounds, stats, folder, typical):
    name = "public.ics"
    out_path = os.path.join(folder, name)
    args = ["export", "--audience", "public", "--as-of", "2024-06-01", "--rules", RULES, "--out", out_path]
    ref_path = os.path.join(runner.workdir, "reference.ics")
    old_path = os.path.join(runner.workdir, "old.ics")
    runner.must(["export", "--audience", "public", "--as-of", "2024-06-01", "--rules", RULES, "--out", ref_path],
                "reference export")
    # The "old version": a complete, different feed (English), as a previous run would leave.
    runner.must(["export", "--audience", "public", "--lang", "en", "--as-of", "2024-06-01", "--rules", RULES,
                 "--out", old_path], "old-version export")
    ref = open(ref_path, "rb").read()
    old = open(old_path, "rb").read()
    if ref == old or not ref or not old:
        raise SetupFailure("reference and old exports must differ and be non-empty")
    for n in range(rounds):
        stats.rounds += 1
        shutil.copyfile(old_path, out_path)
        watch = (folder, name) if rng.random() < 0.4 else None
        delay = choose_delay(rng, typical)
        killed, out, err, rc = run_and_kill(runner, args, delay, stats, watch=watch)
        data = open(out_path, "rb").read() if os.path.exists(out_path) else None
        if data != old and data != ref:
            stats.torn_files += 1
            what = "missing" if data is None else f"{len(data)} bytes"
            stats.violation(f"export {n}: file is neither the old nor the new export ({what}, killed={killed})")
        if (not killed and rc == 0 or "events for" in out) and data != ref:
            stats.torn_files += 1
            stats.violation(f"export {n}: a run that reported success left {len(data or b'')} bytes,"
                            f" not the reference (killed={killed})")
        check_integrity(runner, stats, f"export {n}")
        left_after_kill = tmp_files(folder, name)
        # The next successful run must leave the new file and no temporary file.
        rc2, out2, err2 = runner.run(args)
        if rc2 != 0:
            stats.unexpected += 1
            stats.violation(f"export {n}: follow-up export failed: exit {rc2}: {err2.strip()[:200]}")
            continue
        if open(out_path, "rb").read() != ref:
            stats.torn_files += 1
            stats.violation(f"export {n}: follow-up export differs from the reference")
        left = tmp_files(folder, name)
        left = [f"{f} ({os.path.getsize(os.path.join(folder, f))} bytes)" for f in left]
        if left:
            stats.leftover_tmp += len(left)
            stats.violation(f"export {n}: temporary file(s) outlived the next successful run: {left}"
                            f" (present right after the kill: {left_after_kill})")
            for f in tmp_files(folder, name):  # count each leftover once
                os.remove(os.path.join(folder, f))


# ---------------------------------------------------------------------------- import

def plan_items(text):
    """(id, title line index, duration line index) of each series and ad-hoc item."""
    lines = text.split("\n")
    items, section, cur = [], None, None
    for i, line in enumerate(lines):
        if re.match(r"^[a-z]", line):
            section = line.split(":")[0]
            cur = None
            continue
        if section not in ("series", "adhoc"):
            continue
        m = re.match(r"^  - id: (\S+)", line)
        if m:
            cur = {"id": m.group(1), "kind": section, "title": None, "duration": None}
            items.append(cur)
        elif cur and cur["title"] is None and re.match(r'^    title: \{ vi: "', line):
            cur["title"] = i
        elif cur and cur["duration"] is None and re.match(r"^    duration: \d+", line):
            cur["duration"] = i
    return lines, [it for it in items if it["title"] is not None and it["duration"] is not None]


def edit_plan(rng, lines, items, n):
    """Edits 1-3 items in place; returns their (kind, id) names."""
    edited = set()
    for it in rng.sample(items, rng.randint(1, min(3, len(items)))):
        if rng.random() < 0.6:
            i = it["title"]
            lines[i] = re.sub(r'(vi: ")([^"]*?)( \[[0-9a-z-]+\])?(")',
                              lambda m: f'{m.group(1)}{m.group(2)} [{n}-{rng.randrange(10**6):x}]{m.group(4)}',
                              lines[i], count=1)
        else:
            i = it["duration"]
            current = int(re.search(r"\d+", lines[i]).group(0))
            new = rng.choice([d for d in (30, 45, 60, 75, 90, 120) if d != current])
            lines[i] = re.sub(r"\d+", str(new), lines[i], count=1)
        edited.add(f"{it['kind']} {it['id']}")
    return edited


def phase_import(runner, rng, rounds, stats, typical):
    text = open(PLAN, encoding="utf-8").read()
    lines, items = plan_items(text)
    if len(items) < 3:
        raise SetupFailure(f"could not find editable items in {PLAN}")
    plan_path = os.path.join(runner.workdir, "plan.yaml")
    # Copy the plan's neighbours? The importer reads only the file; holidays were imported.
    # Converge first: the earlier phases changed items the plan also defines.
    for _ in range(3):
        with open(plan_path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        rc, out, err = runner.run(["import", "--json", plan_path])
        if rc != 0:
            raise SetupFailure(f"plan re-import: exit {rc}: {err.strip()}")
        j = json.loads(out)
        if not j["updated"] and not j["created"]:
            break
    else:
        raise SetupFailure("re-importing the unchanged plan three times still changes items")
    acked = []
    for n in range(rounds):
        stats.rounds += 1
        edited = edit_plan(rng, lines, items, n)
        with open(plan_path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        delay = choose_delay(rng, typical)
        killed, out, err, rc = run_and_kill(runner, ["import", "--json", plan_path], delay, stats)
        m = re.search(r'"revision"\s*:\s*(\d+)', out)
        if m:
            stats.acked += 1
            acked.append((int(m.group(1)), None))
        elif not killed and rc != 0:
            stats.unexpected += 1
            stats.violation(f"import {n}: exited {rc} without being killed: {err.strip()[:200]}")
        check_integrity(runner, stats, f"import {n}")
        # The next successful run: the same import, unkilled. All or nothing means it now
        # updates either nothing (the killed run committed) or exactly the edited items.
        rc2, out2, err2 = runner.run(["import", "--json", plan_path])
        if rc2 != 0:
            stats.unexpected += 1
            stats.violation(f"import {n}: follow-up import failed: exit {rc2}: {err2.strip()[:200]}")
            continue
        j = json.loads(out2)
        updated = set(j["updated"]) | set(j["created"])
        if updated and updated != edited:
            stats.torn_imports += 1
            stats.violation(f"import {n}: killed import left a partial state: re-run updated {sorted(updated)},"
                            f" edited {sorted(edited)} (killed={killed})")
        if m and updated:
            stats.lost_acked += 1
            stats.violation(f"import {n}: import acknowledged revision {m.group(1)} but its changes"
                            f" were not in the database: re-run updated {sorted(updated)}")
        if "revision" in j:
            acked.append((j["revision"], None))
        check_acked(runner, stats, acked, f"import {n}")


# ---------------------------------------------------------------------------- main

def timed(runner, args):
    t = time.monotonic()
    rc, out, err = runner.run(args)
    return time.monotonic() - t, rc, err


def write_summary(path, numbers):
    """The run's numbers as JSON, with the day and the command (RELIABILITY.md is made from them)."""
    numbers = dict(numbers, day=time.strftime("%Y-%m-%d"), command=" ".join(sys.argv))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump(numbers, f, indent=1, sort_keys=True)


def main():
    global PLAN
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.environ.get("PODIUM_BINARY"),
                    help="the podium binary (default: $PODIUM_BINARY)")
    ap.add_argument("--rounds", type=int, default=20, help="rounds per kind")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--plan", default=os.environ.get("PODIUM_PLAN", PLAN),
                    help="the plan to seed from (default: $PODIUM_PLAN or calendars/phu-yen-2024/plan.yaml);"
                         " copied into the scratch folder first")
    ap.add_argument("--kinds", default="write,export,import")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    ap.add_argument("--summary", help="also write the numbers as JSON here (make reliability's report)")
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"crash_kill: seed {seed} (re-run with --seed {seed}); rounds {a.rounds} per kind; kinds {a.kinds}",
          flush=True)
    rng = random.Random(seed)
    kinds = [k.strip() for k in a.kinds.split(",") if k.strip()]
    t_start = time.monotonic()
    work = tempfile.mkdtemp(prefix="podium-crash-")
    stats = Stats()
    try:
        try:
            if not a.binary or not os.access(a.binary, os.X_OK):
                raise SetupFailure(f"PODIUM_BINARY / --binary is not an executable: {a.binary!r}")
            for k in kinds:
                if k not in ("write", "export", "import"):
                    raise SetupFailure(f"unknown kind {k}")
            for f in (a.plan, HOLIDAYS, RULES):
                if not os.path.exists(f):
                    raise SetupFailure(f"missing {f}")
            # A private copy: the working tree's plan may change while we run.
            PLAN = os.path.join(work, "plan-original.yaml")
            # Without the outcomes file it names: this harness edits and re-imports the plan's
            # items, which outcomes of past briefings would (rightly) hold in place.
            with open(a.plan, encoding="utf-8") as f:
                kept = [l for l in f.read().split("\n") if not l.startswith("outcomes:")]
            with open(PLAN, "w", encoding="utf-8") as f:
                f.write("\n".join(kept))
            db = os.path.join(work, "db.sqlite")
            runner = Runner(os.path.abspath(a.binary), work, db)
            out = runner.must(["init", "--admin", "admin"], "init")
            if "one-time password" not in out:
                raise SetupFailure(f"init printed no one-time password: {out.strip()}")
            runner.must(["import", HOLIDAYS], "holiday import")
            runner.must(["import", PLAN], "plan import")
            if integrity(db) != "ok":
                raise SetupFailure("fresh database fails integrity_check")
            exports = os.path.join(work, "exports")
            os.mkdir(exports)
            # Typical run times, to aim some kills inside the command.
            tw, rc, err = timed(runner, ["spokesperson", "unavailable", "nguyen-van-an", "--from",
                                         "2024-12-01T00:00:00+07:00", "--to", "2024-12-02T00:00:00+07:00"])
            if rc != 0:
                raise SetupFailure(f"calibration write failed: {err.strip()}")
            te, rc, err = timed(runner, ["export", "--audience", "internal", "--as-of", "2024-06-01",
                                         "--rules", RULES, "--out", os.path.join(work, "calib.ics")])
            if rc != 0:
                raise SetupFailure(f"calibration export failed: {err.strip()}")
            ti, rc, err = timed(runner, ["import", PLAN])
            if rc != 0:
                raise SetupFailure(f"calibration import failed: {err.strip()}")
            print(f"  typical run times: write {tw*1000:.0f} ms, export {te*1000:.0f} ms, import {ti*1000:.0f} ms",
                  flush=True)
        except SetupFailure as e:
            print(f"crash_kill: SETUP FAILURE: {e}", file=sys.stderr)
            return 2
        except (OSError, subprocess.SubprocessError) as e:
            print(f"crash_kill: SETUP FAILURE: {e}", file=sys.stderr)
            return 2

        per_kind = {}
        for k in kinds:
            before = (stats.kills, stats.kills_in_tmp, stats.finished_first, stats.acked)
            t = time.monotonic()
            try:
                if k == "write":
                    phase_write(runner, rng, a.rounds, stats, tw)
                elif k == "export":
                    phase_export(runner, rng, a.rounds, stats, exports, te)
                else:
                    phase_import(runner, rng, a.rounds, stats, ti)
            except SetupFailure as e:
                print(f"crash_kill: SETUP FAILURE in {k}: {e}", file=sys.stderr)
                return 2
            per_kind[k] = (stats.kills - before[0], stats.kills_in_tmp - before[1],
                           stats.finished_first - before[2], stats.acked - before[3], time.monotonic() - t)
            kk = per_kind[k]
            print(f"  {k}: {a.rounds} rounds, {kk[0]} kills ({kk[1]} with the temp file present), "
                  f"{kk[2]} ended before the kill, {kk[3]} acknowledged, {kk[4]:.1f}s", flush=True)

        failed = (stats.integrity_failures or stats.lost_acked or stats.torn_files or stats.torn_imports
                  or stats.leftover_tmp or stats.unexpected)
        print(f"crash_kill: {'FAIL' if failed else 'PASS'} seed={seed} rounds={stats.rounds} "
              f"kills={stats.kills} (in-temp-window={stats.kills_in_tmp}, ended-before-kill={stats.finished_first}) "
              f"acked={stats.acked} integrity_failures={stats.integrity_failures} "
              f"lost_acked_writes={stats.lost_acked} torn_files={stats.torn_files} "
              f"torn_imports={stats.torn_imports} leftover_tmp_files={stats.leftover_tmp} "
              f"unexpected_failures={stats.unexpected} time={time.monotonic() - t_start:.1f}s", flush=True)
        if a.summary:
            write_summary(a.summary, {
                "what": "crash_kill", "seed": seed, "rounds_per_kind": a.rounds, "kinds": kinds,
                "rounds": stats.rounds, "kills": stats.kills, "kills_in_temp_window": stats.kills_in_tmp,
                "ended_before_kill": stats.finished_first, "acknowledged": stats.acked,
                "integrity_failures": stats.integrity_failures, "lost_acknowledged_writes": stats.lost_acked,
                "torn_files": stats.torn_files, "torn_imports": stats.torn_imports,
                "leftover_temporary_files": stats.leftover_tmp, "unexpected_failures": stats.unexpected,
                "per_kind": {k: {"kills": v[0], "in_temp_window": v[1]} for k, v in per_kind.items()},
                "passed": not failed,
            })
        return 1 if failed else 0
    finally:
        if a.keep:
            print(f"  scratch folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
