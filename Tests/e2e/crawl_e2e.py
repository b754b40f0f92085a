#!/usr/bin/env python3
"""End to end: a real browser opens every link of every page; any dead link fails.

Last year every series briefing link on the public page answered 404 and no test ever clicked
one. This crawler makes that impossible to pass unnoticed:

1. `podium serve` starts on a fresh database seeded with the Phú Yên sample (as of
   1 June 2024) on a free loopback port; the printed banner gives each kind of user's URLs.
2. Starting from `/`, `/?lang=en` and every page URL in the banner, it crawls breadth-first
   every same-origin `<a href>`:
   - HTML pages: the HTTP status is checked with urllib (Selenium cannot see it) and must be
     200; the page is then loaded in headless Chromium (Selenium + chromedriver), its links
     collected, axe-core run (any "serious" or "critical" violation fails), and a screenshot
     saved at 1280 px and 390 px wide into `.build/artefacts/crawl/`.
   - Feeds (`.ics`): fetched with urllib, never in the browser; 200 and `text/calendar`.
     The `URL:` links inside a same-origin feed (what a subscriber clicks in their calendar
     app) are crawled too, unless `--no-feed-links`.
   - External links are never fetched, only checked to be well formed: a webcal:// link must
     point back at a same-origin feed (which is then fetched over http), a Google Calendar
     link must carry a `cid=` pointing at one.
   - A URL carrying a secret in its query (`?token=`, `?key=`…) is never opened; one printed
     in the banner or linked from a page is reported as a failure (secrets in query strings
     end up in access logs, browser history and Referer headers).
3. Then the signed-in workspace: the browser signs in as `editor` through the login form and
   the crawl starts again from `/workspace/month?m=2024-06`, with the same checks (the status
   fetched by urllib carrying the browser's session cookie), GET only: forms are never
   submitted and `/logout` is never followed. Month pages are opened within
   --workspace-months months of June 2024 (the "previous/next month" links go on forever);
   those just outside are only status-checked. At most --workspace-max-pages pages (250).
   Screenshots are named `ws-…` in the same directory.
4. Prints `ok   <url>` / `FAIL <url>: reason`, a summary, and exits 1 on any failure.

Usage (from the repository root):
    .venv/bin/python Tests/e2e/crawl_e2e.py PODIUM_BINARY [--max-pages N] [--no-feed-links]
        [--workspace-max-pages N] [--workspace-months N] [--no-workspace]

Exit status: 0 all good, 1 some check failed, 2 the test could not run (missing Chromium,
chromedriver, selenium or axe-selenium-python, or a bad PODIUM_BINARY): never skipped.
Needs Debian's `chromium` and `chromium-driver`, and `selenium` and `axe-selenium-python`
from Tests/interop/requirements.txt.
"""
import argparse
import base64
import collections
import hashlib
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
import urllib.error
import urllib.parse
import urllib.request
from harness import (
    CHROMEDRIVER,
    CHROMIUM,
    FAILURES,
    OKS,
    die,
    fail,
    free_port,
    note,
    ok,
)

SEED = "calendars/phu-yen-2024/plan.yaml"
AS_OF = "2024-06-01T00:00:00Z"
REPO = pathlib.Path(__file__).resolve().parents[2]
ARTEFACTS = REPO / ".build" / "artefacts" / "crawl"
WIDTHS = (1280, 390)
# Query parameters whose value is a credential: such a URL is never opened.
SECRET_PARAMS = {"token", "access_token", "auth", "key", "api_key", "apikey", "secret", "password", "sig", "signature"}
BLOCKING_IMPACTS = ("serious", "critical")
WORKSPACE_START = "/workspace/month?m=2024-06"
WORKSPACE_USER = "editor"



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


def as_of_option(podium):
    """The `serve` option that fixes "now" (`--as-of` today; found by its help if renamed)."""
    try:
        out = subprocess.run([podium, "serve", "--help"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        die(f"`{podium} serve --help` failed: {e}")
    text = out.stdout + out.stderr
    if re.search(r"--as-of\b", text):
        return "--as-of"
    # Renamed: the option whose help speaks of serving "as if" at some moment.
    for block in re.split(r"\n(?=\s*-)", text):
        m = re.match(r"\s*(?:-\w, )?(--[a-z][a-z0-9-]*)", block)
        if m and re.search(r"as if|moment|pretend|clock", block, re.I):
            return m.group(1)
    die(f"`serve --help` shows no --as-of option (nor a renamed one):\n{text}")


# -- the server --------------------------------------------------------------------------------

def start_server(podium, work, port, as_of):
    server = subprocess.Popen(
        [podium, "serve", "--database", str(work / "podium.sqlite"), "--seed", SEED,
         "--hostname", "127.0.0.1", "--port", str(port), as_of, AS_OF],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
    lines = queue.Queue()

    def drain():  # keeps reading for the server's whole life, so its pipe never fills up
        for line in server.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=drain, daemon=True).start()
    return server, lines


def wait_for_banner(server, lines, base, timeout=120):
    banner = ""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            line = lines.get(timeout=max(0.1, deadline - time.time()))
        except queue.Empty:
            break
        if line is None:
            raise RuntimeError(f"the server exited ({server.wait()}) before listening:\n{banner}")
        banner += line
        if "listening" in line:
            break
    else:
        raise RuntimeError(f"the server did not say 'listening' within {timeout}s:\n{banner}")
    if "listening" not in banner:
        raise RuntimeError(f"the server did not say 'listening' within {timeout}s:\n{banner}")
    for _ in range(100):
        if fetch(base + "/healthz")[0] == 200:
            return banner
        time.sleep(0.1)
    raise RuntimeError("the server says it listens but /healthz never answered 200")


def stop_server(server):
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


# -- HTTP --------------------------------------------------------------------------------------

class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is reported as what it is (not 200), never silently followed."""

    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url, headers=None):
    """(status, headers, body bytes) without following redirects; status 0 on a network error."""
    req = urllib.request.Request(url, headers={"User-Agent": "podium-crawl-e2e", **(headers or {})})
    try:
        with OPENER.open(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()
    except (urllib.error.URLError, OSError) as e:
        return 0, {}, str(e).encode()


def status_reason(status, headers, body):
    if status == 0:
        return "no answer: " + body.decode(errors="replace")
    reason = f"HTTP {status}"
    if 300 <= status < 400 and headers.get("Location"):
        reason += f" (redirects to {headers.get('Location')})"
    text = body[:200].decode(errors="replace").strip()
    if text:
        reason += f": {' '.join(text.split())}"
    return reason


# -- URLs --------------------------------------------------------------------------------------

def secret_query(url):
    """The credential-looking query parameter names of a URL (empty when there are none)."""
    query = urllib.parse.urlsplit(url).query
    return sorted({k for k, _ in urllib.parse.parse_qsl(query, keep_blank_values=True) if k.lower() in SECRET_PARAMS})


def redact(url):
    parts = urllib.parse.urlsplit(url)
    query = "&".join(f"{k}=<redacted>" if k.lower() in SECRET_PARAMS else f"{k}={v}"
                     for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    return urllib.parse.urlunsplit(parts._replace(query=query))


def strip_fragment(url):
    return urllib.parse.urldefrag(url)[0]


def screenshot_name(url):
    parts = urllib.parse.urlsplit(url)
    raw = parts.path.strip("/") or "index"
    if parts.query:
        raw += "_" + parts.query
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", raw).strip("._") or "index"
    digest = hashlib.sha1(url.encode()).hexdigest()[:8]  # distinct names for URLs that sanitize alike
    return f"{name[:100]}-{digest}"


# -- the crawl ---------------------------------------------------------------------------------

class Crawler:
    def __init__(self, driver, base, port, max_pages, feed_links):
        self.driver, self.base, self.port = driver, base, port
        self.origin = urllib.parse.urlsplit(base)[:2]
        self.max_pages, self.feed_links = max_pages, feed_links
        self.queue = collections.deque()
        self.seen = {}  # url -> the first page that linked it (or "start")
        self.external_seen = set()
        self.secrets_seen = set()
        self.pages = self.feeds = self.others = 0
        self.axe_minor = collections.Counter()
        self.headers = {}  # sent with every urllib request (the session cookie when signed in)
        self.shot_prefix = ""

    def same_origin(self, url):
        return urllib.parse.urlsplit(url)[:2] == self.origin

    def where(self, url):
        source = self.seen.get(url, "start")
        return "" if source == "start" else f" (linked from {source})"

    def add(self, url, source):
        """Queues a same-origin URL once; checks an external one once, never fetching it."""
        url = strip_fragment(url)
        scheme = urllib.parse.urlsplit(url).scheme.lower()
        if scheme in ("http", "https") and self.same_origin(url):
            names = secret_query(url)
            if names:
                if redact(url) not in self.secrets_seen:
                    self.secrets_seen.add(redact(url))
                    fail(f"{redact(url)}: a secret in the query string ({', '.join(names)}=) on {source}; "
                         "not opened")
                return
            if url not in self.seen:
                self.seen[url] = source
                self.queue.append(url)
            return
        if url in self.external_seen:
            return
        self.external_seen.add(url)
        self.check_external(url, source)

    def feed_target(self, url):
        """For webcal://host:port/path: the same-origin http URL of the feed, or a reason it isn't one."""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme.lower() != "webcal" or not parts.netloc:
            return None, "not a webcal://host/path URL"
        http = urllib.parse.urlunsplit(("http",) + tuple(parts[1:]))
        if not self.same_origin(http):
            return None, f"points at {parts.netloc}, not this server ({self.origin[1]})"
        if not parts.path.endswith(".ics"):
            return None, f"path {parts.path!r} is not a feed (.ics)"
        return http, None

    def check_external(self, url, source):
        parts = urllib.parse.urlsplit(url)
        scheme = parts.scheme.lower()
        label = f"{url} (external, not fetched; on {source})"
        if scheme == "webcal":
            http, problem = self.feed_target(url)
            if problem:
                return fail(f"{label}: webcal link {problem}")
            ok(f"{label}: webcal → {http}")
            self.add(http, f"{url} on {source}")
        elif scheme in ("http", "https") and parts.hostname == "calendar.google.com":
            cids = urllib.parse.parse_qs(parts.query).get("cid", [])
            if not parts.path.startswith("/calendar/") or len(cids) != 1:
                return fail(f"{label}: a Google Calendar link needs /calendar/… and exactly one cid=, has {cids}")
            cid = cids[0]
            if cid.lower().startswith("webcal://"):
                http, problem = self.feed_target(cid)
            elif self.same_origin(cid) and urllib.parse.urlsplit(cid).path.endswith(".ics"):
                http, problem = cid, None
            else:
                http, problem = None, "is neither webcal:// nor this server's feed"
            if problem:
                return fail(f"{label}: cid={cid} {problem}")
            ok(f"{label}: cid={cid}")
            self.add(http, f"{url} on {source}")
        elif scheme in ("http", "https"):
            if not parts.hostname:
                return fail(f"{label}: malformed, no host")
            ok(f"{label}: well formed")
        elif scheme in ("mailto", "tel"):
            if not parts.path:
                return fail(f"{label}: empty {scheme}: link")
            ok(f"{label}: well formed")
        else:
            fail(f"{label}: unexpected link scheme {scheme!r}")

    def run(self, starts):
        for url in starts:
            self.add(url, "start")
        skipped = []
        while self.queue:
            url = self.queue.popleft()
            path = urllib.parse.urlsplit(url).path
            if path.endswith(".ics"):
                self.check_feed(url)
            else:
                if self.pages >= self.max_pages:
                    skipped.append(url)
                    continue
                self.check_page(url)
        if skipped:
            fail(f"crawl cap reached: {self.pages} pages visited, {len(skipped)} more not visited "
                 f"(e.g. {skipped[0]}); raise --max-pages")

    def check_feed(self, url):
        self.feeds += 1
        status, headers, body = fetch(url, self.headers)
        if status != 200:
            return fail(f"{url}: {status_reason(status, headers, body)}{self.where(url)}")
        ctype = headers.get("Content-Type", "")
        if ctype.split(";")[0].strip().lower() != "text/calendar":
            return fail(f"{url}: Content-Type {ctype!r}, not text/calendar{self.where(url)}")
        text = body.decode("utf-8", errors="replace")
        if not text.startswith("BEGIN:VCALENDAR"):
            return fail(f"{url}: 200 text/calendar but the body is not a VCALENDAR{self.where(url)}")
        ok(f"{url} (feed, {len(body)} bytes)")
        if self.feed_links:
            # Unfold content lines (RFC 5545 §3.1), then follow each event's URL property.
            unfolded = re.sub(r"\r?\n[ \t]", "", text)
            for m in re.finditer(r"^URL(?:;[^:\r\n]*)?:(.+?)\r?$", unfolded, re.M):
                link = m.group(1).strip()
                if self.same_origin(link):
                    self.add(link, f"feed {url}")

    def check_page(self, url):
        status, headers, body = fetch(url, self.headers)
        ctype = headers.get("Content-Type", "") if status else ""
        if status != 200:
            return fail(f"{url}: {status_reason(status, headers, body)}{self.where(url)}")
        if ctype.split(";")[0].strip().lower() != "text/html":
            # A same-origin resource that is not a page (e.g. /openapi.json): status only.
            self.others += 1
            return ok(f"{url} ({ctype or 'no Content-Type'})")
        self.pages += 1
        problems = []
        driver = self.driver
        try:
            driver.get(url)
            if strip_fragment(driver.current_url) != url:
                problems.append(f"the browser ended on {driver.current_url}")
            links = driver.execute_script(
                "return Array.from(document.querySelectorAll('a')).map(a => [a.getAttribute('href'), a.href]);")
            self.screenshots(url)  # before axe, which scrolls the page as it checks contrast
            problems += self.axe(url)
        except Exception as e:  # a browser failure on this page is this page's failure
            return fail(f"{url}: the browser failed: {type(e).__name__}: {e}{self.where(url)}")
        follow = []
        for raw, resolved in links:
            if raw is None:
                problems.append("an <a> without href")
            elif not raw.strip():
                problems.append("an <a href=\"\"> (empty link)")
            elif raw.strip().lower().startswith("javascript:"):
                problems.append(f"a javascript: link {raw!r}")
            else:
                follow.append(resolved)
        if problems:
            for p in problems:
                fail(f"{url}: {p}{self.where(url)}")
        else:
            ok(f"{url} ({len(links)} links)")
        for link in follow:  # after the page's own verdict, so the output reads in order
            self.add(link, url)

    def axe(self, url):
        from axe_selenium_python import Axe
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        if results is None or "violations" not in results:
            return ["axe-core returned no results"]
        problems = []
        for v in results["violations"]:
            targets = [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])]
            if v.get("impact") in BLOCKING_IMPACTS:
                problems.append(f"axe {v['id']} ({v['impact']}): {v.get('help', '')}; "
                                f"{len(targets)} node(s): {', '.join(targets)}")
            else:
                self.axe_minor[(v["id"], v.get("impact"))] += 1
                note(f"{url}: axe {v['id']} ({v.get('impact')}, not blocking): {', '.join(targets)}")
        return problems

    def screenshots(self, url):
        """The whole page at each width: the viewport is set through DevTools (a window's size
        would include the browser's own frame), 390 px as a phone honouring the meta viewport."""
        name = self.shot_prefix + screenshot_name(url)
        try:
            for width in WIDTHS:
                metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 768}
                self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
                height = self.driver.execute_script(
                    "window.scrollTo(0, 0); return Math.max(document.documentElement.scrollHeight,"
                    " document.body ? document.body.scrollHeight : 0);")
                metrics["height"] = min(max(int(height or 0), 600), 12000)
                self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
                self.driver.execute_script("window.scrollTo(0, 0);")
                shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
                (ARTEFACTS / f"{name}-{width}.png").write_bytes(base64.b64decode(shot["data"]))
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


class WorkspaceCrawler(Crawler):
    """The same crawl, signed in: urllib carries the browser's session cookie; GET only (links,
    never forms); /logout is never followed; month pages only within a window of months."""

    def __init__(self, driver, base, port, max_pages, session, start_month, months):
        super().__init__(driver, base, port, max_pages, feed_links=False)
        self.headers = {"Cookie": f"podium_session={session}"}
        self.shot_prefix = "ws-"
        self.start_month, self.months = start_month, months
        self.outside = 0

    @staticmethod
    def month_index(url):
        """The month a /workspace/month?m=YYYY-MM or /workspace/week?d=YYYY-MM-DD link shows,
        as a number (None otherwise): both chain on for ever through previous/next."""
        parts = urllib.parse.urlsplit(url)
        query = urllib.parse.parse_qs(parts.query)
        if parts.path.rstrip("/") == "/workspace/month":
            m = re.fullmatch(r"(\d{4})-(\d{2})", (query.get("m") or [""])[0])
        elif parts.path.rstrip("/") == "/workspace/week":
            m = re.fullmatch(r"(\d{4})-(\d{2})-\d{2}", (query.get("d") or [""])[0])
        else:
            return None
        return int(m.group(1)) * 12 + int(m.group(2)) - 1 if m else None

    def add(self, url, source):
        url = strip_fragment(url)
        if self.same_origin(url):
            path = urllib.parse.urlsplit(url).path
            if path.rstrip("/") in ("/logout", "/login"):
                return  # signing out (or in again) is not part of a crawl
            month = self.month_index(url)
            if month is not None and abs(month - self.start_month) > self.months and url not in self.seen:
                self.seen[url] = source
                self.outside += 1
                status, headers, body = fetch(url, self.headers)
                if status == 200:
                    ok(f"{url} (outside the month window: status only)")
                else:
                    fail(f"{url}: {status_reason(status, headers, body)}{self.where(url)}")
                return
        super().add(url, source)


def browser_sign_in(driver, base, login, password):
    """Types the login form in the browser; returns the session cookie's value."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    driver.delete_all_cookies()
    driver.get(base + "/login")
    driver.find_element(By.ID, "user").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.execute_script("window.__podiumCrawlOldPage = true;")
    driver.find_element(By.CSS_SELECTOR, "form[action^='/login'] button[type=submit]").click()

    def loaded(d):
        try:
            return d.execute_script("return !window.__podiumCrawlOldPage && document.readyState === 'complete';")
        except Exception:  # mid-navigation
            return False

    WebDriverWait(driver, 30).until(loaded)
    session = next((c["value"] for c in driver.get_cookies() if c["name"] == "podium_session"), None)
    if session is None or urllib.parse.urlsplit(driver.current_url).path.startswith("/login"):
        raise RuntimeError(f"signing in as {login} failed: the browser is on {driver.current_url}")
    return session


def crawl_workspace(driver, base, port, banner, args):
    logins = {m.group(1): (m.group(2), m.group(3))
              for m in re.finditer(r"^\s+([a-z]+)\s+(\S+) / (\S+)\s*$", banner, re.M)}
    if WORKSPACE_USER not in logins:
        return fail(f"the banner prints no login for {WORKSPACE_USER}: the workspace cannot be crawled")
    try:
        session = browser_sign_in(driver, base, *logins[WORKSPACE_USER])
    except Exception as e:
        return fail(f"workspace: {type(e).__name__}: {e}")
    ok(f"signed in as {WORKSPACE_USER} in the browser for the workspace crawl")
    start_month = WorkspaceCrawler.month_index(base + WORKSPACE_START)
    crawler = WorkspaceCrawler(driver, base, port, args.workspace_max_pages, session, start_month,
                               args.workspace_months)
    crawler.run([base + WORKSPACE_START])
    print(f"\ncrawled {crawler.pages} workspace pages signed in as {WORKSPACE_USER}, {crawler.feeds} feeds, "
          f"{crawler.others} other resources, {crawler.outside} month pages outside the window (status only)")
    for (rule, impact), n in sorted(crawler.axe_minor.items()):
        print(f"     axe {rule} ({impact}, not blocking) on {n} page(s)")


def start_browser(work):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={work / 'chrome'}",
                "--window-size=1280,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    return driver


def banner_urls(banner):
    """Page URLs the banner prints; URLs on a `curl -H 'Authorization: …'` line need a
    bearer header, so they are not pages a browser can open and are left out."""
    urls = []
    for line in banner.splitlines():
        if "curl " in line:
            continue
        urls += [u.rstrip(".,;") for u in re.findall(r"https?://[^\s'\"<>()]+", line)]
    return urls


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("podium", metavar="PODIUM_BINARY")
    parser.add_argument("--max-pages", type=int, default=400, help="HTML pages to visit at most (default 400)")
    parser.add_argument("--no-feed-links", dest="feed_links", action="store_false",
                        help="do not follow the URL: links inside same-origin feeds")
    parser.add_argument("--workspace-max-pages", type=int, default=250,
                        help="signed-in workspace pages to visit at most (default 150)")
    parser.add_argument("--workspace-months", type=int, default=1,
                        help="open month pages within this many months of 2024-06 (default 1)")
    parser.add_argument("--no-workspace", dest="workspace", action="store_false",
                        help="crawl only the public pages, not the signed-in workspace")
    args = parser.parse_args(argv[1:])
    podium = os.path.abspath(args.podium)
    preflight(podium)
    as_of = as_of_option(podium)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.glob("*.png"):
        old.unlink()

    work = pathlib.Path(tempfile.mkdtemp(prefix="podium-crawl-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = driver = None
    try:
        server, lines = start_server(podium, work, port, as_of)
        try:
            banner = wait_for_banner(server, lines, base)
        except RuntimeError as e:
            fail(f"podium serve: {e}")
            return 1
        starts = [base + "/", base + "/?lang=en"]
        for url in banner_urls(banner):
            parts = urllib.parse.urlsplit(url)
            if secret_query(url):
                fail(f"banner prints {redact(url)}: a secret in the query string "
                     f"({', '.join(secret_query(url))}=) leaks into access logs, history and Referer; not opened")
            elif urllib.parse.urlsplit(url)[:2] != urllib.parse.urlsplit(base)[:2]:
                fail(f"banner prints {url}, not on this server's origin {base}")
            elif parts.path.startswith("/api/"):
                note(f"banner URL {url}: an API endpoint behind a bearer header, not a page; not crawled")
            elif url not in starts:
                starts.append(url)
        try:
            driver = start_browser(work)
        except Exception as e:
            die(f"Chromium/chromedriver did not start: {type(e).__name__}: {e}")
        crawler = Crawler(driver, base, port, args.max_pages, args.feed_links)
        crawler.run(starts)
        print(f"\ncrawled {crawler.pages} pages, {crawler.feeds} feeds, {crawler.others} other resources, "
              f"{len(crawler.external_seen)} external links; screenshots in {ARTEFACTS}")
        for (rule, impact), n in sorted(crawler.axe_minor.items()):
            print(f"     axe {rule} ({impact}, not blocking) on {n} page(s)")
        if args.workspace:
            print("\n---- the signed-in workspace", flush=True)
            crawl_workspace(driver, base, port, banner, args)
    finally:
        if driver is not None:
            try:
                driver.quit()
            except Exception:
                pass
        if server is not None:
            stop_server(server)
        shutil.rmtree(work, ignore_errors=True)
    print(f"{OKS[0]} passed, {len(FAILURES)} failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
