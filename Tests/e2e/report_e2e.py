#!/usr/bin/env python3
"""End to end: outcomes and the yearly report (issue #12), checked against a second computation.

`podium report` turns the agenda and the recorded outcomes into the numbers a province signs.
This test recomputes every number a second time, in Python, from the rules as docs/outcomes.md,
calendars/rules/vietnam.yaml and the plans state them (not from the Swift code), and proves
that bad input is refused everywhere and that the document is a printable, self-contained file:

1. Independent recomputation. A fresh database gets the Phú Yên 2024 plan (which brings its
   `outcomes.yaml`); `podium report --year 2024 --format json --as-of 2025-01-08`, with `--agency
   ubnd-phu-yen` and without, is compared field by field with a simple recomputation from
   `podium agenda --all --json`, the plan, `outcomes.yaml` and the rules: the summary (planned = every non-draft
   occurrence of the year, cancelled ones included, but not those a holiday `skip` policy drops; held / not held / postponed; cancelled;
   moved; unrecorded; by form, agency and month; the list of changes), compliance (each
   periodic rule that binds an agency by its level, or a plan's local rule by its scope, period
   by period, judged on what was held: press information = any held statement of the agency in
   the month; a press conference = a held press-conference that is not an unplanned ad-hoc
   briefing), ad-hoc timing (trigger to the earliest of the planned start, the actual start and
   a first statement; deadline = the plan's hours, default 24, or a rule's stricter hours;
   buckets ≤ 6, 12, 24, 48 h and later, on the exact time), speakers (count and minutes per
   person-or-name and role; minutes from the actual times, else the planned duration), backups
   that spoke instead of the assigned primary, the press per month, follow-ups at 31 December
   (on time / late / still open). A report made before the year is over (`--as-of`) leaves a
   period that has not ended "pending" rather than failed, counts as unrecorded only briefings
   that have started, and judges follow-ups on its own day. Every mismatch is printed.
2. Random years. With a seeded RNG, random outcomes (held / not held / postponed / none,
   attendance within the rules, speakers from the plan's roster and guests, actual times,
   follow-ups answered early, late, after the year or never) are written as an outcomes file
   for the Phú Yên 2024 agenda and the Đắk Lắk 2026 one, imported with `podium outcome import
   FILE --as-of 2027-06-01` into a fresh database (the plan imported without its own outcomes),
   and the report (`--as-of 2027-06-01`) is compared with the same recomputation. Each seed also
   reports one plan (alternating) at a random moment inside its year, with the outcomes of
   what had started by then. Several seeds per run; actual starts of ad-hoc briefings are
   sometimes put a minute or two past a distribution boundary.
3. Bad input is refused and changes nothing: an outcome for an occurrence that does not exist,
   attendance below zero, foreign above all, answered above received, a follow-up promised
   before its briefing, an outcome for a briefing that has not started. (a) `podium outcome
   record` / `followup add`: exit 2, the message names the field, `podium history` and the
   stored outcome unchanged; (b) an outcomes file with one bad item among good ones: exit 2,
   the message has `file:line` of the bad item, and none of the good items is stored; (c) the
   API (`PUT /api/outcomes/{occurrence}`, `POST /api/followups`): 422 problem+json (404 for an
   occurrence that does not exist), nothing stored.
4. PDF. `podium report --format pdf` writes a PDF (`%PDF-`); `pdfinfo` counts between 3 and 15
   pages, and the appendix (moved, cancelled, not held) begins a page of its own, after at
   least two pages of body: the body holds three written paragraphs, eight tables and three
   charts (more than one A4 page), and the stylesheet puts `break-before: page` on the appendix.
   `pdftotext` holds the planned and held numbers and every section heading; each page is
   rendered to PNG with `pdftoppm` (the screenshots of the report).
5. HTML. Headless Chromium opens the HTML report file: no external resource (no <link>, no
   <script src>, no http(s) src/href to another host, and the browser fetched nothing), the
   charts are inline <svg> each with a <title>, axe-core finds no serious or critical
   violation; a screenshot at A4 width (794 px).
6. The workspace, in the browser. `podium serve --seed` (Phú Yên, as of 31 December 2024,
   10:00 local) and the editor it prints: the occurrence page of a past briefing without an
   outcome (from the "missing" list of /workspace/report?year=2024; if there is none, an ad-hoc
   briefing called in the past with the CLI first) gets its "after the briefing" form filled
   (held, a speaker, attendance, questions) and submitted; `GET /api/outcomes/{id}` shows it.
   A bad one (answered > received) then shows what was wrong, and the stored outcome and the
   history are unchanged; then "not held" is chosen (with a reason) on the same form and saved.
   The written parts of the report are edited on /workspace/report, and the
   workspace's `report.html` carries the new text.

Prints `ok   …` / `FAIL …` / `note …`, a summary, and exits 1 on any failure.

Usage (from anywhere; the CLI and the server run from the repository root):
    .venv/bin/python Tests/e2e/report_e2e.py PODIUM_BINARY [--seed N] [--seeds K]

The random years use seeds N, N+1, … N+K-1 (default: a random N, printed; K = 3). The binary is
copied into a temporary directory first (a rebuild during the run does not break it); the
test runs at lower CPU priority (nice 10). Screenshots and the report files go to
`.build/artefacts/report/`.
Exit status: 0 all good, 1 some check failed, 2 the test could not run (missing Chromium,
chromedriver, selenium, axe-selenium-python, PyYAML or poppler-utils, or a bad PODIUM_BINARY):
never skipped.
"""
import argparse
import base64
import datetime as dt
import html
import http.client
import json
import os
import pathlib
import queue
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
from zoneinfo import ZoneInfo
from harness import (
    CHROMEDRIVER,
    CHROMIUM,
    FAILURES,
    OKS,
    body_text,
    check,
    die,
    fail,
    free_port,
    note,
    ok,
    path_of,
)

POPPLER = ("pdfinfo", "pdftotext", "pdftoppm")
REPO = pathlib.Path(__file__).resolve().parents[2]
ARTEFACTS = REPO / ".build" / "artefacts" / "report"
RULES = REPO / "calendars" / "rules" / "vietnam.yaml"
PHU_YEN = REPO / "calendars" / "phu-yen-2024" / "plan.yaml"
DAK_LAK = REPO / "calendars" / "dak-lak-2026" / "plan.yaml"
SEED_PLAN = "calendars/phu-yen-2024/plan.yaml"
SERVER_AS_OF = "2024-12-31T03:00:00Z"   # 10:00 in Phú Yên: that morning's briefing has started
RANDOM_AS_OF = "2027-06-01"
SAMPLE_AS_OF = "2025-01-08"               # the day the sample's narrative dates its report
PROVINCE_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")  # where the report's day and a period's end are reckoned
A4_WIDTH = 794                            # 210 mm at 96 px per inch
BLOCKING_IMPACTS = ("serious", "critical")
DEFAULT_DEADLINE_HOURS = 24               # docs: an ad-hoc briefing's deadline when the plan names none
BUCKETS = (6, 12, 24, 48)                 # the distribution: ≤ 6 h, ≤ 12 h, ≤ 24 h, ≤ 48 h, later
ROLES = ("head", "deputy", "spokesperson", "authorized", "chair", "panelist", "moderator", "interpreter")



def short(text, n=300):
    text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(html.unescape(text).split())[:n]


# -- preflight ---------------------------------------------------------------------------------

def preflight(podium):
    missing = []
    for path, what in ((CHROMIUM, "chromium (apt-get install chromium)"),
                       (CHROMEDRIVER, "chromedriver (apt-get install chromium-driver)")):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            missing.append(f"{what}: {path} not found")
    for tool in POPPLER:
        if shutil.which(tool) is None:
            missing.append(f"{tool} (apt-get install poppler-utils) not on PATH")
    for module, what in (("selenium", "selenium"), ("axe_selenium_python", "axe-selenium-python"),
                         ("yaml", "PyYAML")):
        try:
            __import__(module)
        except ImportError as e:
            missing.append(f"{what} (pip install -r Tests/interop/requirements.txt): {e}")
    if not (os.path.isfile(podium) and os.access(podium, os.X_OK)):
        missing.append(f"PODIUM_BINARY {podium!r} is not an executable file")
    if missing:
        die("\n  ".join([""] + missing))


# -- running podium ----------------------------------------------------------------------------

class Podium:
    """The CLI on one database, run from the repository root (so the rules and holidays are found)."""

    def __init__(self, binary, db, user=None):
        self.binary, self.db, self.user = binary, pathlib.Path(db), user

    def run(self, *args, timeout=180):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PODIUM_")}
        if self.user:
            env["PODIUM_USER"] = self.user
        out = subprocess.run([self.binary, *map(str, args), "--database", str(self.db)], cwd=REPO,
                             capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL, env=env)
        return out.returncode, out.stdout, out.stderr

    def must(self, *args):
        rc, out, err = self.run(*args)
        if rc != 0:
            raise RuntimeError(f"`podium {' '.join(map(str, args))}` exited {rc}: {(out + err).strip()[-800:]}")
        return out

    def json(self, *args):
        return json.loads(self.must(*args, "--json"))

    def agenda(self, year):
        return self.json("agenda", "--from", f"{year}-01-01", "--to", f"{year + 1}-01-01", "--all")

    def report(self, year, agency, target, as_of):
        args = ["report", "--year", year, "--format", "json", "--out", target, "--as-of", as_of]
        if agency:
            args += ["--agency", agency]
        self.must(*args)
        return json.loads(pathlib.Path(target).read_text(encoding="utf-8"))

    def history_count(self):
        return len(self.json("history", "--limit", "100000"))


def fresh_database(binary, work, name, plan_path, keep_outcomes=True):
    """`podium init` + `podium import PLAN` into work/NAME.sqlite. Without keep_outcomes the plan
    is imported from a copy without its `outcomes:` line (so the database starts with none)."""
    p = Podium(binary, work / f"{name}.sqlite")
    p.must("init")
    plan = pathlib.Path(plan_path)
    if not keep_outcomes:
        text = plan.read_text(encoding="utf-8")
        stripped = re.sub(r"(?m)^outcomes:.*\n", "", text)
        plan = work / f"{name}-plan.yaml"
        plan.write_text(stripped, encoding="utf-8")
    p.must("import", plan)
    return p


# -- the plan, the rules, the outcomes as data --------------------------------------------------

def read_yaml(path):
    """Every scalar a string (as Podium reads YAML: no implicit typing)."""
    import yaml
    return yaml.load(pathlib.Path(path).read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}


def day(text):
    return dt.date.fromisoformat(str(text)[:10])


def local_time(text):
    """'2024-01-04T15:05' (or with seconds) → naive datetime."""
    return dt.datetime.fromisoformat(str(text)[:19] if len(str(text)) > 16 else str(text))


def minute_text(t):
    return t.strftime("%Y-%m-%dT%H:%M")


class Plan:
    """What the recomputation needs from a plan file and the national rules file."""

    def __init__(self, path, rules_path=RULES):
        doc = read_yaml(path)
        self.agencies = {a["id"]: a for a in doc.get("agencies", [])}
        self.adhoc = {b["id"]: b for b in doc.get("adhoc", [])}
        self.people = {p["id"]: p for p in doc.get("spokespeople", [])}
        self.assignments = {a["occurrence"]: a for a in doc.get("assignments", [])}
        self.series = {s["id"]: s for s in doc.get("series", [])}
        roots = [a for a, v in self.agencies.items() if not v.get("parent")]
        self.rules = []
        for r in read_yaml(rules_path).get("rules", []):
            self.rules.append(dict(r, local=False))
        for r in doc.get("local-rules", []):
            # a province's own rule binds its top agencies (and those under them) unless scoped
            self.rules.append(dict(r, local=True, scope=r.get("scope") or roots))

    def under(self, agency):
        """The agency and every agency below it."""
        out, grew = {agency}, True
        while grew:
            grew = False
            for a, v in self.agencies.items():
                if v.get("parent") in out and a not in out:
                    out.add(a)
                    grew = True
        return out

    def within(self, agency, ancestor):
        return ancestor in self.ancestors(agency)

    def ancestors(self, agency):
        out = []
        while agency and agency not in out:
            out.append(agency)
            agency = self.agencies.get(agency, {}).get("parent")
        return out

    def exception(self, occurrence_id):
        """The plan's exception for a series occurrence, or {}."""
        series, _, original = occurrence_id.partition("@")
        for e in self.series.get(series, {}).get("exceptions", []):
            if local_time(e["original"]).strftime("%Y%m%dT%H%M%S") == original:
                return e
        return {}

    def deadline_hours(self, briefing, organizer):
        """The plan's hours (default 24), or a stricter hours a rule in force on the trigger day sets."""
        hours = int(briefing.get("deadline-hours", DEFAULT_DEADLINE_HOURS))
        trigger = dt.datetime.fromisoformat(briefing["triggered-at"])
        zone = ZoneInfo(briefing.get("time-zone", "Asia/Ho_Chi_Minh"))
        trigger_day = trigger.astimezone(zone).date()
        for r in self.rules:
            if r["kind"] != "adhoc-deadline" or not in_force(r, trigger_day):
                continue
            if r["local"] and not any(self.within(organizer, s) for s in r["scope"]):
                continue
            if "hours" in (r.get("parameters") or {}):
                hours = min(hours, int(r["parameters"]["hours"]))
        return hours


def in_force(rule, on):
    return day(rule["valid-from"]) <= on and ("valid-to" not in rule or on <= day(rule["valid-to"]))


class Occ:
    """One row of `podium agenda --all --json`."""

    def __init__(self, row):
        self.id = row["id"]
        self.start = local_time(row["start"])
        self.end = local_time(row["end"])
        self.zone = ZoneInfo(row.get("timeZone") or "Asia/Ho_Chi_Minh")
        self.organizer = row["organizer"]
        self.status = row["status"]
        self.form = row["form"]
        self.moved = row["moved"]
        self.adhoc = row["adHoc"]
        self.note = row.get("note") or ""
        self.title = row.get("title", "")

    def instant(self, local):
        return local.replace(tzinfo=self.zone)

    @property
    def takes_place(self):
        return self.status in ("scheduled", "held")


def outcome_index(doc):
    return {o["occurrence"]: o for o in doc.get("outcomes", []) or []}


# -- the second computation ---------------------------------------------------------------------

def add_months(d, n):
    i = d.year * 12 + d.month - 1 + n
    return dt.date(i // 12, i % 12 + 1, 1)


def periods(months, first, end):
    """Whole periods of `months` calendar months (January-aligned: months 1, 4, 7, 10 for a
    quarter) lying inside [first, end)."""
    out = []
    a = dt.date(first.year, 1, 1)
    while a < end:
        b = add_months(a, months)
        if a >= first and b <= end:
            out.append((a, b))
        a = b
    return out


def moment(text):
    """'2027-06-01' (midnight UTC, as podium reads a day) or an ISO 8601 instant → aware datetime."""
    t = dt.datetime.fromisoformat(text.replace("Z", "+00:00") if "T" in text else text + "T00:00:00+00:00")
    return t if t.tzinfo else t.replace(tzinfo=dt.timezone.utc)


def expected_report(year, agency, agenda, plan, outcomes_doc, as_of):
    """The report, made at the moment `as_of`, recomputed from the rules (docs/outcomes.md and
    the report's day: a period not over yet is pending rather than failed, only briefings that
    have started can lack an outcome, follow-ups are judged on the report's day or 31 December,
    whichever is earlier), flattened to {path: value}."""
    scope = plan.under(agency) if agency else set(plan.agencies)
    # An occurrence a series' `skip` policy drops on a day off was never meant to be held: a
    # cancelled series occurrence without a `cancel:` exception in the plan is one of those.
    def skipped(o):
        return o.status == "cancelled" and not o.adhoc and "cancel" not in plan.exception(o.id)
    occs = [o for o in agenda if o.start.year == year and o.organizer in scope and o.status != "draft"
            and not skipped(o)]
    results = outcome_index(outcomes_doc)
    result_of = {o.id: results[o.id]["result"] for o in occs if o.id in results}
    held = [o for o in occs if result_of.get(o.id) == "held"]
    exp = {}

    # summary
    exp["summary.planned"] = len(occs)
    exp["summary.held"] = len(held)
    exp["summary.notHeld"] = sum(1 for r in result_of.values() if r == "not-held")
    exp["summary.postponed"] = sum(1 for r in result_of.values() if r == "postponed")
    exp["summary.cancelled"] = sum(1 for o in occs if o.status == "cancelled")
    moved = [o for o in occs if "move-to" in plan.exception(o.id)]
    exp["summary.moved"] = len(moved)
    unrecorded = [o.id for o in occs if o.takes_place and o.instant(o.start) <= as_of and o.id not in results]
    exp["summary.unrecorded"] = len(unrecorded)
    for o in occs:
        for group, key in (("byForm", o.form), ("byAgency", o.organizer), ("byMonth", str(o.start.month))):
            base = f"summary.{group}[{key}]"
            exp[base + ".planned"] = exp.get(base + ".planned", 0) + 1
            exp[base + ".held"] = exp.get(base + ".held", 0) + (result_of.get(o.id) == "held")
    for m in range(1, 13):  # every month is listed, empty ones too
        exp.setdefault(f"summary.byMonth[{m}].planned", 0)
        exp.setdefault(f"summary.byMonth[{m}].held", 0)
    for a in {o.organizer for o in occs}:
        exp[f"summary.byAgency[{a}].label"] = plan.agencies[a]["name"]["vi"]
    for o in occs:
        e = plan.exception(o.id)
        if "move-to" in e:
            exp[f"summary.changes{{{o.id}|moved|{e.get('reason', '')}}}"] = True
        if o.status == "cancelled":
            reason = e.get("cancel") or (o.adhoc and plan.adhoc.get(o.id, {}).get("cancel")) \
                or re.sub(r"^Hủy: ", "", o.note)
            exp[f"summary.changes{{{o.id}|cancelled|{reason}}}"] = True
        r = results.get(o.id)
        if r and r["result"] != "held":
            exp[f"summary.changes{{{o.id}|{r['result']}|{r.get('reason', '')}}}"] = True
    for i in unrecorded:
        exp[f"unrecorded{{{i}}}"] = True

    # compliance: every periodic rule that binds an agency, period by period, on what was held
    start_of_year, end_of_year = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    for a, info in plan.agencies.items():
        if a not in scope:
            continue
        first = max(start_of_year, day(info["valid-from"])) if "valid-from" in info else start_of_year
        last = min(end_of_year, day(info["valid-to"]) + dt.timedelta(days=1)) if "valid-to" in info else end_of_year
        for r in plan.rules:
            if r["kind"] not in ("periodic-conference", "periodic-information"):
                continue
            if info["level"] not in r.get("levels", []):
                continue
            if r["local"] and not any(plan.within(a, s) for s in r["scope"]):
                continue
            n = int((r.get("parameters") or {}).get("months", 1))
            for p_from, p_to in periods(n, first, last):
                if not in_force(r, p_from):
                    continue
                counted = [o for o in held if o.organizer == a and p_from <= o.start.date() < p_to
                           and (r["kind"] == "periodic-information"
                                or (o.form == "press-conference" and not unplanned_adhoc(o, plan)))]
                base = f"compliance[{r['id']}|{a}]"
                cell = f"{base}.period[{p_from}..{p_to - dt.timedelta(days=1)}]"
                exp[cell + ".met"] = bool(counted)
                period_over = dt.datetime.combine(p_to, dt.time(0, 0), PROVINCE_ZONE) <= as_of
                exp[cell + ".pending"] = not counted and not period_over
                exp[cell + ".counted"] = len(counted)
                exp[base + ".met"] = exp.get(base + ".met", 0) + bool(counted)

    # ad-hoc briefings answering a trigger, held or not yet recorded
    bucket_counts = [0] * (len(BUCKETS) + 1)
    met_count = 0
    for o in occs:
        b = plan.adhoc.get(o.id)
        if not (o.adhoc and b and b.get("trigger") != "planned" and o.takes_place):
            continue
        r = results.get(o.id)
        if r and r["result"] != "held":
            continue
        trigger = dt.datetime.fromisoformat(b["triggered-at"])
        if trigger > as_of:
            continue  # the event has not happened yet when the report is made
        candidates = [o.instant(o.start)]
        if r and r.get("actual"):
            candidates.append(o.instant(local_time(r["actual"]["start"])))
        if b.get("first-statement-at"):
            candidates.append(dt.datetime.fromisoformat(b["first-statement-at"]))
        first = min(candidates)
        hours = (first - trigger).total_seconds() / 3600
        deadline = plan.deadline_hours(b, o.organizer)
        met = first <= trigger + dt.timedelta(hours=deadline)
        met_count += met
        bucket_counts[next((i for i, h in enumerate(BUCKETS) if hours <= h), len(BUCKETS))] += 1
        base = f"adHoc[{o.id}]"
        exp[base + ".hours"] = hours
        exp[base + ".deadlineHours"] = deadline
        exp[base + ".met"] = met
        exp[base + ".triggeredAt"] = minute_text(trigger.astimezone(o.zone))
        exp[base + ".firstStatementAt"] = minute_text(first.astimezone(o.zone))
    for i, n in enumerate(bucket_counts):
        exp[f"adHoc.distribution[{BUCKETS[i] if i < len(BUCKETS) else 'later'}]"] = n
    exp["adHoc.met"] = met_count

    # speakers and backups, over held briefings
    for o in held:
        r = results[o.id]
        if r.get("actual"):
            minutes = (local_time(r["actual"]["end"]) - local_time(r["actual"]["start"])).total_seconds() // 60
        else:
            minutes = (o.end - o.start).total_seconds() // 60
        for s in r.get("speakers", []) or []:
            person = s.get("person")
            name = plan.people[person]["name"] if person in plan.people else (s.get("name") or person)
            base = f"speakers[{person or '-'}|{name}|{s['role']}]"
            exp[base + ".count"] = exp.get(base + ".count", 0) + 1
            exp[base + ".minutes"] = exp.get(base + ".minutes", 0) + int(minutes)
        a = plan.assignments.get(o.id)
        if a and a.get("primary"):
            spoke = [s.get("person") for s in r.get("speakers", []) or [] if s.get("person")]
            backups = [b for b in a.get("backups", []) if b in spoke]
            if a["primary"] not in spoke and backups:
                exp[f"backupsUsed{{{o.id}|{a['primary']}|{backups[0]}}}"] = True

    # the press per month of the (moved) start
    measures = ("briefings", "agencies", "journalists", "foreignAgencies", "foreignJournalists",
                "questionsReceived", "questionsAnswered")
    for m in [str(i) for i in range(1, 13)] + ["total"]:
        for k in measures:
            exp[f"press[{m}].{k}"] = 0
    for o in held:
        r = results[o.id]
        att, q = r.get("attendance"), r.get("questions")
        for m in (str(o.start.month), "total"):
            if att:
                exp[f"press[{m}].briefings"] += 1
                exp[f"press[{m}].agencies"] += int(att["agencies"])
                exp[f"press[{m}].journalists"] += int(att["journalists"])
                exp[f"press[{m}].foreignAgencies"] += int(att.get("foreign-agencies", 0))
                exp[f"press[{m}].foreignJournalists"] += int(att.get("foreign-journalists", 0))
            if q:
                exp[f"press[{m}].questionsReceived"] += int(q["received"])
                exp[f"press[{m}].questionsAnswered"] += int(q["answered"])

    # follow-ups promised at this year's briefings, as on 31 December (or the report's day, if earlier)
    year_end = min(dt.date(year, 12, 31), as_of.astimezone(PROVINCE_ZONE).date())
    exp["followUps.judgedOn"] = year_end.isoformat()
    ids = {o.id for o in occs}
    mine = [f for f in outcomes_doc.get("follow-ups", []) or [] if f["occurrence"] in ids]
    counts = {"onTime": 0, "late": 0, "open": 0}
    for f in mine:
        promised = day(f["promised"])
        answered = day(f["answered"]) if f.get("answered") else None
        if answered and answered <= year_end:
            status = "answered-late" if answered > promised else "on-time"
        else:
            answered = None
            status = "overdue" if year_end > promised else "open"
        counts["onTime" if status == "on-time" else "late" if status == "answered-late" else "open"] += 1
        if status != "on-time":
            exp[f"followUps.attention{{{f['occurrence']}|{f['outlet']}|{promised}|{answered or ''}|{status}}}"] = True
    exp["followUps.total"] = len(mine)
    exp["followUps.answeredOnTime"] = counts["onTime"]
    exp["followUps.answeredLate"] = counts["late"]
    exp["followUps.stillOpen"] = counts["open"]
    return exp


def unplanned_adhoc(o, plan):
    return o.adhoc and plan.adhoc.get(o.id, {}).get("trigger") != "planned"


def flatten_report(r):
    """The product's JSON in the same flat shape as expected_report."""
    got = {}
    s = r["summary"]
    for k in ("planned", "held", "notHeld", "postponed", "cancelled", "moved", "unrecorded"):
        got[f"summary.{k}"] = s[k]
    for group in ("byForm", "byAgency", "byMonth"):
        for c in s[group]:
            got[f"summary.{group}[{c['key']}].planned"] = c["planned"]
            got[f"summary.{group}[{c['key']}].held"] = c["held"]
            if group == "byAgency":
                got[f"summary.byAgency[{c['key']}].label"] = c["label"]
    for c in s["changes"]:
        got[f"summary.changes{{{c['occurrence']}|{c['kind']}|{c['reason']}}}"] = True
    for i in r["unrecorded"]:
        got[f"unrecorded{{{i}}}"] = True
    for row in r["compliance"]:
        base = f"compliance[{row['rule']}|{row['agency']}]"
        got[base + ".met"] = row["met"]
        for p in row["periods"]:
            cell = f"{base}.period[{p['from']}..{p['to']}]"
            got[cell + ".met"] = p["met"]
            got[cell + ".counted"] = p["counted"]
            got[cell + ".pending"] = p.get("pending", "—absent—")
    for b in r["adHoc"]["briefings"]:
        base = f"adHoc[{b['briefing']}]"
        got[base + ".hours"] = b["hours"]
        got[base + ".deadlineHours"] = b["deadlineHours"]
        got[base + ".met"] = b["met"]
        got[base + ".triggeredAt"] = b["triggeredAt"][:16]
        got[base + ".firstStatementAt"] = b["firstStatementAt"][:16]
    for b in r["adHoc"]["distribution"]:
        got[f"adHoc.distribution[{b.get('upTo', 'later')}]"] = b["count"]
    got["adHoc.met"] = r["adHoc"]["met"]
    for l in r["spokespeople"]["load"]:
        base = f"speakers[{l.get('person') or '-'}|{l['name']}|{l['role']}]"
        got[base + ".count"] = l["count"]
        got[base + ".minutes"] = l["minutes"]
    for b in r["spokespeople"]["backupsUsed"]:
        got[f"backupsUsed{{{b['occurrence']}|{b['assigned']}|{b['spoke']}}}"] = True
    p = r["press"]
    for m in p["byMonth"] + [dict(p["total"], month="total")]:
        for k in ("briefings", "agencies", "journalists", "foreignAgencies", "foreignJournalists",
                  "questionsReceived", "questionsAnswered"):
            got[f"press[{m['month']}].{k}"] = m[k]
    got["followUps.judgedOn"] = p.get("judgedOn", "—absent—")
    got["followUps.total"] = p["followUps"]
    got["followUps.answeredOnTime"] = p["answeredOnTime"]
    got["followUps.answeredLate"] = p["answeredLate"]
    got["followUps.stillOpen"] = p["stillOpen"]
    for f in p["attention"]:
        got[f"followUps.attention{{{f['occurrence']}|{f['outlet']}|{f['promised']}|{f.get('answered') or ''}|{f['status']}}}"] = True
    return got


def mismatches(expected, got):
    out = []
    for key in sorted(set(expected) | set(got)):
        e, g = expected.get(key, "—absent—"), got.get(key, "—absent—")
        if isinstance(e, float) or isinstance(g, float):
            if isinstance(e, (int, float)) and isinstance(g, (int, float)) and abs(e - g) <= 0.05 + 1e-9:
                continue
            e = round(e, 3) if isinstance(e, float) else e
        elif e == g:
            continue
        out.append(f"{key}: expected {e!r}, report says {g!r}")
    return out


def compare_report(label, expected, report, extra=""):
    found = mismatches(expected, flatten_report(report))
    n_fields = len(expected)
    if check(not found, f"{label}: the report agrees with the recomputation on all {n_fields} fields{extra}",
             f"{len(found)} mismatch(es), listed below"):
        return True
    for line in found:
        print(f"     | {line}", flush=True)
    if any(line.startswith("adHoc.distribution") for line in found):
        for b in report["adHoc"]["briefings"]:
            exact = expected.get(f"adHoc[{b['briefing']}].hours")
            print(f"     |   {b['briefing']}: triggered {b['triggeredAt']}, first statement {b['firstStatementAt']}: "
                  f"{exact:.3f} h exactly, the report says {b['hours']} h" if exact is not None else "", flush=True)
    return False


# -- 1. the Phú Yên sample ---------------------------------------------------------------------

def scenario_sample(ctx):
    p = fresh_database(ctx.binary, ctx.work, "sample", PHU_YEN, keep_outcomes=True)
    ctx.sample = p
    agenda = [Occ(r) for r in p.agenda(2024)]
    plan = Plan(PHU_YEN)
    outcomes = read_yaml(PHU_YEN.parent / "outcomes.yaml")
    check(any(o.moved for o in agenda) == any("move-to" in plan.exception(o.id) for o in agenda),
          "1 (control) the agenda's `moved` flags and the plan's move-to exceptions name the same occurrences",
          f"agenda {[o.id for o in agenda if o.moved]}, plan "
          f"{[o.id for o in agenda if 'move-to' in plan.exception(o.id)]}")
    for agency in ("ubnd-phu-yen", None):
        exp = expected_report(2024, agency, agenda, plan, outcomes, moment(SAMPLE_AS_OF))
        report = p.report(2024, agency, ctx.work / f"sample-{agency or 'all'}.json", SAMPLE_AS_OF)
        compare_report(f"1 Phú Yên 2024 {'--agency ' + agency if agency else 'all agencies'}", exp, report,
                       f" (planned {exp['summary.planned']}, held {exp['summary.held']})")
        ctx.sample_expected[agency] = exp
    shutil.copy(ctx.work / "sample-ubnd-phu-yen.json", ARTEFACTS / "phu-yen-2024.json")


# -- 2. random years ---------------------------------------------------------------------------

def random_outcomes(rng, agenda, plan, as_of):
    """An outcomes document for the agenda: random, but inside every rule of docs/outcomes.md."""
    people = sorted(plan.people)
    guests = ["Ông Trần Văn Khách, Sở Tài chính", "Bà Nguyễn Thị Lan, Cục Thống kê", "Mr. John Smith, interpreter"]
    started = [o for o in agenda if o.status != "draft" and o.instant(o.start) <= as_of]
    outcomes, follow_ups = [], []
    for o in started:
        roll = rng.random()
        if not o.takes_place:  # cancelled: no outcome, or recorded as not held
            if roll < 0.4:
                outcomes.append({"occurrence": o.id, "result": "not-held", "reason": "Đã hủy theo kế hoạch"})
            continue
        if roll < 0.08:
            continue  # unrecorded
        if roll < 0.16:
            outcomes.append({"occurrence": o.id, "result": "not-held", "reason": f"Lý do ngẫu nhiên {rng.randrange(1000)}"})
            continue
        later = [x for x in started if x.takes_place and x.instant(x.start) > o.instant(o.start)]
        if roll < 0.21 and later:
            outcomes.append({"occurrence": o.id, "result": "postponed", "reason": "Lùi lịch",
                             "postponed-to": rng.choice(later[:10]).id})
            continue
        item = {"occurrence": o.id, "result": "held"}
        briefing_day = o.start.date()
        if rng.random() < 0.45:
            start = random_actual_start(rng, o, plan)
            end = start + dt.timedelta(minutes=rng.randrange(15, 180))
            item["actual"] = {"start": minute_text(start), "end": minute_text(end)}
            briefing_day = start.date()
        speakers = []
        a = plan.assignments.get(o.id)
        if a and a.get("backups") and rng.random() < 0.5:  # the backup speaks instead of the primary
            speakers.append({"person": a["backups"][0], "role": "authorized"})
        else:
            for person in rng.sample(people, rng.randrange(0, 3)):
                speakers.append({"person": person, "role": rng.choice(ROLES)})
        for name in rng.sample(guests, rng.randrange(0, 2)):
            speakers.append({"name": name, "role": rng.choice(("panelist", "interpreter", "moderator"))})
        if speakers:
            item["speakers"] = speakers
        if rng.random() < 0.75:
            agencies, journalists = rng.randrange(0, 31), rng.randrange(0, 51)
            att = {"agencies": agencies, "journalists": journalists}
            if rng.random() < 0.6:
                att["foreign-agencies"] = rng.randrange(0, agencies + 1)
                att["foreign-journalists"] = rng.randrange(0, journalists + 1)
            item["attendance"] = att
        if rng.random() < 0.75:
            received = rng.randrange(0, 21)
            item["questions"] = {"received": received, "answered": rng.randrange(0, received + 1)}
        outcomes.append(item)
        for _ in range(rng.choice((0, 0, 0, 0, 0, 1, 1, 2))):
            promised = briefing_day + dt.timedelta(days=rng.randrange(0, 25))
            f = {"occurrence": o.id, "outlet": rng.choice(("Báo Thanh Niên", "TTXVN", "VnExpress", "Báo Tuổi Trẻ")),
                 "question": f"Câu hỏi {rng.randrange(10**6)}", "promised": promised.isoformat()}
            kind, answered = rng.random(), None
            if kind < 0.4:
                answered = max(briefing_day, promised - dt.timedelta(days=rng.randrange(0, 4)))
            elif kind < 0.7:
                answered = promised + dt.timedelta(days=rng.randrange(1, 40))  # late (maybe next year)
            if answered and answered <= as_of.astimezone(PROVINCE_ZONE).date():  # nothing answered in the future
                f["answered"] = answered.isoformat()
            follow_ups.append(f)
    return {"version": 1, "outcomes": outcomes, "follow-ups": follow_ups}


def coverage(exp):
    """What a random year exercised, so a reader sees that the interesting cases occur."""
    unmet = sum(1 for k, v in exp.items() if k.startswith("compliance[") and k.endswith("].met") and ".period[" in k
                and v is False and not exp[k[:-len(".met")] + ".pending"])
    pending = sum(1 for k, v in exp.items() if k.endswith(".pending") and v)
    hours = [round(v, 2) for k, v in exp.items() if k.startswith("adHoc[") and k.endswith(".hours")]
    return (f"{exp['summary.held']} held, {exp['summary.notHeld']} not held, {exp['summary.postponed']} postponed, "
            f"{exp['summary.unrecorded']} unrecorded; {unmet} periods not met, {pending} pending; ad-hoc hours {hours}; "
            f"{sum(1 for k in exp if k.startswith('backupsUsed'))} backup(s) spoke; follow-ups "
            f"{exp['followUps.answeredOnTime']} on time, {exp['followUps.answeredLate']} late, "
            f"{exp['followUps.stillOpen']} open")


def random_actual_start(rng, o, plan):
    """A start near the plan's; for an ad-hoc briefing sometimes earlier, and sometimes a minute
    or two past a distribution boundary (6, 12, 24 or 48 h after its trigger)."""
    b = plan.adhoc.get(o.id)
    if b and b.get("trigger") != "planned" and rng.random() < 0.6:
        trigger = dt.datetime.fromisoformat(b["triggered-at"]).astimezone(o.zone).replace(tzinfo=None)
        planned_hours = (o.start - trigger).total_seconds() / 3600
        edges = [h for h in BUCKETS if h < planned_hours and abs((trigger + dt.timedelta(hours=h)).date()
                                                                 - o.start.date()).days <= 1]
        if edges and rng.random() < 0.5:
            return trigger + dt.timedelta(hours=rng.choice(edges), minutes=rng.choice((1, 2)))
        earliest = max(trigger + dt.timedelta(minutes=30), dt.datetime.combine(o.start.date(), dt.time(0, 0)))
        span = int((o.start - earliest).total_seconds() // 60)
        if span > 0:
            return earliest + dt.timedelta(minutes=rng.randrange(0, span))
    return o.start + dt.timedelta(minutes=rng.randrange(-20, 45))


def dump_outcomes(doc, path):
    import yaml
    pathlib.Path(path).write_text("# generated by Tests/e2e/report_e2e.py\n" + yaml.safe_dump(
        doc, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")


def scenario_random(ctx):
    """Per seed: both plans with the year over (imported and reported as of 2027-06-01), and one
    plan (alternating) reported at a random moment inside its year, with the outcomes of what
    had started by then."""
    cases = (("Phú Yên 2024", PHU_YEN, 2024, "ubnd-phu-yen"), ("Đắk Lắk 2026", DAK_LAK, 2026, "ubnd-dak-lak"))
    for i in range(ctx.seeds):
        seed = ctx.seed + i
        for label, plan_path, year, province in cases:
            random_year(ctx, seed, label, plan_path, year, province, RANDOM_AS_OF)
        label, plan_path, year, province = cases[seed % 2]
        rng = random.Random(f"{seed}/moment")
        day_of_year = dt.date(year, 1, 15) + dt.timedelta(days=rng.randrange(0, 330))
        when = dt.datetime.combine(day_of_year, dt.time(rng.randrange(0, 24), rng.choice((0, 30))), PROVINCE_ZONE)
        random_year(ctx, seed, label, plan_path, year, province, when.isoformat())


def random_year(ctx, seed, label, plan_path, year, province, as_of_text):
    as_of = moment(as_of_text)
    name = f"random-{seed}-{year}-{as_of.date()}"
    label = f"{label} as of {as_of_text}"
    rng = random.Random(f"{seed}/{plan_path.parent.name}/{as_of_text}")
    p = fresh_database(ctx.binary, ctx.work, name, plan_path, keep_outcomes=False)
    plan = Plan(plan_path)
    agenda = [Occ(r) for r in p.agenda(year)]
    doc = random_outcomes(rng, agenda, plan, as_of)
    target = ctx.work / f"{name}-outcomes.yaml"
    dump_outcomes(doc, target)
    rc, out, err = p.run("outcome", "import", target, "--as-of", as_of_text)
    if not check(rc == 0, f"2 seed {seed} {label}: `podium outcome import` takes {len(doc['outcomes'])} "
                          f"random outcomes and {len(doc['follow-ups'])} follow-ups",
                 f"exit {rc}: {(out + err).strip()[-600:]}"):
        shutil.copy(target, ARTEFACTS / target.name)
        return
    for agency in (province, None):
        exp = expected_report(year, agency, agenda, plan, doc, as_of)
        if agency is None:
            note(f"2 seed {seed} {label}: {coverage(exp)}")
        report = p.report(year, agency, ctx.work / f"{name}-{agency or 'all'}.json", as_of_text)
        if not compare_report(f"2 seed {seed} {label} {'--agency ' + agency if agency else 'all agencies'}",
                              exp, report, f" (held {exp['summary.held']} of {exp['summary.planned']})"):
            shutil.copy(target, ARTEFACTS / target.name)
            note(f"2 the outcomes file is kept as {(ARTEFACTS / target.name).relative_to(REPO)}; "
                 f"re-run with --seed {seed} --seeds 1")


# -- 3. bad input ------------------------------------------------------------------------------

# Occurrences of the Phú Yên 2024 plan the bad-input checks use (past on 31 Dec 2024, 10:00).
GOOD_OCC = "giao-ban-bao-chi@20240102T080000"
GOOD_OCC_2 = "giao-ban-bao-chi@20240109T080000"
GOOD_OCC_3 = "hop-bao-quy@20240404T150000"
LATE_OCC = "thong-tin-bao-chi-thang@20241231T160000"   # 16:00 on 31 Dec: not started as of 10:00
NO_SUCH = "giao-ban-bao-chi@20240103T080000"           # a Wednesday: the weekly series has no such
EARLY = "2024-12-31T03:00:00Z"

# (label, what the message must name, CLI arguments after `podium`)
BAD_CLI = (
    ("an occurrence that does not exist", NO_SUCH,
     ["outcome", "record", NO_SUCH, "--result", "held", "--as-of", EARLY]),
    ("attendance below zero", "attendance.agencies",
     ["outcome", "record", GOOD_OCC, "--result", "held", "--agencies=-3", "--journalists", "5", "--as-of", EARLY]),
    ("foreign press agencies above all", "attendance.foreign-agencies",
     ["outcome", "record", GOOD_OCC, "--result", "held", "--agencies", "3", "--journalists", "5",
      "--foreign-agencies", "4", "--as-of", EARLY]),
    ("foreign journalists above all", "attendance.foreign-journalists",
     ["outcome", "record", GOOD_OCC, "--result", "held", "--agencies", "3", "--journalists", "5",
      "--foreign-journalists", "6", "--as-of", EARLY]),
    ("answered above received", "questions.answered",
     ["outcome", "record", GOOD_OCC, "--result", "held", "--received", "4", "--answered", "5", "--as-of", EARLY]),
    ("a follow-up promised before its briefing", "promised",
     ["followup", "add", GOOD_OCC, "--outlet", "Báo Phú Yên", "--question", "Kiểm thử", "--promised", "2024-01-01"]),
    ("an outcome for a briefing that has not started (--as-of before it)", "occurrence",
     ["outcome", "record", LATE_OCC, "--result", "held", "--as-of", EARLY]),
)


def state_of(p, occurrences):
    """What the bad input must not change: the audit log's length and the stored outcomes."""
    shown = {}
    for o in occurrences:
        rc, out, _ = p.run("outcome", "show", o, "--json")
        shown[o] = out if rc == 0 else None
    follow = p.json("followup", "list", "--on", "2024-12-31")
    return p.history_count(), shown, len(follow)


def scenario_bad_cli(ctx):
    p = fresh_database(ctx.binary, ctx.work, "bad", PHU_YEN, keep_outcomes=False)
    ctx.bad = p
    # One stored outcome, so "unchanged" also means "the old one is still there".
    p.must("outcome", "record", GOOD_OCC, "--result", "held", "--agencies", "7", "--journalists", "9",
           "--received", "3", "--answered", "2", "--speaker", "do-van-hai:head", "--as-of", EARLY)
    watched = [GOOD_OCC, LATE_OCC]
    for label, field, args in BAD_CLI:
        before = state_of(p, watched)
        rc, out, err = p.run(*args)
        message = (out + err).strip()
        after = state_of(p, watched)
        check(rc == 2 and field in message,
              f"3a CLI {label}: exit 2 and the message names {field!r} ({message[-160:]!r})",
              f"exit {rc}: {message[-400:]!r}")
        check(before == after, f"3a CLI {label}: history ({before[0]} entries), outcomes and follow-ups unchanged",
              f"before {before}, after {after}")
    # The same negative number written as two words (`--agencies -3`), as people type it.
    before = state_of(p, watched)
    rc, out, err = p.run("outcome", "record", GOOD_OCC, "--result", "held", "--agencies", "-3", "--journalists", "5",
                         "--as-of", EARLY)
    message = (out + err).strip()
    check(rc == 2 and state_of(p, watched) == before,
          "3a CLI `--agencies -3` (space, not `=`): refused with exit 2, nothing changed",
          f"exit {rc}: {message[-300:]!r}")
    if rc == 2 and "attendance.agencies" not in message:
        note(f"3a `--agencies -3` is refused by the argument parser, not by the rule: {message[-200:]!r}")


def bad_file(kind):
    """An outcomes file with good items and one bad one; returns (text, line of the bad item's field,
    field named, as-of)."""
    good = [
        "version: 1",
        "outcomes:",
        f"  - occurrence: {GOOD_OCC_2}",
        "    result: held",
        "    speakers:",
        "      - { person: do-van-hai, role: head }",
        "    attendance: { agencies: 12, journalists: 18, foreign-agencies: 0, foreign-journalists: 0 }",
        "    questions: { received: 6, answered: 5 }",
        f"  - occurrence: {GOOD_OCC_3}",
        "    result: held",
        "    actual: { start: 2024-04-04T15:05, end: 2024-04-04T16:40 }",
        "    attendance: { agencies: 21, journalists: 30, foreign-agencies: 1, foreign-journalists: 2 }",
    ]
    follow = [
        "follow-ups:",
        f"  - occurrence: {GOOD_OCC_3}",
        "    outlet: \"Báo Thanh Niên\"",
        "    question: \"Tiến độ cao tốc\"",
        "    promised: 2024-04-11",
    ]
    as_of = "2025-01-01"
    if kind == "follow-up promised before its briefing":
        lines = good + follow + [
            f"  - occurrence: {GOOD_OCC_2}",
            "    outlet: \"Báo Phú Yên\"",
            "    question: \"Hỏi trước buổi giao ban\"",
            "    promised: 2024-01-05",
        ]
        return "\n".join(lines) + "\n", len(lines), "promised", as_of
    bad = {
        "occurrence that does not exist": ([f"  - occurrence: {NO_SUCH}", "    result: held"], 1, "occurrence"),
        "attendance below zero": ([f"  - occurrence: {GOOD_OCC}", "    result: held",
                                   "    attendance:", "      agencies: -2", "      journalists: 10"], 4, "agencies"),
        "foreign above all": ([f"  - occurrence: {GOOD_OCC}", "    result: held",
                               "    attendance:", "      agencies: 2", "      journalists: 10",
                               "      foreign-agencies: 3"], 6, "foreign-agencies"),
        "answered above received": ([f"  - occurrence: {GOOD_OCC}", "    result: held",
                                     "    questions:", "      received: 3", "      answered: 4"], 5, "answered"),
        "briefing not started (--as-of before it)": ([f"  - occurrence: {LATE_OCC}", "    result: held"], 1,
                                                      "occurrence"),
    }[kind]
    lines = good[:8] + bad[0] + good[8:] + follow
    line = 8 + bad[1]
    if kind.startswith("briefing not started"):
        as_of = EARLY
    return "\n".join(lines) + "\n", line, bad[2], as_of


BAD_FILES = ("occurrence that does not exist", "attendance below zero", "foreign above all",
             "answered above received", "follow-up promised before its briefing",
             "briefing not started (--as-of before it)")


def scenario_bad_file(ctx):
    p = ctx.bad
    watched = [GOOD_OCC, GOOD_OCC_2, GOOD_OCC_3, LATE_OCC]
    for kind in BAD_FILES:
        text, line, field, as_of = bad_file(kind)
        target = ctx.work / f"bad-{re.sub(r'[^a-z]+', '-', kind)}.yaml"
        target.write_text(text, encoding="utf-8")
        before = state_of(p, watched)
        rc, out, err = p.run("outcome", "import", target, "--as-of", as_of)
        message = (out + err).strip()
        place = f"{target.name}:{line}:"
        check(rc == 2 and place in message and field in message,
              f"3b file with one bad item ({kind}) among good ones: exit 2, the message names {place}… and "
              f"{field!r} ({message[message.find(target.name):][:150]!r})", f"exit {rc}: {message[-400:]!r}")
        after = state_of(p, watched)
        check(before == after and after[1][GOOD_OCC_2] is None and after[1][GOOD_OCC_3] is None,
              f"3b …and none of its good items is stored (history, outcomes, follow-ups unchanged)",
              f"before {before}, after {after}")
    # Control: the same file without the bad item imports (so the refusals above were the bad item's).
    text, _, _, _ = bad_file("occurrence that does not exist")
    target = ctx.work / "good-control.yaml"
    target.write_text(text.replace(f"  - occurrence: {NO_SUCH}\n    result: held\n", ""), encoding="utf-8")
    rc, out, err = p.run("outcome", "import", target, "--as-of", "2025-01-01")
    check(rc == 0 and p.run("outcome", "show", GOOD_OCC_3, "--json")[0] == 0,
          "3b (control) the good items alone import and are stored", f"exit {rc}: {(out + err).strip()[-300:]}")


def scenario_bad_api(ctx):
    s = ctx.server
    auth = {"Authorization": f"Bearer {s.token}", "Content-Type": "application/json"}
    occ = GOOD_OCC_2  # has an outcome from the seeded sample
    cases = (
        ("an occurrence that does not exist", NO_SUCH, {"result": "held"}, (404, 422)),
        ("attendance below zero", occ, {"result": "held", "agencies": -1, "journalists": 4}, (422,)),
        ("foreign journalists above all", occ,
         {"result": "held", "agencies": 3, "journalists": 4, "foreignJournalists": 5}, (422,)),
        ("answered above received", occ, {"result": "held", "questionsReceived": 2, "questionsAnswered": 3}, (422,)),
        ("a briefing that has not started", LATE_OCC, {"result": "held"}, (422,)),
    )
    fields = {"attendance below zero": "attendance.agencies",
              "foreign journalists above all": "attendance.foreign-journalists",
              "answered above received": "questions.answered", "a briefing that has not started": "occurrence",
              "an occurrence that does not exist": NO_SUCH}
    for label, target, body, statuses in cases:
        before = (api_outcome(s, target), s.cli.history_count())
        status, headers, reply = call("PUT", s.base, f"/api/outcomes/{urllib.parse.quote(target)}",
                                      json.dumps(body), {**auth, "If-Match": f'"{outcome_etag(s, target)}"'})
        text = reply.decode(errors="replace")
        ctype = headers.get("Content-Type", "")
        check(status in statuses and "application/problem+json" in ctype and fields[label] in text,
              f"3c API PUT /api/outcomes ({label}): {' or '.join(map(str, statuses))} problem+json naming "
              f"{fields[label]!r}", f"{status} {ctype}: {text[:300]!r}")
        if status == 404 and 422 in statuses:
            note(f"3c an outcome for an occurrence that does not exist answers 404 (the resource), not 422")
        after = (api_outcome(s, target), s.cli.history_count())
        check(before == after, f"3c …stored outcome and history unchanged", f"before {before}, after {after}")
    # Every write quotes the revision it read: without If-Match the API answers 428, with a
    # stale one 412, and nothing changes.
    before = (api_outcome(s, occ), s.cli.history_count())
    status, _, reply = call("PUT", s.base, f"/api/outcomes/{urllib.parse.quote(occ)}",
                            json.dumps({"result": "held"}), auth)
    check(status == 428, "3c API PUT /api/outcomes without If-Match: 428", f"{status}: {short(reply)}")
    stale = outcome_etag(s, occ) + 1
    status, _, reply = call("PUT", s.base, f"/api/outcomes/{urllib.parse.quote(occ)}",
                            json.dumps({"result": "held"}), {**auth, "If-Match": f'"{stale}"'})
    check(status == 412, "3c API PUT /api/outcomes with a stale If-Match: 412", f"{status}: {short(reply)}")
    check((api_outcome(s, occ), s.cli.history_count()) == before, "3c …stored outcome and history unchanged")
    before = (len(api_json(s, "/api/followups")), s.cli.history_count())
    status, headers, reply = call("POST", s.base, "/api/followups", json.dumps(
        {"occurrence": occ, "outlet": "Báo Phú Yên", "question": "Hỏi trước", "promised": "2024-01-02"}), auth)
    check(status == 422 and "application/problem+json" in headers.get("Content-Type", "")
          and "promised" in reply.decode(errors="replace"),
          "3c API POST /api/followups promised before its briefing: 422 problem+json naming 'promised'",
          f"{status} {headers.get('Content-Type')}: {reply[:300]!r}")
    after = (len(api_json(s, "/api/followups")), s.cli.history_count())
    check(before == after, "3c …follow-ups and history unchanged", f"before {before}, after {after}")


# -- 4. PDF and 5. HTML ------------------------------------------------------------------------

HEADINGS_VI = ("I. KẾT QUẢ ĐẠT ĐƯỢC", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM",
               "PHỤ LỤC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
HEADINGS_EN = ("I. RESULTS", "II. SHORTCOMINGS AND CAUSES", "III. DIRECTIONS FOR", "APPENDIX",
               "SOCIALIST REPUBLIC OF VIET NAM")


def scenario_pdf(ctx):
    p = ctx.sample
    for lang, agency, headings, planned_word, held_word in (
            ("vi", "ubnd-phu-yen", HEADINGS_VI, "Theo kế hoạch", "Đã tổ chức"),
            ("en", None, HEADINGS_EN, "Planned", "Held")):
        name = f"phu-yen-2024-{agency or 'all'}-{lang}"
        target = ARTEFACTS / f"{name}.pdf"
        args = ["report", "--year", "2024", "--format", "pdf", "--lang", lang, "--out", target, "--as-of", SAMPLE_AS_OF]
        if agency:
            args += ["--agency", agency]
        rc, out, err = p.run(*args)
        data = target.read_bytes() if target.exists() else b""
        if not check(rc == 0 and data.startswith(b"%PDF-"), f"4 `podium report --format pdf --lang {lang}` writes a PDF",
                     f"exit {rc}, {len(data)} bytes starting {data[:8]!r}: {(out + err).strip()[-300:]}"):
            continue
        expected = ctx.sample_expected[agency]
        info = subprocess.run(["pdfinfo", target], capture_output=True, text=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)) if re.search(r"^Pages:", info, re.M) else 0
        texts = [subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), target, "-"],
                                capture_output=True, text=True).stdout for i in range(1, pages + 1)]
        whole = " ".join(" ".join(t.split()) for t in texts)
        check(3 <= pages <= 15, f"4 {target.name}: {pages} pages (asserted 3–15: more than an A4 of body, "
                                f"then the appendix on its own page)")
        appendix_word = headings[3]
        appendix_pages = [i + 1 for i, t in enumerate(texts) if appendix_word in t]
        starts_page = bool(appendix_pages) and texts[appendix_pages[0] - 1].strip().startswith(appendix_word)
        check(starts_page and appendix_pages[0] >= 3,
              f"4 {target.name}: the appendix ({appendix_word}) begins page {appendix_pages[:1]} of its own, after "
              f"at least two pages of body",
              f"found on pages {appendix_pages}; that page begins "
              f"{texts[appendix_pages[0] - 1].strip()[:80]!r}" if appendix_pages else "not found")
        for heading in headings:
            check(heading in whole, f"4 {target.name}: pdftotext has the heading {heading!r}")
        numbers = f"{planned_word} {expected['summary.planned']}, {held_word} {expected['summary.held']}"
        check(numbers in whole, f"4 {target.name}: pdftotext has the recomputed summary numbers {numbers!r}",
              f"text around: {whole[whole.find(planned_word) - 20:whole.find(planned_word) + 80]!r}")
        for old in ARTEFACTS.glob(f"{name}-page-*.png"):
            old.unlink()
        rc = subprocess.run(["pdftoppm", "-r", "60", "-png", target, ARTEFACTS / f"{name}-page"],
                            capture_output=True).returncode
        shots = sorted(ARTEFACTS.glob(f"{name}-page-*.png"))
        check(rc == 0 and len(shots) == pages and all(s.stat().st_size > 2000 for s in shots),
              f"4 pdftoppm renders each of the {pages} pages to PNG: {name}-page-*.png", f"exit {rc}, {len(shots)} files")


def scenario_html(ctx):
    p, d = ctx.sample, ctx.browser
    target = ARTEFACTS / "phu-yen-2024-ubnd-phu-yen.html"
    rc, out, err = p.run("report", "--year", "2024", "--agency", "ubnd-phu-yen", "--format", "html", "--out", target,
                         "--as-of", SAMPLE_AS_OF)
    if not check(rc == 0 and target.exists(), "5 `podium report --format html` writes the file",
                 f"exit {rc}: {(out + err).strip()[-300:]}"):
        return
    source = target.read_text(encoding="utf-8")
    external = re.findall(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//[^"'\s>]+""", source, re.I)
    external += re.findall(r"""url\(\s*["']?\s*(?:https?:)?//[^)]+|@import[^;]+""", source, re.I)
    external += re.findall(r"<link\b[^>]*>|<script\b[^>]*\bsrc[^>]*>|<iframe\b[^>]*>", source, re.I)
    check(not external, "5 the HTML file has no <link>, <script src>, <iframe>, http(s) src/href, CSS url() or @import",
          f"{external[:5]}")
    d.get(target.as_uri())
    fetched = d.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith('data:'));")
    check(not fetched, "5 Chromium fetched nothing while opening it (Resource Timing is empty)", f"{fetched[:5]}")
    svgs = d.execute_script("""
        return Array.from(document.querySelectorAll('svg')).map(s => {
          const t = s.querySelector(':scope > title');
          return [t ? t.textContent.trim() : '', s.closest('figure') !== null, s.getAttribute('role') || ''];
        });""")
    check(len(svgs) >= 3 and all(t for t, _, _ in svgs),
          f"5 the charts are {len(svgs)} inline <svg>, each with a <title>: {[t for t, _, _ in svgs]}", f"{svgs}")
    shot = screenshot(d, "report-html-a4", A4_WIDTH)
    check(shot.stat().st_size > 10000, f"5 screenshot at A4 width ({A4_WIDTH} px): {shot.name}")
    axe_check(d, "5 axe on the HTML report")


def screenshot(driver, name, width):
    try:
        metrics = {"width": width, "height": 1123, "deviceScaleFactor": 1, "mobile": False}
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        height = driver.execute_script("return document.documentElement.scrollHeight;")
        metrics["height"] = min(max(int(height or 0), 600), 16000)
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
        target = ARTEFACTS / f"{name}.png"
        target.write_bytes(base64.b64decode(shot["data"]))
        return target
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def axe_check(driver, label):
    from axe_selenium_python import Axe
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    blocking, minor = [], []
    for v in results.get("violations", []):
        targets = [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])]
        line = f"{v['id']} ({v.get('impact')}): {v.get('help', '')}; {len(targets)} node(s): {', '.join(targets[:4])}"
        (blocking if v.get("impact") in BLOCKING_IMPACTS else minor).append(line)
    check(not blocking, f"{label}: no serious or critical violation", "; ".join(blocking))
    for line in minor:
        note(f"{label}: not blocking: {line}")


# -- 6. the workspace, in the browser -----------------------------------------------------------

def call(method, base, path, body=None, headers=None):
    """(status, headers, body) of one request, never following redirects."""
    u = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    try:
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body)
        conn.request(method, path, body=body.encode() if isinstance(body, str) else body, headers=dict(headers or {}))
        r = conn.getresponse()
        return r.status, r.headers, r.read()
    except OSError as e:
        return 0, http.client.HTTPMessage(), str(e).encode()
    finally:
        conn.close()


def api_json(s, path):
    status, _, body = call("GET", s.base, path, headers={"Authorization": f"Bearer {s.token}"})
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}: {short(body)}")
    return json.loads(body)


def outcome_etag(s, occ):
    """The outcome's revision from GET's ETag; 0 when none is recorded (or no such occurrence)."""
    status, headers, _ = call("GET", s.base, f"/api/outcomes/{urllib.parse.quote(occ)}",
                              headers={"Authorization": f"Bearer {s.token}"})
    return int(headers.get("ETag", '"0"').strip('W/"')) if status == 200 else 0


def api_outcome(s, occ):
    """The stored outcome as the API shows it, or None (404)."""
    status, _, body = call("GET", s.base, f"/api/outcomes/{urllib.parse.quote(occ)}",
                           headers={"Authorization": f"Bearer {s.token}"})
    if status == 404:
        return None
    if status != 200:
        raise RuntimeError(f"GET /api/outcomes/{occ} answered {status}: {short(body)}")
    return json.loads(body)["outcome"]


class Server:
    """`podium serve --seed` on a fresh database, started early (seeding hashes four passwords)."""

    def __init__(self, binary, work):
        self.db = work / "server.sqlite"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [binary, "serve", "--database", str(self.db), "--seed", SEED_PLAN, "--hostname", "127.0.0.1",
             "--port", str(self.port), "--as-of", SERVER_AS_OF],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
        self.lines, self.log = queue.Queue(), []
        self.binary = binary

        def drain():  # reads for the server's whole life, so its pipe never fills up
            for line in self.proc.stdout:
                self.log.append(line)
                self.lines.put(line)
            self.lines.put(None)

        threading.Thread(target=drain, daemon=True).start()

    def ready(self, timeout=180):
        banner, deadline = "", time.time() + timeout
        while "listening" not in banner:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.time()))
            except queue.Empty:
                raise RuntimeError(f"the server did not say 'listening' within {timeout}s:\n{banner}")
            if line is None:
                raise RuntimeError(f"the server exited ({self.proc.wait()}) before listening:\n{banner}")
            banner += line
        self.logins = {m.group(1): (m.group(2), m.group(3))
                       for m in re.finditer(r"^\s+([a-z]+)\s+(\S+) / (\S+)\s*$", banner, re.M)}
        token = re.search(r"Bearer ([0-9A-Za-z_-]+)", banner)
        if "editor" not in self.logins or "admin" not in self.logins or not token:
            raise RuntimeError(f"the banner shows no editor/admin login or API token:\n{banner}")
        self.token = token.group(1)
        self.cli = Podium(self.binary, self.db, user=self.logins["admin"][0])
        for _ in range(100):
            if call("GET", self.base, "/healthz")[0] == 200:
                return
            time.sleep(0.1)
        raise RuntimeError("the server says it listens but /healthz never answered 200")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)


def start_browser(work):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={work / 'chrome'}",
                "--window-size=1280,900", "--renderer-process-limit=2", "--allow-file-access-from-files"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    return driver


def submit_and_wait(driver, button):
    """Clicks a submit button and waits until the next page has loaded."""
    from selenium.webdriver.support.ui import WebDriverWait
    driver.execute_script("window.__podiumE2eOldPage = true;")
    button.click()

    def next_page_loaded(d):
        try:
            return d.execute_script("return !window.__podiumE2eOldPage && document.readyState === 'complete';")
        except Exception:  # mid-navigation
            return False

    WebDriverWait(driver, 30).until(next_page_loaded)


def sign_in(driver, base, login, password):
    from selenium.webdriver.common.by import By
    driver.delete_all_cookies()
    driver.get(base + "/workspace/month")
    if not path_of(driver).startswith("/login"):
        raise RuntimeError(f"signed out, /workspace/month did not send the browser to /login but to {path_of(driver)}")
    driver.find_element(By.ID, "user").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(password)
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action^='/login'] button[type=submit]"))
    if path_of(driver).startswith("/login"):
        raise RuntimeError(f"signing in as {login} failed: {short(driver.page_source)}")


def fill(driver, form, name, value):
    """Types into a text field; sets a select or datetime-local through the DOM (as a user's choice)."""
    from selenium.webdriver.common.by import By
    el = form.find_element(By.CSS_SELECTOR, f"[name='{name}']")
    if el.tag_name == "select" or el.get_attribute("type") in ("datetime-local", "date"):
        driver.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
            "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", el, value)
        if el.get_attribute("value") != value:
            raise RuntimeError(f"field {name} did not take the value {value!r} (it has {el.get_attribute('value')!r})")
    else:
        el.clear()
        el.send_keys(value)


def outcome_form(driver, occ):
    from selenium.webdriver.common.by import By
    found = driver.find_elements(By.CSS_SELECTOR, f"form[action='/workspace/occurrences/{occ}/outcome']")
    return found[0] if found else None


def missing_on_report_page(ctx):
    from selenium.webdriver.common.by import By
    d, s = ctx.browser, ctx.server
    d.get(s.base + "/workspace/report?year=2024")
    links = d.find_elements(By.CSS_SELECTOR, "a[href^='/workspace/occurrences/'][href$='#after']")
    return [urllib.parse.unquote(urllib.parse.urlsplit(a.get_attribute("href")).path.split("/")[-1]) for a in links]


def scenario_workspace(ctx):
    from selenium.webdriver.common.by import By
    s, d = ctx.server, ctx.browser
    sign_in(d, s.base, *s.logins["editor"])
    ok(f"6 the editor printed by `podium serve` ({s.logins['editor'][0]}) signs in")
    missing = missing_on_report_page(ctx)
    screenshot(d, "workspace-report-before", 1280)
    note(f"6 /workspace/report?year=2024 lists {len(missing)} briefing(s) without an outcome: {missing[:5]}")
    created = False
    if not missing:
        # Every past briefing has one: call an ad-hoc briefing in the past first (as the admin, CLI).
        rc, out, err = s.cli.run("adhoc", "add", "e2e-hop-bao-cuoi-nam", "--title", "Họp báo kiểm thử cuối năm",
                                 "--organizer", "ubnd-phu-yen", "--trigger", "press-request",
                                 "--triggered-at", "2024-12-20T08:00:00+07:00", "--start", "2024-12-20T14:00")
        if not check(rc == 0, "6 no briefing lacks an outcome, so `podium adhoc add` calls one on 20 Dec 2024",
                     f"exit {rc}: {(out + err).strip()[-300:]}"):
            return
        created = True
        deadline = time.time() + 10  # the server sees the CLI's change within a second or so
        while time.time() < deadline and not missing:
            time.sleep(1)
            missing = missing_on_report_page(ctx)
    if not check(missing, "6 /workspace/report?year=2024 lists a past briefing without an outcome",
                 short(body_text(d), 400)):
        return
    occ = "e2e-hop-bao-cuoi-nam" if created and "e2e-hop-bao-cuoi-nam" in missing else missing[0]
    check(api_outcome(s, occ) is None, f"6 (control) GET /api/outcomes/{occ} answers 404 before")
    link = d.find_elements(By.CSS_SELECTOR, f"a[href='/workspace/occurrences/{occ}#after']")
    if link:
        submit_and_wait(d, link[0])
    else:
        d.get(f"{s.base}/workspace/occurrences/{occ}#after")
    form = outcome_form(d, occ)
    if not check(form is not None, f"6 /workspace/occurrences/{occ} has the 'after the briefing' form",
                 short(body_text(d), 300)):
        return
    screenshot(d, "occurrence-after-empty", 1280)
    axe_check(d, f"6 axe on /workspace/occurrences/{occ}")
    good = {"result": "held", "speaker1": "nguyen-van-an", "role1": "spokesperson", "agencies": "17",
            "foreignAgencies": "1", "journalists": "23", "foreignJournalists": "2",
            "questionsReceived": "9", "questionsAnswered": "8", "note": "Kiểm thử e2e"}
    for name, value in good.items():
        fill(d, form, name, value)
    submit_and_wait(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    check(path_of(d) == f"/workspace/occurrences/{occ}", "6 submitting it comes back to the occurrence page",
          f"on {path_of(d)}: {short(body_text(d), 300)}")
    stored = api_outcome(s, occ)
    want = {"result": "held", "speakers": ["nguyen-van-an:spokesperson"], "agencies": 17, "journalists": 23,
            "foreignAgencies": 1, "foreignJournalists": 2, "questionsReceived": 9, "questionsAnswered": 8}
    got = stored and {k: stored.get(k) for k in want}
    check(got == want, f"6 GET /api/outcomes/{occ} shows what the form said", f"{json.dumps(stored, ensure_ascii=False)[:500]}")
    screenshot(d, "occurrence-after-recorded", 1280)

    # A bad one: answered > received. The page says what was wrong; nothing is stored.
    form = outcome_form(d, occ)
    if form is None:
        return fail("6 the occurrence page has no outcome form after saving")
    fill(d, form, "questionsReceived", "3")
    fill(d, form, "questionsAnswered", "5")
    history_before = s.cli.json("history", "--id", occ, "--limit", "1000")
    submit_and_wait(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    text = body_text(d)
    check("questions.answered" in text or ("5" in text and "3" in text and "answered" in text.lower()),
          "6 a bad outcome (5 answered of 3 received) shows the page again saying what was wrong",
          f"on {path_of(d)}: {short(text, 400)}")
    screenshot(d, "occurrence-after-refused", 1280)
    check(api_outcome(s, occ) == stored, f"6 …and GET /api/outcomes/{occ} is unchanged",
          f"{json.dumps(api_outcome(s, occ), ensure_ascii=False)[:300]}")
    history_after = s.cli.json("history", "--id", occ, "--limit", "1000")
    check(history_after == history_before, f"6 …and `podium history --id {occ}` is unchanged "
                                           f"({len(history_before)} entries)",
          f"{len(history_before)} → {len(history_after)}: {json.dumps(history_after[:3], ensure_ascii=False)[:600]}")

    # Not held: the user picks the result and says why; the rest of the form stays as the page
    # filled it in (the actual times, the speaker, the numbers recorded before).
    form = outcome_form(d, occ)
    if form is not None:
        fill(d, form, "result", "not-held")
        fill(d, form, "reason", "Kiểm thử e2e: không tổ chức")
        submit_and_wait(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        after = api_outcome(s, occ)
        check(after and after.get("result") == "not-held",
              "6 recording 'not held' with the form (result and reason chosen, the other fields as the page "
              "pre-fills them) is saved",
              f"stored {json.dumps(after, ensure_ascii=False)[:300]}; the page says "
              f"{short(body_text(d), 260)!r}")
        screenshot(d, "occurrence-after-not-held", 1280)

    # The written parts of the report.
    d.get(s.base + "/workspace/report?year=2024&agency=ubnd-phu-yen")
    narrative = d.find_elements(By.CSS_SELECTOR, "form[method=post][action='/workspace/report']")
    if not check(narrative, "6 /workspace/report has the form for the report's written parts",
                 short(body_text(d), 300)):
        return
    marker = f"Kiểm thử e2e {ctx.seed}: năm 2024 tổ chức đủ họp báo định kỳ quý."
    fill(d, narrative[0], "achievements", marker)
    fill(d, narrative[0], "shortcomings", "Một số nội dung trả lời chậm (kiểm thử).")
    submit_and_wait(d, narrative[0].find_element(By.CSS_SELECTOR, "button[type=submit]"))
    check(path_of(d).startswith("/workspace/report"), "6 saving the written parts comes back to /workspace/report",
          f"on {path_of(d)}: {short(body_text(d), 300)}")
    screenshot(d, "workspace-report-after", 1280)
    axe_check(d, "6 axe on /workspace/report")
    d.get(s.base + "/workspace/report/report.html?year=2024&agency=ubnd-phu-yen")
    source = d.page_source
    check(html.escape(marker, quote=False) in source or marker in source,
          "6 the workspace's report.html carries the new text", short(source, 300))


# -- main --------------------------------------------------------------------------------------

class Context:
    def __init__(self, binary, work, seed, seeds):
        self.binary, self.work, self.seed, self.seeds = binary, work, seed, seeds
        self.sample = self.bad = self.server = self.browser = None
        self.sample_expected = {}   # agency (or None) → the recomputed report


def run(label, scenario, ctx):
    started = time.time()
    print(f"---- {label}", flush=True)
    try:
        scenario(ctx)
    except Exception as e:  # a scenario that breaks is that scenario's failure; the others still run
        first_line = (str(e).strip().splitlines() or [""])[0]
        fail(f"{label}: {type(e).__name__}: {first_line}")
        print("".join(traceback.format_tb(e.__traceback__, limit=-3)), file=sys.stderr, flush=True)
    note(f"{label} took {time.time() - started:.1f} s")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("podium", metavar="PODIUM_BINARY")
    parser.add_argument("--seed", type=int, default=None, help="first seed of the random years (default: random)")
    parser.add_argument("--seeds", type=int, default=3, help="how many random years per plan (default 3)")
    args = parser.parse_args(argv[1:])
    original = os.path.abspath(args.podium)
    preflight(original)
    seed = args.seed if args.seed is not None else random.randrange(1, 2**31)
    print(f"report_e2e: seed {seed} (re-run with --seed {seed})", flush=True)
    try:
        os.nice(10)  # share the machine: builds and other tests go first
    except OSError:
        pass
    started = time.time()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in list(ARTEFACTS.glob("*.png")) + list(ARTEFACTS.glob("*.pdf")) + list(ARTEFACTS.glob("*.yaml")):
        old.unlink()
    work = pathlib.Path(tempfile.mkdtemp(prefix="podium-report-"))
    binary = str(work / "podium")
    shutil.copy2(original, binary)  # a rebuild during the run must not pull it away
    ctx = Context(binary, work, seed, args.seeds)
    try:
        ctx.server = Server(binary, work)  # seeds while the CLI checks run
        try:
            ctx.browser = start_browser(work)
        except Exception as e:
            die(f"Chromium/chromedriver did not start: {type(e).__name__}: {e}")
        run("1 the Phú Yên sample, recomputed", scenario_sample, ctx)
        run("2 random years", scenario_random, ctx)
        run("3a bad input on the command line", scenario_bad_cli, ctx)
        run("3b bad outcomes files", scenario_bad_file, ctx)
        if ctx.sample is not None:
            run("4 PDF", scenario_pdf, ctx)
            run("5 the HTML file in Chromium", scenario_html, ctx)
        try:
            ctx.server.ready()
            print(f"---- server on {ctx.server.base}", flush=True)
        except Exception as e:
            fail(f"podium serve: {e}")
        else:
            run("3c bad input through the API", scenario_bad_api, ctx)
            run("6 the workspace in the browser", scenario_workspace, ctx)
        errors = [l.rstrip() for l in ctx.server.log if " error " in l or "status=5" in l]
        for line in errors[:10]:
            note(f"server logged: {line}")
    finally:
        if ctx.browser is not None:
            try:
                ctx.browser.quit()
            except Exception:
                pass
        if ctx.server is not None:
            ctx.server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nartefacts in {ARTEFACTS}")
    print(f"seed {seed} ({args.seeds} random year(s) per plan); {time.time() - started:.0f} s")
    print(f"{OKS[0]} passed, {len(FAILURES)} failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
