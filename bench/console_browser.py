"""The console in headless Chromium: what the first page costs, how soon rows show, how
soon a new webhook shows in an open list. bench/console.py --browser runs it against its
100,000 incidents; alone it measures any running Vigil:

    python bench/console_browser.py --url http://127.0.0.1:18500 --username ada \
        --password PW --key RESPONDER_API_KEY

Goals (issue 20): the initial route loads <= 200 KB of gzipped JS + CSS; the first
incident rows show <= 1 s after navigation on loopback; a new webhook shows in an open
list within 2 s at p99. Times come from the page's own clock (Performance API).
"""

import argparse
import json
import statistics
import sys
import time
from http.client import HTTPConnection
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))
from tests.console.live import CHROMIUM, CHROMIUM_ARGS  # one list of browser flags

GOAL_INITIAL_KB = 200
GOAL_FIRST_ROWS_MS = 1000
GOAL_LIVE_P99_MS = 2000

# The JS and CSS the page fetched, as sent over the wire (gzip), in KB.
SCRIPT_BYTES = """() => performance.getEntriesByType('resource')
    .filter((entry) => /\\.(js|css)(\\?|$)/.test(entry.name))
    .reduce((sum, entry) => sum + entry.encodedBodySize, 0) / 1024"""
FIRST_ROW = "() => document.querySelector('a.incident-link') && performance.now()"
ROW_WITH = """(title) => [...document.querySelectorAll('a.incident-link')]
    .some((link) => link.textContent.includes(title)) && Date.now()"""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _signed_in(browser, url: str, username: str, password: str):
    context = browser.new_context(base_url=url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto("/")
    page.get_by_label("Username").fill(username)
    page.locator("#password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for(timeout=15_000)
    return context, page


def initial_route_kb(browser, url: str, username: str, password: str) -> float:
    """A signed-in reload of / in a browser with an empty cache."""
    context, page = _signed_in(browser, url, username, password)
    page.reload(wait_until="networkidle")
    size = page.evaluate(SCRIPT_BYTES)
    context.close()
    return size


def first_rows_ms(browser, url: str, username: str, password: str, samples: int) -> list[float]:
    """Navigation to /incidents until its first row is on screen, warm cache."""
    context, page = _signed_in(browser, url, username, password)
    times = []
    for _ in range(samples):
        page.goto("/incidents")
        times.append(page.wait_for_function(FIRST_ROW, polling="raf", timeout=15_000).json_value())
    context.close()
    return times


def _post_webhook(url: str, key: str, title: str) -> None:
    parts = urlsplit(url)
    conn = HTTPConnection(parts.hostname, parts.port, timeout=30)
    body = json.dumps({"name": title, "severity": "critical", "labels": {"bench": "console"}})
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    conn.request("POST", "/alerts/webhook/generic/", body, headers)
    answer = conn.getresponse()
    answer.read()
    if answer.status != 202:
        raise SystemExit(f"webhook answered {answer.status}")


def live_update_ms(browser, url: str, username: str, password: str, key: str, samples: int):
    """From a webhook's POST until its incident shows in an open /incidents."""
    context, page = _signed_in(browser, url, username, password)
    page.goto("/incidents")
    page.wait_for_function(FIRST_ROW, timeout=15_000)
    times = []
    for number in range(samples):
        title = f"bench live {time.time_ns()} {number}"
        sent = time.time() * 1000
        _post_webhook(url, key, title)
        shown = page.wait_for_function(ROW_WITH, arg=title, timeout=30_000).json_value()
        times.append(shown - sent)
        time.sleep(0.3)  # let the list settle, as between two real alerts
    context.close()
    return times


def report(url: str, username: str, password: str, key: str, samples: int = 20) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        size = initial_route_kb(browser, url, username, password)
        rows = first_rows_ms(browser, url, username, password, samples)
        live = live_update_ms(browser, url, username, password, key, samples)
        browser.close()
    print("\nThe console in headless Chromium (Performance API)")
    print(f"initial route, gzipped JS + CSS: {size:.1f} KB (goal <= {GOAL_INITIAL_KB} KB)")
    print(
        f"first incident rows after navigation, {samples} navigations: "
        f"p50 {statistics.median(rows):.0f} ms, max {max(rows):.0f} ms "
        f"(goal <= {GOAL_FIRST_ROWS_MS} ms)"
    )
    print(
        f"new webhook shown in an open list, {samples} webhooks: "
        f"p50 {statistics.median(live):.0f} ms, p99 {_percentile(live, 0.99):.0f} ms, "
        f"max {max(live):.0f} ms (goal p99 <= {GOAL_LIVE_P99_MS} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="a running Vigil, e.g. http://127.0.0.1:18500")
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--key", required=True, help="an API key that may send webhooks")
    parser.add_argument("--samples", type=int, default=20)
    args = parser.parse_args()
    report(args.url.rstrip("/"), args.username, args.password, args.key, args.samples)


if __name__ == "__main__":
    main()
