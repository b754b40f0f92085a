#!/usr/bin/env python3
"""End to end: spokespeople answer their assignments on /my, in real browsers (issue #11, "Proof").

A spokesperson signs in and lands on their own page `/my`: their coming assignments, each to
acknowledge, decline with a reason or offer to colleagues; colleagues' offers they may take;
their absences and the assignments those clash with. The secretariat approves taken swaps on
/workspace/approvals. Every change to an assignment queues mail in the outbox (`podium outbox
--json`), and each person's private feed (`/feeds/spokespeople/<token>.ics`) follows.

Setup, all with the CLI before the server starts (the server runs on the real clock: only
briefings ahead can be answered): `podium init --admin admin`; `podium import
calendars/dak-lak-2026/plan.yaml`; a third person entitled to speak for ubnd-dak-lak
(`podium spokesperson add tran-minh-quan … --entitlement spokesperson`: the plan has only two
people entitled for any one matter); an ad-hoc briefing of ubnd-dak-lak on socio-economic
matters at 09:00 on the first weekday at least three days ahead; `podium assign` it with
le-thi-hoa (the People's Committee's spokesperson) as primary and pham-van-son (authorized for
socio-economic matters) as backup; users for le-thi-hoa, pham-van-son, tran-minh-quan and
y-khoa-nie (authorized for disaster only: not entitled here; the one who reads English), each
`--role spokesperson --scope <their agency> --person <id>` and the one-time password `user add`
prints, and an editor of ubnd-dak-lak; private feed tokens (`podium token create --kind spokesperson`). Then
`podium serve --sendmail none` (mail off, the outbox still fills) on a free loopback port.
Three headless Chromium instances (A, B, C) sign in through /login:

1. A: the primary (le-thi-hoa) lands on /my, sees the briefing as primary, acknowledges it
   (the page then shows it acknowledged, also after a reload); nothing is queued for it.
2. A: she declines with a reason → the flash names the promoted backup and the briefing leaves
   her page; B: the backup (pham-van-son), signed in meanwhile, sees it on /my as primary; his
   private feed has the event with SUMMARY "[Chính] …" and hers no longer has it; the outbox
   gained exactly (unassigned, le-thi-hoa) and (changed, pham-van-son) for it; `podium history`
   shows the decline with her reason.
3. Two people signed in: B (pham-van-son) offers it; A signs in as tran-minh-quan, sees the
   offer and takes it (the page says it waits for approval; nothing queued yet); C, the
   editor, approves it on /workspace/approvals; A's /my shows it as primary, B's no longer
   lists it, the feeds follow; the outbox gained exactly (unassigned, pham-van-son) and
   (assigned, tran-minh-quan); history shows offer, take and swap.
4. A (tran-minh-quan): a travel period the day after the briefing does not clash; a leave
   period covering its day does: the page lists it under the clashes and marks its row.
5. While the offer is open: y-khoa-nie (C, not entitled) does not see it and his forged POST
   /my/offers/{id}/take (with his own session and CSRF token) is refused (4xx); so is the
   offerer's own take (already on the assignment); a take without a CSRF token and one with
   another session's token are refused (403), and so is a decline without one; after all
   that the offer is still open, the assignment unchanged, the outbox and history unchanged.
6. axe-core on every page visited: no "serious" or "critical" violation; screenshots of each
   at 1280 and 390 px into `.build/artefacts/answers/`; each page fits a 390 px viewport.

Prints `ok   …` / `FAIL …` / `note …`, a summary, and exits 1 on any failure.

Usage (from anywhere; the CLI and the server run from the repository root):
    .venv/bin/python Tests/e2e/answers_e2e.py PODIUM_BINARY

The binary is copied into a temporary directory first (a rebuild during the run does not
break it); the test runs at lower CPU priority (nice 10).
Exit status: 0 all good, 1 some check failed, 2 the test could not run (missing Chromium,
chromedriver, selenium or axe-selenium-python, or a bad PODIUM_BINARY): never skipped.
"""
import argparse
import base64
import datetime
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from harness import (
    CHROMEDRIVER,
    CHROMIUM,
    FAILURES,
    OKS,
    body_text,
    call,
    check,
    die,
    fail,
    form_for,
    free_port,
    h1,
    note,
    ok,
    path_of,
    run,
    session_of,
    short,
    start_browser,
    submit_and_wait,
    submit_form,
)

PLAN = "calendars/dak-lak-2026/plan.yaml"
REPO = pathlib.Path(__file__).resolve().parents[2]
ARTEFACTS = REPO / ".build" / "artefacts" / "answers"
WIDTHS = (1280, 390)
BLOCKING_IMPACTS = ("serious", "critical")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
VN = datetime.timezone(datetime.timedelta(hours=7))

ORGANIZER = "ubnd-dak-lak"
TOPIC = "socio-economic"
OCC = "e2e-tra-loi"                       # the ad-hoc briefing's id is its occurrence id
TITLE = "Họp báo kiểm thử trả lời phân công"
UID = f"{OCC}.assignment@"                # the private feed's UID (Invitation.uid), domain aside
DECLINE_REASON = "Trùng lịch họp Tỉnh ủy (kiểm thử e2e)"
LEAVE_REASON = "Nghỉ phép (kiểm thử e2e)"
TRAVEL_REASON = "Công tác Hà Nội (kiểm thử e2e)"


class Person:
    def __init__(self, pid, name, agency, login, lang="vi"):
        self.id, self.name, self.agency, self.login, self.lang = pid, name, agency, login, lang
        self.password = self.feed = self.page = None


PRIMARY = Person("le-thi-hoa", "Lê Thị Hoa", "vp-ubnd-dak-lak", "hoa")          # the plan's
BACKUP = Person("pham-van-son", "Phạm Văn Sơn", "vp-ubnd-dak-lak", "son")       # the plan's
TAKER = Person("tran-minh-quan", "Trần Minh Quân", ORGANIZER, "quan")           # added here
OUTSIDER = Person("y-khoa-nie", "Y Khoa Niê", ORGANIZER, "khoa", lang="en")     # the plan's; reads English
AUTHORIZATIONS_END = datetime.date(2026, 12, 31)  # the plan's valid-to of pham-van-son's authorization
EDITOR = ("bientap", "Ban thư ký (kiểm thử)")



# -- preflight ---------------------------------------------------------------------------------

def preflight(podium):
    missing = []
    for path, what in ((CHROMIUM, "chromium (apt-get install chromium)"),
                       (CHROMEDRIVER, "chromedriver (apt-get install chromium-driver)")):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            missing.append(f"{what}: {path} not found")
    try:
        import selenium  # noqa: F401
    except ImportError as e:
        missing.append(f"selenium (pip install -r Tests/interop/requirements.txt): {e}")
    try:
        import axe_selenium_python  # noqa: F401
    except ImportError as e:
        missing.append(f"axe-selenium-python (pip install -r Tests/interop/requirements.txt): {e}")
    if not (os.path.isfile(podium) and os.access(podium, os.X_OK)):
        missing.append(f"PODIUM_BINARY {podium!r} is not an executable file")
    if missing:
        die("\n  ".join([""] + missing))


# -- the data and the server -------------------------------------------------------------------

def briefing_day():
    """The first Monday–Friday at least three days ahead (Vietnam time)."""
    day = datetime.datetime.now(VN).date() + datetime.timedelta(days=3)
    while day.isoweekday() > 5:
        day += datetime.timedelta(days=1)
    return day


class Server:
    def __init__(self, podium, work):
        self.podium, self.db = podium, work / "podium.sqlite"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = None
        self.log = []

    def cli(self, *args, stdin=None, user="admin"):
        """Runs `podium ARGS --database DB` as `user` from the repository root."""
        env = {**os.environ, "PODIUM_USER": user}
        out = subprocess.run([self.podium, *args, "--database", str(self.db)], cwd=REPO, capture_output=True,
                             text=True, timeout=120, input=stdin, env=env)
        return out.returncode, out.stdout, out.stderr

    def must(self, *args, **kw):
        rc, out, err = self.cli(*args, **kw)
        if rc != 0:
            raise RuntimeError(f"`podium {' '.join(args)}` exited {rc}: {(out + err).strip()[:600]}")
        return out + err

    def setup(self, day):
        self.must("init", "--admin", "admin")
        self.must("import", PLAN)
        if day > AUTHORIZATIONS_END:
            # The plan's written authorizations (pham-van-son's among them) end with 2026: a backup
            # entitled by the same rule the taker is, added here instead.
            BACKUP.id, BACKUP.name = "vo-thi-lan", "Võ Thị Lan"
            note(f"setup: {day} is after the plan's authorizations end ({AUTHORIZATIONS_END}): the backup is "
                 f"{BACKUP.id}, added as a spokesperson of {ORGANIZER}")
            self.must("spokesperson", "add", BACKUP.id, "--name", BACKUP.name, "--title", "Chuyên viên (kiểm thử)",
                      "--agency", ORGANIZER, "--entitlement", "spokesperson", "--languages", "vi,en",
                      "--email", "lan.vt@daklak.example.vn")
            BACKUP.agency = ORGANIZER
        self.must("spokesperson", "add", TAKER.id, "--name", TAKER.name, "--title", "Phó Chánh Văn phòng (kiểm thử)",
                  "--agency", ORGANIZER, "--entitlement", "spokesperson", "--languages", "vi,en",
                  "--email", "quan.tm@daklak.example.vn")
        out = self.must("adhoc", "add", OCC, "--title", TITLE, "--title-en", "Test briefing: answers",
                        "--organizer", ORGANIZER, "--topic", TOPIC, "--trigger", "planned",
                        "--triggered-at", f"{day.isoformat()}T07:00:00+07:00", "--start", f"{day.isoformat()}T09:00",
                        "--minutes", "60", "--venue", "hoi-truong-ubnd-dak-lak")
        if "warn" in out.lower() or "cảnh báo" in out.lower():
            note(f"setup: `podium adhoc add` warned: {' '.join(out.split())[:300]}")
        out = self.must("assign", OCC, "--primary", PRIMARY.id, "--backup", BACKUP.id, "--reason", "Kiểm thử e2e")
        if "warn" in out.lower() or "cảnh báo" in out.lower():
            note(f"setup: `podium assign` warned: {' '.join(out.split())[:300]}")
        for p in (PRIMARY, BACKUP, TAKER, OUTSIDER):
            out = self.must("user", "add", p.login, "--display-name", p.name, "--role", "spokesperson",
                            "--scope", p.agency, "--person", p.id, "--lang", p.lang)
            p.password = one_time_password(out)
            out = self.must("token", "create", "--kind", "spokesperson", "--subject", p.id, "--base-url", self.base)
            p.feed = path_in(out, r"/feeds/spokespeople/[^\s/?#]+\.ics")
            p.page = path_in(out, r"/me/[^\s/?#]+")
        out = self.must("user", "add", EDITOR[0], "--display-name", EDITOR[1], "--role", "editor", "--scope", ORGANIZER)
        self.editor = (EDITOR[0], one_time_password(out))

    def start(self):
        self.proc = subprocess.Popen(
            [self.podium, "serve", "--database", str(self.db), "--hostname", "127.0.0.1", "--port", str(self.port),
             "--sendmail", "none"],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)

        def drain():  # reads for the server's whole life, so its pipe never fills up
            for line in self.proc.stdout:
                self.log.append(line)

        threading.Thread(target=drain, daemon=True).start()
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"podium serve exited {self.proc.returncode}: {''.join(self.log)[-800:]}")
            if call("GET", self.base, "/healthz")[0] == 200:
                return
            time.sleep(0.1)
        raise RuntimeError(f"/healthz did not answer 200 within 60 s: {''.join(self.log)[-800:]}")

    def outbox(self):
        """This occurrence's outbox rows, oldest first."""
        rc, out, err = self.cli("outbox", "--json", "--limit", "100000")
        if rc != 0:
            raise RuntimeError(f"`podium outbox --json` exited {rc}: {err.strip()[:300]}")
        return sorted((r for r in json.loads(out) if r.get("occurrence") == OCC), key=lambda r: r["id"])

    def history(self, everything=False):
        """This occurrence's audit entries (or every entry)."""
        which = () if everything else ("--id", OCC)
        rc, out, err = self.cli("history", *which, "--json", "--limit", "100000")
        if rc != 0:
            raise RuntimeError(f"`podium history {' '.join(which)} --json` exited {rc}: {err.strip()[:300]}")
        return json.loads(out)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)


def one_time_password(output):
    m = re.search(r"one-time password:\s*(\S+)", output)
    if not m:
        raise RuntimeError(f"no one-time password in: {output.strip()[:300]}")
    return m.group(1)


def path_in(output, pattern):
    m = re.search(pattern, output)
    if not m:
        raise RuntimeError(f"no {pattern} in: {output.strip()[:300]}")
    return m.group(0)


# -- HTTP and feeds ----------------------------------------------------------------------------

def unescape_text(value):
    return re.sub(r"\\([\\,;nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def feed_events(base, path):
    """The VEVENTs of a private feed whose UID is this briefing's: a list of {NAME: value}."""
    status, _, body = call("GET", base, path)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}: {short(body)}")
    text = re.sub(r"\r?\n[ \t]", "", body.decode("utf-8"))
    events = []
    for block in re.findall(r"^BEGIN:VEVENT\r?$(.*?)^END:VEVENT\r?$", text, re.M | re.S):
        props = {}
        for line in block.strip().splitlines():
            m = re.match(r"([A-Z-]+)((?:;[^:]*)?):(.*)", line.rstrip("\r"))
            if m and m.group(1) not in props:
                props[m.group(1)] = unescape_text(m.group(3))
        events.append(props)
    return [e for e in events if e.get("UID", "").startswith(UID)]


def new_rows(rows, before):
    seen = {r["id"] for r in before}
    return [r for r in rows if r["id"] not in seen]


def kinds(rows):
    return sorted((r["kind"], r["person"]) for r in rows)


# -- the browser -------------------------------------------------------------------------------

def sign_in(driver, base, login, password):
    """Opens /login itself (no `next`: the landing page is the server's choice), types the form
    and submits it; returns the path the browser lands on."""
    from selenium.webdriver.common.by import By
    driver.delete_all_cookies()
    driver.get(base + "/login")
    driver.find_element(By.ID, "user").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(password)
    submit_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action^='/login'] button[type=submit]"))
    if path_of(driver).startswith("/login"):
        raise RuntimeError(f"signing in as {login} failed: {short(driver.page_source)}")
    return path_of(driver)


def csrf_of(driver):
    from selenium.webdriver.common.by import By
    found = driver.find_elements(By.CSS_SELECTOR, "form[action='/logout'] input[name=csrf]")
    return found[0].get_attribute("value") if found else None


def flash(driver):
    from selenium.webdriver.common.by import By
    return " ".join(e.text.strip() for e in driver.find_elements(By.CSS_SELECTOR, "p.flash"))


def fill(driver, form, name, value):
    """Types into a text field; sets a date or select through the DOM (their typing format
    depends on the browser's locale) and fires input/change as a user's edit would."""
    from selenium.webdriver.common.by import By
    el = form.find_element(By.CSS_SELECTOR, f"[name='{name}']")
    if el.tag_name == "select" or el.get_attribute("type") in ("datetime-local", "date", "time", "month"):
        driver.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
            "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", el, value)
        if el.get_attribute("value") != value:
            raise RuntimeError(f"field {name} did not take the value {value!r} (it has {el.get_attribute('value')!r})")
    else:
        el.clear()
        el.send_keys(value)


def answer_path(answer):
    return f"/my/assignments/{OCC}/{answer}"


def my_row(driver):
    """This briefing's row on /my: (text, role, acknowledge form present) or None. The row is the
    list item of `ul.assignments` that holds this occurrence's decline form."""
    row = driver.execute_script("""
        for (const li of document.querySelectorAll('ul.assignments > li')) {
          if (!li.querySelector(`form[action='${arguments[0]}']`)) continue;
          return [li.textContent, !!li.querySelector(`form[action='${arguments[1]}']`)];
        }
        return null;""", answer_path("decline"), answer_path("acknowledge"))
    if row is None:
        return None
    text = " ".join(row[0].split())
    parts = [p.strip().lower() for p in text.split("·")]
    role = "primary" if any(p.startswith("chính") or p.startswith("primary") for p in parts) else \
        "backup" if any(p.startswith("dự phòng") or p.startswith("backup") for p in parts) else None
    return text, role, row[1]


def my_offers(driver):
    """The take forms on /my: {offer id: the list item's text}."""
    found = driver.execute_script("""
        const out = {};
        for (const f of document.querySelectorAll("form[action^='/my/offers/']")) {
          const m = f.getAttribute('action').match(/^\\/my\\/offers\\/(\\d+)\\/take$/);
          if (m) out[m[1]] = (f.closest('li') || f).textContent;
        }
        return out;""")
    return {int(k): " ".join(v.split()) for k, v in found.items()}


def my_page(ctx, driver, who, label=None):
    driver.get(ctx.server.base + "/my")
    check(path_of(driver) == "/my", f"{who} opens /my", f"the browser is on {path_of(driver)}: {h1(driver)!r}")
    if label:
        ctx.looker.look(driver, label)


# -- axe and screenshots of every page visited -------------------------------------------------

class Looker:
    def __init__(self):
        self.names = set()
        self.axe_minor = {}

    def look(self, driver, label):
        """Screenshots and axe of the page the browser is on."""
        page = path_of(driver)
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", label).strip("._")
        n, i = name, 2
        while n in self.names:
            n, i = f"{name}-{i}", i + 1
        self.names.add(n)
        try:
            for target, width, scroll_width in screenshot(driver, n):
                if target.stat().st_size <= 1000:
                    fail(f"6 screenshot of {page} at {width} px is empty: {target.relative_to(REPO)}")
                if scroll_width > width:
                    fail(f"6 {page} ({label}) does not fit a {width} px viewport: the page is {scroll_width} px wide "
                         f"({target.relative_to(REPO)})")
            ok(f"6 screenshots of {page} ({label}) at {', '.join(map(str, WIDTHS))} px: {n}-*.png")
        except Exception as e:
            fail(f"6 screenshots of {page}: {type(e).__name__}: {e}")
        self.axe(driver, page, label)

    def axe(self, driver, page, label):
        from axe_selenium_python import Axe
        try:
            axe = Axe(driver)
            axe.inject()
            results = axe.run()
        except Exception as e:
            return fail(f"6 axe on {page}: {type(e).__name__}: {e}")
        if results is None or "violations" not in results:
            return fail(f"6 axe on {page}: axe-core returned no results")
        blocking = []
        for v in results["violations"]:
            targets = [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])]
            if v.get("impact") in BLOCKING_IMPACTS:
                blocking.append(f"{v['id']} ({v['impact']}): {v.get('help', '')}; {len(targets)} node(s): "
                                f"{', '.join(targets[:5])}")
            else:
                key = (v["id"], v.get("impact"))
                self.axe_minor[key] = self.axe_minor.get(key, 0) + 1
        check(not blocking, f"6 axe on {page} ({label}): no serious or critical violation", "; ".join(blocking))


def screenshot(driver, name):
    """The whole page at each width, the viewport set through DevTools (390 px as a phone)."""
    saved = []
    try:
        for width in WIDTHS:
            metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 768}
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            height = driver.execute_script(
                "window.scrollTo(0, 0); return Math.max(document.documentElement.scrollHeight,"
                " document.body ? document.body.scrollHeight : 0);")
            metrics["height"] = min(max(int(height or 0), 600), 12000)
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            driver.execute_script("window.scrollTo(0, 0);")
            scroll_width = driver.execute_script("return document.documentElement.scrollWidth;")
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
            target = ARTEFACTS / f"{name}-{width}.png"
            target.write_bytes(base64.b64decode(shot["data"]))
            saved.append((target, width, int(scroll_width or 0)))
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return saved


# -- the scenarios -----------------------------------------------------------------------------

class Context:
    def __init__(self, work):
        self.work = work
        self.podium = self.server = None
        self.a = self.b = self.c = None  # three browsers
        self.looker = Looker()
        self.day = briefing_day()
        self.offer = None        # the offer's id, once made
        self.sessions = {}       # login -> (session cookie, csrf) of a browser that signed in


def remember(ctx, driver, person):
    ctx.sessions[person.login] = (session_of(driver), csrf_of(driver))


def as_cookie(ctx, person):
    return {**FORM, "Cookie": f"podium_session={ctx.sessions[person.login][0]}"}


def scenario_acknowledge(ctx):
    """1. The primary lands on /my, sees the briefing as primary and acknowledges it."""
    s, a = ctx.server, ctx.a
    landing = sign_in(a, s.base, PRIMARY.login, PRIMARY.password)
    remember(ctx, a, PRIMARY)
    check(landing == "/my", f"1 {PRIMARY.login} ({PRIMARY.id}, spokesperson only) lands on /my after signing in",
          f"landed on {landing}")
    ctx.looker.look(a, "1-primary-my-before")
    row = my_row(a)
    if not check(row is not None, f"1 /my lists the briefing {OCC} ({TITLE!r})", short(body_text(a), 400)):
        return
    check(TITLE in row[0] and row[1] == "primary", f"1 …with its title, as primary", f"row: {row[0]!r}")
    check(row[2], "1 …with an acknowledge button", f"row: {row[0]!r}")
    before = s.outbox()
    form = form_for(a, answer_path("acknowledge"))
    if not check(form is not None, f"1 /my has a form POST {answer_path('acknowledge')}"):
        return
    submit_form(a, form)
    if path_of(a) != "/my":
        note(f"1 after acknowledging the browser stays on the POST's address {path_of(a)} (the page is the "
             f"POST's answer, no redirect): a reload re-submits the form")
    row = my_row(a)
    check(row is not None and not row[2] and "✓" in row[0],
          "1 the page then shows it acknowledged (✓, no acknowledge button left)",
          f"flash {flash(a)!r}; row: {row and row[0]!r}")
    ctx.looker.look(a, "1-primary-after-acknowledge")
    my_page(ctx, a, "1 (reload)")
    row = my_row(a)
    check(row is not None and not row[2] and "✓" in row[0], "1 …and still after opening /my afresh",
          f"row: {row and row[0]!r}")
    check(not new_rows(s.outbox(), before), "1 acknowledging queues no mail (it changes no plan)",
          f"new rows: {kinds(new_rows(s.outbox(), before))}")
    acks = [e for e in s.history() if e.get("action") == "acknowledge"]
    check(acks and PRIMARY.id in json.dumps(acks[0], ensure_ascii=False),
          "1 `podium history` records the acknowledgement", f"{len(acks)} acknowledge entries")


def scenario_decline(ctx):
    """2. The primary declines in the browser; the backup is promoted, told, and page and feed agree."""
    s, a, b = ctx.server, ctx.a, ctx.b
    # The backup is signed in already, in another browser, and sees it as backup.
    landing = sign_in(b, s.base, BACKUP.login, BACKUP.password)
    remember(ctx, b, BACKUP)
    check(landing == "/my", f"2 {BACKUP.login} ({BACKUP.id}) lands on /my in a second browser", f"landed on {landing}")
    row = my_row(b)
    check(row is not None and row[1] == "backup", f"2 (control) before the decline the backup's /my shows it as backup",
          f"row: {row and row[0]!r}")
    ev = feed_events(s.base, BACKUP.feed)
    check(len(ev) == 1 and ev[0].get("SUMMARY", "").startswith("[Dự phòng]"),
          f"2 (control) before the decline the backup's feed has it as [Dự phòng]", f"{[e.get('SUMMARY') for e in ev]}")
    check(len(feed_events(s.base, PRIMARY.feed)) == 1, "2 (control) before the decline the primary's feed has it")
    before_outbox, before_history = s.outbox(), s.history()

    a.get(s.base + "/my")
    form = form_for(a, answer_path("decline"))
    if not check(form is not None, f"2 /my has a form POST {answer_path('decline')} with a reason field"):
        return
    fill(a, form, "reason", DECLINE_REASON)
    submit_form(a, form)
    message = flash(a)
    check(BACKUP.name in message, f"2 declining says who speaks now ({BACKUP.name})",
          f"flash {message!r}; page {h1(a)!r}: {short(body_text(a), 300)}")
    check(my_row(a) is None, "2 the briefing has left the decliner's /my", f"row: {my_row(a)!r}")
    ctx.looker.look(a, "2-primary-after-decline")

    my_page(ctx, b, "2 the backup (second browser)")
    row = my_row(b)
    check(row is not None and row[1] == "primary", f"2 the backup's /my now shows the briefing with role primary",
          f"row: {row and row[0]!r}")
    ctx.looker.look(b, "2-backup-now-primary")

    ev = feed_events(s.base, BACKUP.feed)
    check(len(ev) == 1 and ev[0].get("SUMMARY", "").startswith("[Chính]"),
          f"2 the backup's private feed has the event as primary (SUMMARY starts with [Chính])",
          f"{[e.get('SUMMARY') for e in ev]}")
    if ev:
        check("Vai trò: Người phát ngôn chính" in ev[0].get("DESCRIPTION", ""),
              "2 …and its DESCRIPTION says Vai trò: Người phát ngôn chính", repr(ev[0].get("DESCRIPTION", "")[:200]))
    ev = feed_events(s.base, PRIMARY.feed)
    check(not ev, "2 the decliner's private feed no longer has it", f"{[e.get('SUMMARY') for e in ev]}")
    status, _, body = call("GET", s.base, BACKUP.page)
    page = short(body, 100000)
    check(status == 200 and TITLE in page and "Chính" in page,
          f"2 the backup's private page /me/<token> lists it as primary too", f"{status}: {page[:300]}")

    added = new_rows(s.outbox(), before_outbox)
    check(kinds(added) == sorted([("unassigned", PRIMARY.id), ("changed", BACKUP.id)]),
          f"2 the outbox gained exactly (unassigned, {PRIMARY.id}) and (changed, {BACKUP.id}) for {OCC}",
          f"gained {kinds(added)}")
    entries = new_rows_history(s.history(), before_history)
    declines = [e for e in entries if e.get("action") == "decline"]
    check(len(declines) == 1 and DECLINE_REASON in json.dumps(declines[0], ensure_ascii=False),
          f"2 `podium history` shows the decline with its reason", f"new entries: {history_brief(entries)}")
    if declines:
        after = declines[0].get("after") or {}
        check((after.get("primary") or {}).get("person") == BACKUP.id and not after.get("backups"),
              f"2 …whose assignment has {BACKUP.id} as primary and no backup left", f"after {after}")


def new_rows_history(entries, before):
    seen = {json.dumps(e, sort_keys=True) for e in before}
    return [e for e in entries if json.dumps(e, sort_keys=True) not in seen]


def history_brief(entries):
    return [(e.get("action"), e.get("entity"), e.get("reason")) for e in entries]


def scenario_swap(ctx):
    """3 and 5. Offer, refused forgeries, take, approval; two people signed in."""
    s, a, b, c = ctx.server, ctx.a, ctx.b, ctx.c
    before_outbox, before_history = s.outbox(), s.history()

    # The (new) primary offers it, in browser B.
    b.get(s.base + "/my")
    form = form_for(b, answer_path("offer"))
    if not check(form is not None, f"3 {BACKUP.id}'s /my has a form POST {answer_path('offer')}"):
        return
    submit_form(b, form)
    row = my_row(b)
    check(row is not None and form_for(b, answer_path("offer")) is None,
          "3 after offering, the row is still theirs and the offer button is gone",
          f"flash {flash(b)!r}; row {row and row[0]!r}")
    check(not new_rows(s.outbox(), before_outbox), "3 offering queues no mail",
          f"{kinds(new_rows(s.outbox(), before_outbox))}")
    ctx.looker.look(b, "3-offerer-after-offer")

    # A third, entitled colleague signs in in browser A and sees it.
    landing = sign_in(a, s.base, TAKER.login, TAKER.password)
    remember(ctx, a, TAKER)
    check(landing == "/my", f"3 {TAKER.login} ({TAKER.id}) lands on /my in the other browser", f"landed on {landing}")
    offers = my_offers(a)
    mine = [i for i, text in offers.items() if TITLE in text]
    if not check(len(mine) == 1, f"3 {TAKER.id}'s /my lists the offer of {TITLE!r} with a take button",
                 f"offers {offers}; page {short(body_text(a), 400)}"):
        return
    ctx.offer = mine[0]
    check(BACKUP.name in offers[ctx.offer], f"3 …naming who offers it ({BACKUP.name})", offers[ctx.offer])
    ctx.looker.look(a, "3-taker-sees-offer")
    take = f"/my/offers/{ctx.offer}/take"

    # 5: what must be refused while the offer is open.
    scenario_refusals(ctx, take)
    status, _, body = call("GET", s.base, "/my", headers={"Cookie": f"podium_session={ctx.sessions[PRIMARY.login][0]}"})
    if status == 200 and TITLE in short(body, 100000).split("Lịch phát ngôn của tôi")[-1] and \
            f"/my/offers/{ctx.offer}/take" in body.decode():
        note(f"3 {PRIMARY.id}, who declined this very briefing, is offered it too (she is entitled and no longer on it)")

    # The taker takes it.
    a.get(s.base + "/my")
    form = form_for(a, take)
    if not check(form is not None, f"3 after the refusals {TAKER.id}'s /my still offers it (POST {take})"):
        return
    submit_form(a, form)
    message = flash(a)
    check("duyệt" in message or "approval" in message, "3 taking it says it waits for the secretariat's approval",
          f"flash {message!r}; page {h1(a)!r}: {short(body_text(a), 300)}")
    check(form_for(a, take) is None and my_row(a) is None,
          "3 …the offer is no longer listed and the briefing is not yet theirs", f"row {my_row(a)!r}")
    ctx.looker.look(a, "3-taker-after-take")
    check(not new_rows(s.outbox(), before_outbox), "3 taking it queues no mail before the approval",
          f"{kinds(new_rows(s.outbox(), before_outbox))}")

    # The editor approves, in browser C.
    landing = sign_in(c, s.base, *s.editor)
    check(landing == "/workspace/month", f"3 the editor {s.editor[0]} lands on /workspace/month", f"landed on {landing}")
    c.get(s.base + "/workspace/approvals")
    approve = f"/workspace/swaps/{ctx.offer}/approve"
    form = form_for(c, approve)
    ctx.looker.look(c, "3-editor-approvals")
    if not check(form is not None, f"3 /workspace/approvals has a form POST {approve}", short(body_text(c), 400)):
        return
    row_text = c.execute_script("return arguments[0].closest('tr').textContent;", form)
    check(TITLE in row_text and BACKUP.name in row_text and TAKER.name in row_text,
          f"3 …on a row naming the briefing, {BACKUP.name} and {TAKER.name}", " ".join(row_text.split()))
    submit_form(c, form)
    check(path_of(c) == "/workspace/approvals" and form_for(c, approve) is None,
          "3 approving sends the editor back to /workspace/approvals, where the swap has left the queue",
          f"the browser is on {path_of(c)}: {short(body_text(c), 300)}")
    ctx.looker.look(c, "3-editor-after-approve")

    my_page(ctx, a, f"3 {TAKER.id}")
    row = my_row(a)
    check(row is not None and row[1] == "primary", f"3 {TAKER.id}'s /my now shows the briefing as primary",
          f"row {row and row[0]!r}")
    ctx.looker.look(a, "3-taker-now-primary")
    my_page(ctx, b, f"3 {BACKUP.id}")
    check(my_row(b) is None, f"3 {BACKUP.id}'s /my (the one who offered) no longer lists it", f"row {my_row(b)!r}")
    ctx.looker.look(b, "3-offerer-after-approval")
    ev = feed_events(s.base, TAKER.feed)
    check(len(ev) == 1 and ev[0].get("SUMMARY", "").startswith("[Chính]"),
          f"3 {TAKER.id}'s private feed has it as [Chính]", f"{[e.get('SUMMARY') for e in ev]}")
    check(not feed_events(s.base, BACKUP.feed), f"3 {BACKUP.id}'s private feed no longer has it")

    added = new_rows(s.outbox(), before_outbox)
    check(kinds(added) == sorted([("unassigned", BACKUP.id), ("assigned", TAKER.id)]),
          f"3 the outbox gained exactly (unassigned, {BACKUP.id}) and (assigned, {TAKER.id})", f"gained {kinds(added)}")
    entries = new_rows_history(s.history(), before_history)
    actions = [e.get("action") for e in entries]
    check(all(x in actions for x in ("offer", "take", "swap")), "3 `podium history` shows offer, take and swap",
          f"new entries: {history_brief(entries)}")
    swaps = [e for e in entries if e.get("action") == "swap"]
    if swaps:
        after = swaps[0].get("after") or {}
        check((after.get("primary") or {}).get("person") == TAKER.id and swaps[0].get("actor") == s.editor[0],
              f"3 …the swap made {TAKER.id} primary, by {s.editor[0]}",
              f"actor {swaps[0].get('actor')!r}, after {after}")


def scenario_refusals(ctx, take):
    """5. Not entitled, already on it, no CSRF token: refused, and nothing changes."""
    s, c = ctx.server, ctx.c
    before_outbox, before_history = s.outbox(), s.history(everything=True)
    landing = sign_in(c, s.base, OUTSIDER.login, OUTSIDER.password)
    remember(ctx, c, OUTSIDER)
    check(landing == "/my", f"5 {OUTSIDER.login} ({OUTSIDER.id}, authorized for disaster only) lands on /my",
          f"landed on {landing}")
    check(not my_offers(c), f"5 {OUTSIDER.id} (not entitled on {TOPIC}) is offered nothing", f"{my_offers(c)}")
    ctx.looker.look(c, "5-outsider-my")
    status, _, body = call("POST", s.base, take, {"csrf": ctx.sessions[OUTSIDER.login][1]}, as_cookie(ctx, OUTSIDER))
    check(400 <= status < 500, f"5 {OUTSIDER.id}'s forged POST {take} (own session and CSRF token) is refused with 4xx",
          f"answered {status}: {short(body)}")
    b = ctx.b
    b.get(s.base + "/my")
    check(not my_offers(b), f"5 the offerer ({BACKUP.id}, on the assignment) is not offered their own briefing",
          f"{my_offers(b)}")
    status, _, body = call("POST", s.base, take, {"csrf": ctx.sessions[BACKUP.login][1]}, as_cookie(ctx, BACKUP))
    check(400 <= status < 500, f"5 the offerer's own POST {take} (already on the assignment) is refused with 4xx",
          f"answered {status}: {short(body)}")
    status, _, body = call("POST", s.base, take, {}, as_cookie(ctx, TAKER))
    check(status == 403, f"5 {TAKER.id}'s POST {take} without a CSRF token is refused with 403",
          f"answered {status}: {short(body)}")
    status, _, body = call("POST", s.base, take, {"csrf": ctx.sessions[OUTSIDER.login][1]}, as_cookie(ctx, TAKER))
    check(status == 403, f"5 {TAKER.id}'s POST {take} with another session's CSRF token is refused with 403",
          f"answered {status}: {short(body)}")
    status, _, body = call("POST", s.base, answer_path("decline"), {"reason": "giả mạo"}, as_cookie(ctx, BACKUP))
    check(status == 403, f"5 {BACKUP.id}'s POST {answer_path('decline')} without a CSRF token is refused with 403",
          f"answered {status}: {short(body)}")
    status, _, body = call("POST", s.base, "/my/unavailability",
                           {"from": ctx.day.isoformat(), "to": ctx.day.isoformat(), "kind": "leave"}, as_cookie(ctx, TAKER))
    check(status == 403, "5 a POST /my/unavailability without a CSRF token is refused with 403",
          f"answered {status}: {short(body)}")
    # Nothing changed.
    check(not new_rows(s.outbox(), before_outbox), "5 …and after all of them the outbox is unchanged",
          f"{kinds(new_rows(s.outbox(), before_outbox))}")
    entries = new_rows_history(s.history(everything=True), before_history)
    check(not entries, "5 …the history (all of it) has no new entry", f"{history_brief(entries)}")
    ev = feed_events(s.base, BACKUP.feed)
    check(len(ev) == 1 and ev[0].get("SUMMARY", "").startswith("[Chính]"), f"5 …{BACKUP.id} is still primary (feed)",
          f"{[e.get('SUMMARY') for e in ev]}")
    check(not feed_events(s.base, OUTSIDER.feed) and not feed_events(s.base, TAKER.feed),
          f"5 …and neither {OUTSIDER.id} nor {TAKER.id} has it in their feed")


def clash_alert(driver):
    """The text of /my's clash alert, or None."""
    return driver.execute_script(
        "const e = document.querySelector('div.error[role=alert]'); return e ? e.textContent : null;")


def row_marked(driver):
    """Whether this briefing's row on /my carries the clash mark (its <strong>)."""
    return driver.execute_script(
        "for (const li of document.querySelectorAll('ul.assignments > li'))"
        " if (li.querySelector(`form[action='${arguments[0]}']`)) return !!li.querySelector('strong');"
        " return null;", answer_path("decline"))


BUSY_SUMMARY = "Họp giao ban nội bộ (e2e)"


def scenario_absence(ctx):
    """4. An absence covering the briefing's day is listed as clashing with it."""
    s, a = ctx.server, ctx.a
    a.get(s.base + "/my")
    if not check(my_row(a) is not None, f"4 {TAKER.id}'s /my lists the briefing (their assignment now)"):
        return
    check(clash_alert(a) is None and row_marked(a) is False, "4 (control) before any absence /my shows no clash",
          f"alert {clash_alert(a)!r}")
    # A travel the day after does not clash.
    next_day = ctx.day + datetime.timedelta(days=1)
    form = form_for(a, "/my/unavailability")
    if not check(form is not None, "4 /my has the absence form POST /my/unavailability"):
        return
    for name, value in (("from", next_day.isoformat()), ("to", next_day.isoformat()), ("kind", "travel"),
                        ("reason", TRAVEL_REASON)):
        fill(a, form, name, value)
    submit_form(a, form)
    check(TRAVEL_REASON in body_text(a), f"4 (control) a travel on {next_day} is saved and listed with its reason",
          f"flash {flash(a)!r}; page {short(body_text(a), 400)}")
    check(clash_alert(a) is None and row_marked(a) is False,
          f"4 (control) …and does not clash with the briefing on {ctx.day}",
          f"alert {clash_alert(a)!r}; row {my_row(a) and my_row(a)[0]!r}")
    before_outbox = s.outbox()
    # A leave covering the day does.
    form = form_for(a, "/my/unavailability")
    for name, value in (("from", ctx.day.isoformat()), ("to", ctx.day.isoformat()), ("kind", "leave"),
                        ("reason", LEAVE_REASON)):
        fill(a, form, name, value)
    submit_form(a, form)
    alert = clash_alert(a)
    check(alert is not None and TITLE in alert, f"4 after a leave on {ctx.day}, /my lists {TITLE!r} as clashing",
          f"alert {alert!r}; page {short(body_text(a), 400)}")
    check(row_marked(a) is True, "4 …and marks the briefing's row as clashing", f"row {my_row(a) and my_row(a)[0]!r}")
    check(LEAVE_REASON in body_text(a), "4 …and lists the leave with its reason", short(body_text(a), 400))
    ctx.looker.look(a, "4-taker-absence-clash")
    my_page(ctx, a, "4 (reload)")
    check(clash_alert(a) is not None and row_marked(a) is True, "4 …also when /my is opened afresh")
    added = new_rows(s.outbox(), before_outbox)
    if added:
        note(f"4 recording the leave queued {kinds(added)}")
    # Their own calendar, uploaded as an .ics: a meeting recurring on two days (the second
    # moved by an override) becomes two busy periods, listed with the meeting's name.
    busy_day = ctx.day + datetime.timedelta(days=3)
    stamp = busy_day.strftime("%Y%m%d")
    moved = (busy_day + datetime.timedelta(days=1)).strftime("%Y%m%d")
    ics = "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//e2e//answers//VI",
        "BEGIN:VEVENT", "UID:e2e-busy@test", "DTSTAMP:20260101T000000Z",
        f"DTSTART;TZID=Asia/Ho_Chi_Minh:{stamp}T100000", f"DTEND;TZID=Asia/Ho_Chi_Minh:{stamp}T110000",
        "RRULE:FREQ=DAILY;COUNT=2", f"SUMMARY:{BUSY_SUMMARY}", "END:VEVENT",
        "BEGIN:VEVENT", "UID:e2e-busy@test", "DTSTAMP:20260101T000000Z",
        f"RECURRENCE-ID;TZID=Asia/Ho_Chi_Minh:{moved}T100000",
        f"DTSTART;TZID=Asia/Ho_Chi_Minh:{moved}T150000", f"DTEND;TZID=Asia/Ho_Chi_Minh:{moved}T160000",
        f"SUMMARY:{BUSY_SUMMARY}", "END:VEVENT", "END:VCALENDAR", ""])
    path = ctx.work / "my-calendar.ics"
    path.write_text(ics, encoding="utf-8")
    from selenium.webdriver.common.by import By
    form = form_for(a, "/my/busy")
    if not check(form is not None, "4 /my has the form to upload one's own calendar (.ics)"):
        return
    form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(path))
    submit_form(a, form)
    source = a.page_source
    check(source.count(BUSY_SUMMARY) == 2 and path_of(a).startswith("/my"),
          f"4 uploading an .ics with a meeting on {busy_day} and {moved} (moved by an override) lists two busy periods",
          f"on {path_of(a)}: {source[source.find('<h2>Lịch vắng mặt'):][:700]}")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("podium", metavar="PODIUM_BINARY")
    args = parser.parse_args(argv[1:])
    original = os.path.abspath(args.podium)
    preflight(original)
    try:
        os.nice(10)  # share the machine: builds and other tests go first
    except OSError:
        pass
    started = time.time()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.glob("*.png"):
        old.unlink()
    work = pathlib.Path(tempfile.mkdtemp(prefix="podium-answers-"))
    ctx = Context(work)
    try:
        ctx.podium = str(work / "podium")
        shutil.copy2(original, ctx.podium)  # a rebuild during the run must not pull it away
        ctx.server = Server(ctx.podium, work)
        try:
            ctx.server.setup(ctx.day)
            ok(f"setup: {OCC} on {ctx.day} 09:00 (UTC+7), {PRIMARY.id} primary and {BACKUP.id} backup; "
               f"users {', '.join(p.login for p in (PRIMARY, BACKUP, TAKER, OUTSIDER))} and {EDITOR[0]}")
        except Exception as e:
            fail(f"setup: {type(e).__name__}: {e}")
            return 1
        try:
            ctx.a = start_browser(work, "a")
            ctx.b = start_browser(work, "b")
            ctx.c = start_browser(work, "c")
        except Exception as e:
            die(f"Chromium/chromedriver did not start: {type(e).__name__}: {e}")
        try:
            ctx.server.start()
        except Exception as e:
            fail(f"podium serve: {e}")
            return 1
        print(f"---- server on {ctx.server.base}", flush=True)
        try:
            for label, scenario in (("1", scenario_acknowledge), ("2", scenario_decline),
                                    ("3+5", scenario_swap), ("4", scenario_absence)):
                print(f"---- scenario {label}", flush=True)
                run(label, scenario, ctx)
        finally:
            ctx.server.stop()
            errors = [l.rstrip() for l in ctx.server.log if " error " in l or "status=500" in l]
            for line in errors[:10]:
                note(f"server logged: {line}")
        for (rule, impact), n in sorted(ctx.looker.axe_minor.items()):
            note(f"axe {rule} ({impact}, not blocking) on {n} page(s)")
    finally:
        for driver in (ctx.a, ctx.b, ctx.c):
            if driver is not None:
                try:
                    driver.quit()
                except Exception:
                    pass
        if ctx.server is not None:
            ctx.server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nscreenshots in {ARTEFACTS}")
    print(f"{OKS[0]} passed, {len(FAILURES)} failed, {time.time() - started:.0f} s")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
