"""What every end-to-end script shares: reporting (ok / fail / check, failures counted for the
exit status), a free loopback port, plain HTTP calls that never follow redirects, and driving
Debian's Chromium through chromium-driver (sign-in forms, page loads, the text a reader sees).

The scripts import what they use from here; what differs between them (their server, their
scenarios) stays in the script.
"""

import html
import http.client
import pathlib
import re
import socket
import sys
import traceback
import urllib.parse

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

# The failures so far (the script exits 1 when there are any) and the count of passed checks.
FAILURES = []
OKS = [0]

def ok(message):
    OKS[0] += 1
    print("ok   " + message, flush=True)

def fail(message):
    FAILURES.append(message)
    print("FAIL " + message, flush=True)

def check(condition, message, detail=""):
    if condition:
        ok(message)
    else:
        fail(message + (f": {detail}" if detail else ""))
    return condition

def note(message):
    print("note " + message, flush=True)

def die(message):
    """Stops the script: it cannot run (a missing tool, a server that does not start)."""
    print(f"FAIL cannot run {pathlib.Path(sys.argv[0]).stem}: {message}", file=sys.stderr, flush=True)
    sys.exit(2)

def short(body, n=200):
    text = body.decode(errors="replace") if isinstance(body, bytes) else str(body)
    text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(html.unescape(text).split())[:n]

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def call(method, base, path, body=None, headers=None):
    """(status, headers, body) of one request, never following redirects."""
    u = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    try:
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body)
        conn.request(method, path, body=body, headers=dict(headers or {}))
        r = conn.getresponse()
        return r.status, r.headers, r.read()
    except OSError as e:
        return 0, http.client.HTTPMessage(), str(e).encode()
    finally:
        conn.close()

def run(label, scenario, ctx):
    try:
        scenario(ctx)
    except Exception as e:  # a scenario that breaks is that scenario's failure; the others still run
        first_line = (str(e).strip().splitlines() or [""])[0]
        fail(f"{label}: {type(e).__name__}: {first_line}")
        print("".join(traceback.format_tb(e.__traceback__, limit=-3)), file=sys.stderr, flush=True)

def start_browser(work, name):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={work / ('chrome-' + name)}",
                "--window-size=1280,900", "--renderer-process-limit=2"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    return driver

def path_of(driver):
    parts = urllib.parse.urlsplit(driver.current_url)
    return parts.path + ("?" + parts.query if parts.query else "")

def wait_until(driver, predicate, timeout=30):
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, timeout).until(lambda d: predicate(d))

def submit_and_wait(driver, button):
    """Clicks a submit button and waits until the next page has loaded."""
    driver.execute_script("window.__podiumE2eOldPage = true;")
    button.click()

    def next_page_loaded(d):
        try:
            return d.execute_script("return !window.__podiumE2eOldPage && document.readyState === 'complete';")
        except Exception:  # mid-navigation
            return False

    wait_until(driver, next_page_loaded)

def submit_form(driver, form):
    from selenium.webdriver.common.by import By
    submit_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))

def h1(driver):
    from selenium.webdriver.common.by import By
    found = driver.find_elements(By.TAG_NAME, "h1")
    return found[0].text.strip() if found else ""

def body_text(driver):
    from selenium.webdriver.common.by import By
    return driver.find_element(By.TAG_NAME, "body").text

def form_for(driver, action_path):
    from selenium.webdriver.common.by import By
    found = driver.find_elements(By.CSS_SELECTOR, f"form[action='{action_path}']")
    return found[0] if found else None

def session_of(driver):
    for c in driver.get_cookies():
        if c["name"] == "podium_session":
            return c["value"]
    return None
