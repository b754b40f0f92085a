#!/usr/bin/env python3
"""End to end: the signed-in workspace driven in a real browser, checked where subscribers look.

The workspace is where the secretariat moves, cancels and assigns briefings. Every save must
reach the people downstream (the public feed, the spokesperson's private page), two people
editing the same briefing must not silently overwrite each other, and drafts must stay out of
public view until an approver publishes them. Headless Chromium (Selenium + chromedriver)
fills in and submits the real forms; urllib (which can see status codes) checks the feeds and
replays stale forms. One `podium serve` on a fresh database seeded with the Phú Yên sample
(as of 1 June 2024), on a free loopback port:

b. the editor opens the October 2024 briefing of `hop-bao-quy` from the month calendar, moves
   it with the form, cancels another occurrence of the series (July), assigns a new primary
   speaker to the October one, and assigns the banner's spokesperson (do-van-hai) as primary
   of a briefing they are entitled to (giao-ban-bao-chi, 8 October); then
   /feeds/public.vi.ics carries the move (an override with RECURRENCE-ID = the original start
   and DTSTART = the new one) and the cancellation (EXDATE), and the spokesperson's private
   page /me/<token> shows them as primary.
c. two browser sessions (two Chromium instances, both signed in as editor) open the same
   occurrence (thong-tin-bao-chi-thang, 29 November); the first moves it; the second then
   cancels from its stale page and gets the conflict page ("Có người đã thay đổi mục này",
   HTTP 409 when the stale form is replayed with urllib) naming the first one's change; the
   occurrence is still moved, not cancelled (page and public feed).
a. the editor builds a monthly series in the series editor (the third Friday of each month from
   July 2024, 15:00, 90 minutes, six times) for a department whose new items need approval:
   the preview says the rule in words and lists 19 July first; saved, it is a draft, shown in
   the week view of 19 July; a vdirsyncer subscriber to /feeds/public.vi.ics sees nothing of
   it, and after the approver approves it in /workspace/approvals the next sync brings it.
a. (lite) drafts imported from the CLI (`podium import calendars/examples/other-tool.ics
   --kind schedule --agency so-ngoai-vu-phu-yen`, run while the server runs) are listed in
   /workspace/approvals and absent from /feeds/public.vi.ics; an editor may not approve
   (403); once the approver approves one in the browser, that one is in the feed (and the
   other is still not).
d. axe-core on every workspace page visited: no "serious" or "critical" violation.
e. screenshots of each workspace page visited at 1280 and 390 px into
   `.build/artefacts/workspace/`; each page fits a 390 px viewport.

Prints `ok   …` / `FAIL …`, a summary, and exits 1 on any failure.

Usage (from anywhere; the server runs from the repository root):
    .venv/bin/python Tests/e2e/workspace_e2e.py PODIUM_BINARY

The binary is copied into a temporary directory first (a rebuild during the run does not
break it); the test runs at lower CPU priority (nice 10).
Exit status: 0 all good, 1 some check failed, 2 the test could not run (missing Chromium,
chromedriver, selenium or axe-selenium-python, or a bad PODIUM_BINARY): never skipped.
"""
import argparse
import base64
import os
import pathlib
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
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

SEED = "calendars/phu-yen-2024/plan.yaml"
AS_OF = "2024-06-01T00:00:00Z"
REPO = pathlib.Path(__file__).resolve().parents[2]
ARTEFACTS = REPO / ".build" / "artefacts" / "workspace"
WIDTHS = (1280, 390)
BLOCKING_IMPACTS = ("serious", "critical")
TZID = "Asia/Ho_Chi_Minh"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
CONFLICT_VI = "Có người đã thay đổi mục này"
PUBLIC_FEED = "/feeds/public.vi.ics"

# (b) the quarterly series: October is moved, July (already moved by the plan) cancelled.
MOVED = "hop-bao-quy@20241003T150000"
MOVED_TO = "2024-10-04T15:00"
CANCELLED = "hop-bao-quy@20240704T150000"
NEW_PRIMARY = ("nguyen-van-an", "Nguyễn Văn An")   # was Trần Thị Bình for October in the sample
# (b) the banner's spokesperson (do-van-hai, head of so-tttt-phu-yen) made primary here.
SPOKES_OCC = "giao-ban-bao-chi@20241008T080000"
SPOKES_DAY = "08/10/2024"
SPOKES_BACKUP = "ngo-thi-khanh"
# (c) the monthly series, last weekday of November.
RACED = "thong-tin-bao-chi-thang@20241129T160000"
RACED_TO = "2024-11-28T16:00"
# (a) drafts from another tool's calendar.
IMPORT_FILE = "calendars/examples/other-tool.ics"
IMPORT_AGENCY = "so-ngoai-vu-phu-yen"
DRAFT_APPROVED = ("adhoc", "gap-go-bao-chi-nuoc-ngoai-example.vn", "Gặp gỡ phóng viên nước ngoài")
DRAFT_LEFT = ("series", "doi-ngoai-thang-example.vn", "Thông tin đối ngoại hằng tháng")
# (a) a series made in the editor, for a department that requires approval (the sample plan).
SERIES_ID = "hop-bao-chuyen-de-doi-ngoai"
SERIES_TITLE = "Họp báo chuyên đề đối ngoại"
SERIES_AGENCY = "so-ngoai-vu-phu-yen"



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


# -- the server --------------------------------------------------------------------------------

class Server:
    def __init__(self, podium, work):
        self.podium, self.db = podium, work / "podium.sqlite"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [podium, "serve", "--database", str(self.db), "--seed", SEED, "--hostname", "127.0.0.1",
             "--port", str(self.port), "--as-of", AS_OF],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
        self.lines, self.log = queue.Queue(), []

        def drain():  # reads for the server's whole life, so its pipe never fills up
            for line in self.proc.stdout:
                self.log.append(line)
                self.lines.put(line)
            self.lines.put(None)

        threading.Thread(target=drain, daemon=True).start()
        self.banner = self.wait_for_banner()
        self.logins = {}  # role -> (login, password)
        for m in re.finditer(r"^\s+([a-z]+)\s+(\S+) / (\S+)\s*$", self.banner, re.M):
            self.logins[m.group(1)] = (m.group(2), m.group(3))
        for role in ("admin", "editor", "approver"):
            if role not in self.logins:
                raise RuntimeError(f"the banner shows no login for {role}:\n{self.banner}")
        m = re.search(r"private link for ([\w-]+)", self.banner)
        self.spokesperson = m.group(1) if m else None
        m = re.search(r"https?://[^\s]+(/me/[^\s/?#]+)", self.banner)
        self.me_path = m.group(1) if m else None

    def wait_for_banner(self, timeout=180):
        banner, deadline = "", time.time() + timeout
        while "listening" not in banner:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.time()))
            except queue.Empty:
                raise RuntimeError(f"the server did not say 'listening' within {timeout}s:\n{banner}")
            if line is None:
                raise RuntimeError(f"the server exited ({self.proc.wait()}) before listening:\n{banner}")
            banner += line
        for _ in range(100):
            if call("GET", self.base, "/healthz")[0] == 200:
                return banner
            time.sleep(0.1)
        raise RuntimeError("the server says it listens but /healthz never answered 200")

    def cli(self, *args, env=None):
        """Runs `podium ARGS --database DB` (the CLI next to the running server)."""
        out = subprocess.run([self.podium, *args, "--database", str(self.db)], cwd=REPO,
                             capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL,
                             env={**os.environ, **(env or {})})
        return out.returncode, out.stdout, out.stderr

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)


# -- HTTP --------------------------------------------------------------------------------------

def feed(base):
    """The public feed's VEVENTs, each a list of (name, params, value) after unfolding."""
    status, headers, body = call("GET", base, PUBLIC_FEED)
    if status != 200:
        raise RuntimeError(f"{PUBLIC_FEED} answered {status}: {short(body)}")
    text = re.sub(r"\r?\n[ \t]", "", body.decode("utf-8"))
    events = []
    for block in re.findall(r"^BEGIN:VEVENT\r?$(.*?)^END:VEVENT\r?$", text, re.M | re.S):
        props = []
        for line in block.strip().splitlines():
            m = re.match(r"([A-Z-]+)((?:;[^:]*)?):(.*)", line.rstrip("\r"))
            if m:
                props.append((m.group(1), m.group(2), m.group(3)))
        events.append(props)
    return events


def prop(event, name):
    return [(params, value) for n, params, value in event if n == name]


def first(event, name):
    found = prop(event, name)
    return found[0][1] if found else None


def series_events(events, series):
    return [e for e in events if first(e, "UID") == f"{series}@podium"]


def ical_local(occurrence_or_datetime):
    """'x@20241003T150000' or '2024-10-03T15:00' → '20241003T150000'."""
    s = occurrence_or_datetime.split("@")[-1]
    return s if "T" in s and "-" not in s else s.replace("-", "").replace(":", "") + "00"


def exdates(event):
    out = set()
    for params, value in prop(event, "EXDATE"):
        out |= set(value.split(","))
    return out


def feed_mentions(events, needle):
    return [e for e in events if any(needle in value for _, _, value in e)]


# -- the browser -------------------------------------------------------------------------------

def sign_in(driver, base, login, password):
    """Types the login form (reached by opening a workspace page signed out) and submits it."""
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


def form_fields(form):
    """The form's hidden fields (csrf, revision) as the browser holds them."""
    from selenium.webdriver.common.by import By
    return {i.get_attribute("name"): i.get_attribute("value")
            for i in form.find_elements(By.CSS_SELECTOR, "input[type=hidden]")}


def fill(driver, form, name, value):
    """Types into a text field; sets a datetime-local or select through the DOM (their typing
    format depends on the browser's locale) and fires input/change as a user's edit would."""
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


# -- (d) axe and (e) screenshots of every workspace page visited --------------------------------

class Looker:
    def __init__(self):
        self.names = set()
        self.axe_minor = {}

    def look(self, driver, label):
        """Screenshots (e) and axe (d) of the page the browser is on."""
        page = path_of(driver)
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", label).strip("._")
        n, i = name, 2
        while n in self.names:
            n, i = f"{name}-{i}", i + 1
        self.names.add(n)
        try:
            for target, width, scroll_width in screenshot(driver, n):
                if target.stat().st_size <= 1000:
                    fail(f"e screenshot of {page} at {width} px is empty: {target.relative_to(REPO)}")
                if scroll_width > width:
                    fail(f"e {page} does not fit a {width} px viewport: the page is {scroll_width} px wide "
                         f"({target.relative_to(REPO)})")
            ok(f"e screenshots of {page} at {', '.join(map(str, WIDTHS))} px: {n}-*.png")
        except Exception as e:
            fail(f"e screenshots of {page}: {type(e).__name__}: {e}")
        self.axe(driver, page)

    def axe(self, driver, page):
        from axe_selenium_python import Axe
        try:
            axe = Axe(driver)
            axe.inject()
            results = axe.run()
        except Exception as e:
            return fail(f"d axe on {page}: {type(e).__name__}: {e}")
        if results is None or "violations" not in results:
            return fail(f"d axe on {page}: axe-core returned no results")
        blocking = []
        for v in results["violations"]:
            targets = [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])]
            if v.get("impact") in BLOCKING_IMPACTS:
                blocking.append(f"{v['id']} ({v['impact']}): {v.get('help', '')}; {len(targets)} node(s): "
                                f"{', '.join(targets[:5])}")
            else:
                key = (v["id"], v.get("impact"))
                self.axe_minor[key] = self.axe_minor.get(key, 0) + 1
        check(not blocking, f"d axe on {page}: no serious or critical violation", "; ".join(blocking))


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
        self.a = self.b = None  # two browsers
        self.looker = Looker()


def occurrence_path(occ):
    return f"/workspace/occurrences/{occ}"


def open_occurrence(ctx, driver, occ, label):
    driver.get(ctx.server.base + occurrence_path(occ))
    if not check(path_of(driver) == occurrence_path(occ), f"{label} the browser opens {occurrence_path(occ)}",
                 f"it is on {path_of(driver)}: {h1(driver)!r}"):
        return False
    return True


def save(ctx, driver, occ, action, fields, label):
    """Fills and submits the occurrence page's `action` form in the browser; True when the save
    came back to the occurrence page (303) rather than a conflict or error page."""
    action_path = f"{occurrence_path(occ)}/{action}"
    form = form_for(driver, action_path)
    if not check(form is not None, f"{label} {occurrence_path(occ)} has a form POST {action_path}"):
        return False
    before = form_fields(form)
    for name, value in fields.items():
        fill(driver, form, name, value)
    submit_form(driver, form)
    back = path_of(driver) == occurrence_path(occ) and h1(driver) != CONFLICT_VI
    detail = f"the browser is on {path_of(driver)} showing {h1(driver)!r}: {short(body_text(driver), 400)}"
    if h1(driver) == CONFLICT_VI:
        detail += f" (the form was submitted with revision {before.get('revision')!r})"
    return check(back, f"{label} {action} saved: the browser is back on the occurrence page", detail)


def scenario_b(ctx):
    """Move, cancel, assign in the browser; the public feed and the private page follow."""
    s, d = ctx.server, ctx.a
    from selenium.webdriver.common.by import By
    d.get(s.base + "/workspace/month?m=2024-10")
    check(path_of(d) == "/workspace/month?m=2024-10", "b the editor opens the October 2024 month calendar",
          f"the browser is on {path_of(d)}")
    ctx.looker.look(d, "month-2024-10")
    links = d.find_elements(By.CSS_SELECTOR, f"a[href='{occurrence_path(MOVED)}']")
    if not check(len(links) == 1, f"b the October calendar links {occurrence_path(MOVED)}", f"{len(links)} links"):
        return
    submit_and_wait(d, links[0])
    if not check(path_of(d) == occurrence_path(MOVED), "b clicking it opens the occurrence page",
                 f"the browser is on {path_of(d)}"):
        return
    ctx.looker.look(d, "occurrence-" + MOVED)
    form = form_for(d, f"{occurrence_path(MOVED)}/move")
    if form is not None:
        note(f"b {MOVED}: before the move, its move/cancel forms carry revision {form_fields(form).get('revision')!r}")
    moved_day = "04/10/2024 15:00"
    if save(ctx, d, MOVED, "move", {"to": MOVED_TO, "reason": "Kiểm thử e2e: dời lịch"}, "b"):
        check(moved_day in body_text(d), f"b the occurrence page now shows the new time {moved_day}",
              short(body_text(d), 300))
        ctx.looker.look(d, "occurrence-after-move")

    # Another occurrence of the same series, freshly opened, is cancelled.
    if open_occurrence(ctx, d, CANCELLED, "b"):
        cancel_form = form_for(d, f"{occurrence_path(CANCELLED)}/cancel")
        if cancel_form is not None:
            note(f"b {CANCELLED}: move/cancel forms carry revision {form_fields(cancel_form).get('revision')!r}")
        if save(ctx, d, CANCELLED, "cancel", {"reason": "Kiểm thử e2e: hủy buổi"}, "b"):
            ctx.looker.look(d, "occurrence-after-cancel")
        elif h1(d) == CONFLICT_VI:
            ctx.looker.look(d, "conflict-page-b")

    # A new primary for the moved October occurrence.
    if open_occurrence(ctx, d, MOVED, "b"):
        if save(ctx, d, MOVED, "assign", {"primary": NEW_PRIMARY[0], "backup": "tran-thi-binh",
                                          "reason": "Kiểm thử e2e: phân công"}, "b"):
            text = body_text(d)
            # The name, then whether they have acknowledged the assignment as it now stands.
            m = re.search(r"Chính: ([^\n·(]+)(\((?:chưa|đã) xác nhận\))?", text)
            check(m and m.group(1).strip() == NEW_PRIMARY[1] and m.group(2) == "(chưa xác nhận)",
                  f"b the occurrence page shows the new primary {NEW_PRIMARY[1]}", f"it shows {m and m.group(0)!r}")

    # The banner's spokesperson, where they are entitled (head of so-tttt-phu-yen).
    who = s.spokesperson
    if check(who and s.me_path, "b the banner prints a spokesperson's private page /me/<token>",
             f"spokesperson {who!r}, page {s.me_path!r}") and open_occurrence(ctx, d, SPOKES_OCC, "b"):
        ctx.looker.look(d, "occurrence-" + SPOKES_OCC)
        form = form_for(d, f"{occurrence_path(SPOKES_OCC)}/assign")
        options = [o.get_attribute("value") for o in form.find_elements(By.CSS_SELECTOR, "select[name=primary] option")] \
            if form is not None else []
        if check(who in options, f"b {who} is offered as primary of {SPOKES_OCC}", f"options {options}") and \
                save(ctx, d, SPOKES_OCC, "assign", {"primary": who, "backup": SPOKES_BACKUP,
                                                     "reason": "Kiểm thử e2e: phân công người phát ngôn"}, "b"):
            # The private page, no sign-in: the briefing of that day names them, role primary.
            d.get(s.base + s.me_path)
            ctx.looker.look(d, "me-page")
            role = d.execute_script("""
                for (const b of document.querySelectorAll('.brief')) {
                  const when = b.querySelector('.when');
                  if (!when || !when.textContent.includes(arguments[0])) continue;
                  let p = b.nextElementSibling;
                  return [b.textContent, p && p.tagName === 'P' ? p.textContent : ''];
                }
                return null;""", SPOKES_DAY)
            if check(role is not None, f"b {s.me_path} lists the briefing of {SPOKES_DAY}"):
                check("Chính" in role[1] and "Đỗ Văn Hải" in role[0].split("Người phát ngôn:")[-1],
                      f"b {s.me_path} shows {who} as primary (Vai trò: Chính) on {SPOKES_DAY}",
                      f"it shows {' '.join((role[0] + ' | ' + role[1]).split())!r}")

    # The public feed follows.
    events = series_events(feed(s.base), MOVED.split("@")[0])
    masters = [e for e in events if prop(e, "RRULE")]
    original = ical_local(MOVED)
    overrides = [e for e in events if any(v == original for _, v in prop(e, "RECURRENCE-ID"))]
    if check(len(masters) == 1, f"b {PUBLIC_FEED} has one master VEVENT (RRULE) of hop-bao-quy",
             f"{len(masters)} found"):
        ex = exdates(masters[0])
        check(ical_local(CANCELLED) in ex, f"b the master carries EXDATE {ical_local(CANCELLED)} (the cancellation)",
              f"EXDATE {sorted(ex)}")
        check(original not in ex, f"b …and not the moved October occurrence", f"EXDATE {sorted(ex)}")
    if check(len(overrides) == 1, f"b {PUBLIC_FEED} has an override with RECURRENCE-ID {original}",
             f"{len(overrides)} found"):
        start = prop(overrides[0], "DTSTART")
        check(start and start[0][1] == ical_local(MOVED_TO) and TZID in start[0][0],
              f"b …whose DTSTART is the new time {ical_local(MOVED_TO)} ({TZID})", f"DTSTART {start}")
        contact = first(overrides[0], "CONTACT") or ""
        check(NEW_PRIMARY[1] in contact, f"b …whose CONTACT names the new primary {NEW_PRIMARY[1]}",
              f"CONTACT {contact!r}")
    cancelled_overrides = [e for e in events if any(v == ical_local(CANCELLED) for _, v in prop(e, "RECURRENCE-ID"))
                           and first(e, "STATUS") != "CANCELLED"]
    check(not cancelled_overrides, f"b no live override is left for the cancelled {ical_local(CANCELLED)}",
          f"{len(cancelled_overrides)} found, DTSTART {[first(e, 'DTSTART') for e in cancelled_overrides]}")


def scenario_c(ctx):
    """Two sessions, one occurrence: the second save, from a stale page, is refused with 409."""
    s, a, b = ctx.server, ctx.a, ctx.b
    if not (open_occurrence(ctx, a, RACED, "c (session 1)") and open_occurrence(ctx, b, RACED, "c (session 2)")):
        return
    stale = form_for(b, f"{occurrence_path(RACED)}/cancel")
    stale_fields = form_fields(stale) if stale is not None else {}
    if not save(ctx, a, RACED, "move", {"to": RACED_TO, "reason": "Kiểm thử e2e: phiên 1 dời lịch"}, "c session 1"):
        return
    if not check(stale is not None, f"c session 2's stale page has the cancel form"):
        return
    fill(b, stale, "reason", "Kiểm thử e2e: phiên 2 hủy")
    submit_form(b, stale)
    check(h1(b) == CONFLICT_VI, f"c session 2's cancel from its stale page shows {CONFLICT_VI!r}",
          f"the browser is on {path_of(b)} showing {h1(b)!r}: {short(body_text(b), 300)}")
    text = body_text(b)
    check("move" in text and ("28/11/2024" in text or "2024-11-28" in text),
          "c …and lists the first session's change (the move to 28 November)", short(text, 500))
    ctx.looker.look(b, "conflict-page")
    # The same stale form replayed with urllib: the status the browser cannot show.
    session = session_of(b)
    status, _, body = call("POST", s.base, f"{occurrence_path(RACED)}/cancel",
                           {**stale_fields, "reason": "Kiểm thử e2e: phiên 2 hủy (urllib)"},
                           {**FORM, "Cookie": f"podium_session={session}"})
    check(status == 409, "c the stale cancel, replayed with urllib and session 2's cookie, answers 409",
          f"answered {status}: {short(body)}")
    # Nothing was saved: still moved, not cancelled.
    a.get(s.base + occurrence_path(RACED))
    text = body_text(a)
    check("28/11/2024 16:00" in text and "hủy" not in (a.find_element("css selector", "p.meta").text.lower()),
          "c the occurrence page still shows it moved to 28/11/2024 16:00, not cancelled",
          short(text, 300))
    events = series_events(feed(s.base), RACED.split("@")[0])
    masters = [e for e in events if prop(e, "RRULE")]
    original = ical_local(RACED)
    ex = exdates(masters[0]) if masters else set()
    check(masters and original not in ex, f"c {PUBLIC_FEED}: no EXDATE {original} (not cancelled)",
          f"{len(masters)} master(s), EXDATE {sorted(ex)}")
    overrides = [e for e in events if any(v == original for _, v in prop(e, "RECURRENCE-ID"))]
    check(len(overrides) == 1 and first(overrides[0], "DTSTART") == ical_local(RACED_TO)
          and first(overrides[0], "STATUS") != "CANCELLED",
          f"c {PUBLIC_FEED}: the override RECURRENCE-ID {original} starts {ical_local(RACED_TO)}, not cancelled",
          f"{[(first(e, 'DTSTART'), first(e, 'STATUS')) for e in overrides]}")
    # The conflict page's advice: reload, then do it again. From the reloaded page the cancel saves.
    b.get(s.base + occurrence_path(RACED))
    fresh = form_for(b, f"{occurrence_path(RACED)}/cancel")
    if fresh is not None:
        note(f"c after session 1's move, a reloaded page's move/cancel forms carry revision "
             f"{form_fields(fresh).get('revision')!r} (the stale one had {stale_fields.get('revision')!r})")
    if save(ctx, b, RACED, "cancel", {"reason": "Kiểm thử e2e: phiên 2 hủy sau khi tải lại"},
            "c (control) session 2 reloads the page as the conflict page says, and the cancel from the fresh page"):
        events = series_events(feed(s.base), RACED.split("@")[0])
        masters = [e for e in events if prop(e, "RRULE")]
        ex = exdates(masters[0]) if masters else set()
        check(original in ex, f"c (control) …and {PUBLIC_FEED} then carries EXDATE {original}", f"EXDATE {sorted(ex)}")


def approvals_rows(driver):
    """The approve form of each draft, by its action (each row also has a form that returns the
    draft with a comment: same action, with a `decision` field)."""
    from selenium.webdriver.common.by import By
    return {f.get_attribute("action"): f for f in
            driver.find_elements(By.CSS_SELECTOR, "form[action^='/workspace/approvals/']")
            if not f.find_elements(By.CSS_SELECTOR, "input[name=decision]")}


def scenario_a(ctx):
    """CLI-imported drafts wait in /workspace/approvals; only an approver publishes them."""
    s, editor, approver_driver = ctx.server, ctx.a, ctx.b
    titles = [DRAFT_APPROVED[2], DRAFT_LEFT[2]]
    events = feed(s.base)
    check(not any(feed_mentions(events, t) for t in titles), f"a (control) before the import {PUBLIC_FEED} "
          "has none of the imported titles")
    rc, out, err = s.cli("import", IMPORT_FILE, "--kind", "schedule", "--agency", IMPORT_AGENCY,
                         env={"PODIUM_USER": s.logins["admin"][0]})
    if not check(rc == 0 and "draft" in (out + err), f"a `podium import {IMPORT_FILE}` (as admin) imports drafts",
                 f"exit {rc}: {out}{err}"):
        return
    sign_in(approver_driver, s.base, *s.logins["approver"])
    wanted = {f"/workspace/approvals/{DRAFT_APPROVED[0]}/{DRAFT_APPROVED[1]}",
              f"/workspace/approvals/{DRAFT_LEFT[0]}/{DRAFT_LEFT[1]}"}
    found = set()
    deadline = time.time() + 10  # the server sees the CLI's change within a second
    while time.time() < deadline:
        approver_driver.get(s.base + "/workspace/approvals")
        found = {urllib.parse.urlsplit(a).path for a in approvals_rows(approver_driver)}
        if wanted <= found:
            break
        time.sleep(1)
    if not check(wanted <= found, "a the approver's /workspace/approvals lists both drafts with an approve button",
                 f"forms {sorted(found)}; page: {short(body_text(approver_driver), 300)}"):
        return
    ctx.looker.look(approver_driver, "approvals-approver")
    events = feed(s.base)
    check(not any(feed_mentions(events, t) for t in titles), f"a the drafts are absent from {PUBLIC_FEED}",
          f"present: {[t for t in titles if feed_mentions(events, t)]}")

    # An editor may see the queue but not approve.
    editor.get(s.base + "/workspace/approvals")
    ctx.looker.look(editor, "approvals-editor")
    approved_path = f"/workspace/approvals/{DRAFT_APPROVED[0]}/{DRAFT_APPROVED[1]}"
    editor_forms = {urllib.parse.urlsplit(k).path: v for k, v in approvals_rows(editor).items()}
    fields = form_fields(editor_forms[approved_path]) if approved_path in editor_forms else None
    if fields is None:  # no button for editors: replay the approver's form with the editor's csrf
        fields = form_fields(approvals_rows(approver_driver)[s.base + approved_path]) \
            if (s.base + approved_path) in approvals_rows(approver_driver) else {}
        from selenium.webdriver.common.by import By
        csrf = editor.find_elements(By.CSS_SELECTOR, "form[action='/logout'] input[name=csrf]")
        fields["csrf"] = csrf[0].get_attribute("value") if csrf else ""
        note("a the editor's approvals page has no approve button; the approver's form is replayed with the editor's csrf")
    status, _, body = call("POST", s.base, approved_path, fields,
                           {**FORM, "Cookie": f"podium_session={session_of(editor)}"})
    check(status == 403, f"a an editor's POST {approved_path} is refused with 403", f"answered {status}: {short(body)}")
    check(not feed_mentions(feed(s.base), DRAFT_APPROVED[2]),
          f"a …and {DRAFT_APPROVED[2]!r} is still absent from {PUBLIC_FEED}")

    # The approver approves one in the browser.
    approver_driver.get(s.base + "/workspace/approvals")
    forms = {urllib.parse.urlsplit(k).path: v for k, v in approvals_rows(approver_driver).items()}
    if not check(approved_path in forms, f"a the approver's page has the approve button for {DRAFT_APPROVED[1]}"):
        return
    submit_form(approver_driver, forms[approved_path])
    check(path_of(approver_driver) == "/workspace/approvals",
          "a approving sends the approver back to /workspace/approvals",
          f"the browser is on {path_of(approver_driver)} showing {h1(approver_driver)!r}: "
          f"{short(body_text(approver_driver), 300)}")
    left = {urllib.parse.urlsplit(k).path for k in approvals_rows(approver_driver)}
    check(approved_path not in left, f"a {DRAFT_APPROVED[1]} has left the queue", f"forms {sorted(left)}")
    ctx.looker.look(approver_driver, "approvals-after-approve")
    events = feed(s.base)
    check(feed_mentions(events, DRAFT_APPROVED[2]), f"a the approved {DRAFT_APPROVED[2]!r} is now in {PUBLIC_FEED}")
    check(not feed_mentions(events, DRAFT_LEFT[2]), f"a the other draft {DRAFT_LEFT[2]!r} is still absent")


class Subscriber:
    """vdirsyncer subscribed to the public feed (its http storage into a folder)."""

    def __init__(self, work, base):
        self.vdirsyncer = pathlib.Path(sys.executable).parent / "vdirsyncer"
        if not self.vdirsyncer.exists():
            die(f"vdirsyncer is not installed next to {sys.executable} (make venv installs it)")
        self.root = work / "subscriber"
        (self.root / "status").mkdir(parents=True)
        (self.root / "local").mkdir()
        (self.root / "config").write_text(
            f'[general]\nstatus_path = "{self.root / "status"}"\n\n'
            '[pair public]\na = "remote"\nb = "local"\ncollections = null\nconflict_resolution = "a wins"\n\n'
            f'[storage remote]\ntype = "http"\nurl = "{base}{PUBLIC_FEED}"\n\n'
            f'[storage local]\ntype = "filesystem"\npath = "{self.root / "local"}"\nfileext = ".ics"\n')
        self.cmd = [str(self.vdirsyncer), "-c", str(self.root / "config")]
        subprocess.run(self.cmd + ["discover"], capture_output=True, text=True, input="y\n" * 4, timeout=60)

    def sync(self):
        """Syncs; the text of every item the subscriber holds afterwards."""
        out = subprocess.run(self.cmd + ["sync"], capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"vdirsyncer sync exited {out.returncode}: {(out.stdout + out.stderr)[-500:]}")
        return "\n".join(f.read_text() for f in sorted((self.root / "local").glob("*.ics")))


def choose(driver, form, name, value):
    """Clicks the radio button or ticks the box `name` = `value`, as a user would."""
    from selenium.webdriver.common.by import By
    form.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']").click()


def scenario_series(ctx):
    """(a) The rule builder, a draft waiting for approval, and a subscriber who sees it only after."""
    from selenium.webdriver.common.by import By
    s, d, approver = ctx.server, ctx.a, ctx.b
    subscriber = Subscriber(ctx.work, s.base)
    check(SERIES_TITLE not in subscriber.sync(), "a (control) the subscriber's first sync has no such series")
    d.get(s.base + "/workspace/series/new")
    form = form_for(d, "/workspace/series/new")
    if not check(form is not None, "a the editor opens the series editor (/workspace/series/new)",
                 f"on {path_of(d)}: {short(body_text(d), 300)}"):
        return
    ctx.looker.look(d, "series-new")
    for name, value in (("id", SERIES_ID), ("titleVi", SERIES_TITLE), ("organizer", SERIES_AGENCY),
                        ("from", "2024-07-01"), ("time", "15:00"), ("minutes", "90"), ("ordinal", "3"),
                        ("monthWeekday", "5"), ("count", "6")):
        fill(d, form, name, value)
    for name, value in (("frequency", "monthly"), ("monthlyKind", "weekday"), ("endKind", "count")):
        choose(d, form, name, value)
    submit_and_wait(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]:not([name=save])"))
    text = body_text(d)
    check("Thứ Sáu thứ ba của tháng, 6 lần" in text, "a the preview says the rule in words",
          short(text, 400))
    check("BYDAY=3FR" in text and "COUNT=6" in text, "a the preview shows the RRULE it wrote", short(text, 400))
    check("Thứ Sáu, 19/07/2024 15:00" in text and "Thứ Sáu, 20/12/2024 15:00" in text,
          "a the preview lists 19 July first and 20 December last (third Fridays)", short(text, 600))
    ctx.looker.look(d, "series-preview")
    form = form_for(d, "/workspace/series/new")
    save = form.find_elements(By.CSS_SELECTOR, "button[name=save]") if form else []
    if not check(len(save) == 1, "a after the preview, the form offers to create the series"):
        return
    submit_and_wait(d, save[0])
    if not check(path_of(d) == f"/workspace/series/{SERIES_ID}", "a creating leads to the series' own page",
                 f"on {path_of(d)}: {short(body_text(d), 400)}"):
        return
    check("chờ duyệt" in body_text(d), "a the new series is a draft waiting for approval (its department requires it)",
          short(body_text(d), 300))
    ctx.looker.look(d, "series-page")
    d.get(s.base + "/workspace/week?d=2024-07-19")
    check(SERIES_TITLE in body_text(d), "a the week of 19 July shows it", short(body_text(d), 400))
    check(SERIES_TITLE not in subscriber.sync(), "a the subscriber's sync brings nothing of the draft")
    sign_in(approver, s.base, *s.logins["approver"])
    approver.get(s.base + "/workspace/approvals")
    path = f"/workspace/approvals/series/{SERIES_ID}"
    forms = {urllib.parse.urlsplit(k).path: v for k, v in approvals_rows(approver).items()}
    if not check(path in forms, f"a the approver's queue has the new series ({path})", f"forms {sorted(forms)}"):
        return
    submit_form(approver, forms[path])
    held = subscriber.sync()
    check(SERIES_TITLE in held and "BYDAY=3FR" in held,
          "a after the approval, the subscriber's next sync brings the series with its rule")


def scenario_pages(ctx):
    """The remaining workspace pages, for axe and screenshots (d, e)."""
    s, d = ctx.server, ctx.a
    for path, label in (("/workspace/month?m=2024-06", "month-2024-06"), ("/workspace/history", "history"),
                        (f"/workspace/history?id={MOVED.split('@')[0]}", "history-hop-bao-quy"),
                        ("/workspace/approvals", "approvals-editor-after"),
                        ("/secretariat", "secretariat"), ("/account", "account")):
        d.get(s.base + path)
        if check(path_of(d) == path, f"d/e the signed-in editor opens {path}", f"the browser is on {path_of(d)}"):
            ctx.looker.look(d, label)


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
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.glob("*.png"):
        old.unlink()
    work = pathlib.Path(tempfile.mkdtemp(prefix="podium-workspace-"))
    ctx = Context(work)
    try:
        ctx.podium = str(work / "podium")
        shutil.copy2(original, ctx.podium)  # a rebuild during the run must not pull it away
        try:
            ctx.a = start_browser(work, "a")
            ctx.b = start_browser(work, "b")
        except Exception as e:
            die(f"Chromium/chromedriver did not start: {type(e).__name__}: {e}")
        try:
            ctx.server = Server(ctx.podium, work)
        except Exception as e:
            fail(f"podium serve: {e}")
            return 1
        print(f"---- server on {ctx.server.base}", flush=True)
        try:
            editor = ctx.server.logins["editor"]
            sign_in(ctx.a, ctx.server.base, *editor)
            sign_in(ctx.b, ctx.server.base, *editor)
            ok("editor signed in in two browsers (two sessions)")
        except Exception as e:
            fail(f"signing in: {type(e).__name__}: {e}")
            return 1
        try:
            for label, scenario in (("b", scenario_b), ("c", scenario_c), ("a", scenario_a),
                                    ("a-series", scenario_series), ("d/e", scenario_pages)):
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
        for driver in (ctx.a, ctx.b):
            if driver is not None:
                try:
                    driver.quit()
                except Exception:
                    pass
        if ctx.server is not None:
            ctx.server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nscreenshots in {ARTEFACTS}")
    print(f"{OKS[0]} passed, {len(FAILURES)} failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
