"""The console end to end: a real `vigil serve` and Debian's Chromium (Playwright)."""

import itertools
import re
import time

import pytest

from tests.console.live import screenshot, sign_in

pytestmark = pytest.mark.slow

_titles = itertools.count(1)


def send_alert(page, live_console, **fields) -> int:
    """POST a webhook as a monitoring tool would; returns the incident id."""
    body = {"name": f"Disk full on db-{next(_titles)}", "severity": "critical", **fields}
    answer = page.context.request.post(
        f"{live_console.url}/alerts/webhook/generic/",
        data=body,
        headers={"Authorization": f"Bearer {live_console.api_key}"},
    )
    assert answer.status == 202, answer.text()
    return answer.json()["incident_ids"][0]


def api_get(page, live_console, path: str) -> dict:
    answer = page.context.request.get(
        f"{live_console.url}{path}", headers={"Authorization": f"Bearer {live_console.api_key}"}
    )
    assert answer.ok, answer.text()
    return answer.json()


def test_sign_in_opens_the_console(new_page):
    page = new_page()
    page.goto("/")
    page.get_by_role("button", name="Sign in").wait_for()
    screenshot(page, "sign-in")

    sign_in(page, "ada")

    assert page.get_by_role("heading", name="Overview").is_visible()
    assert page.get_by_text("ada").first.is_visible()
    assert page.csp_violations == []


def test_a_wrong_password_shows_the_servers_message(new_page):
    page = new_page()
    page.goto("/")
    page.get_by_label("Username").fill("val")
    page.locator("#password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "invalid" in alert.inner_text().lower()


def test_a_new_webhook_appears_in_the_open_list_without_reload(new_page, live_console):
    page = new_page()
    sign_in(page, "val", "/incidents")
    page.get_by_role("heading", name="Incidents").wait_for()
    page.evaluate("window.__marker = 'no reload'")

    title = f"Backup failed {time.monotonic_ns()}"
    started = time.monotonic()
    incident_id = send_alert(page, live_console, name=title)
    page.get_by_role("link", name=title).wait_for(timeout=5_000)
    seen_after = time.monotonic() - started

    assert page.evaluate("window.__marker") == "no reload"
    assert seen_after < 5
    assert page.get_by_role("link", name=f"#{incident_id} {title}").is_visible()
    screenshot(page, "incidents")


def test_acknowledge_in_the_console_is_seen_through_the_api(new_page, live_console):
    page = new_page()
    incident_id = send_alert(page, live_console)
    sign_in(page, "rui", f"/incidents/{incident_id}")

    page.get_by_role("button", name="Acknowledge").click()
    page.get_by_text("Incident acknowledged", exact=True).wait_for()  # the toast

    incident = api_get(page, live_console, f"/alerts/incidents/{incident_id}/")
    assert incident["status"] == "acknowledged"
    assert "rui" in incident["acknowledged_by"]
    screenshot(page, "incident")


def test_keyboard_acknowledges_the_row_under_the_cursor(new_page, live_console):
    page = new_page()
    sign_in(page, "rui", "/incidents")
    incident_id = send_alert(page, live_console, name=f"Keyboard {time.monotonic_ns()}")
    page.get_by_role("link", name=f"#{incident_id} ").wait_for()

    page.keyboard.press("j")
    page.keyboard.press("a")
    page.get_by_text("Acknowledged 1 incident(s)").wait_for()

    assert api_get(page, live_console, f"/alerts/incidents/{incident_id}/")["status"] == (
        "acknowledged"
    )


def test_three_open_consoles_each_see_a_new_webhook_within_two_seconds(new_page, live_console):
    # One `vigil serve` worker process (live.py): three browsers' long polls and their
    # pages' requests must share its threads without starving each other.
    pages = []
    for name in ("val", "rui", "ada"):
        page = new_page()
        sign_in(page, name, "/incidents")
        page.get_by_role("heading", name="Incidents").wait_for()
        pages.append(page)
    time.sleep(1.5)  # each page past its first answer, waiting on the server (or its retry)

    title = f"Three watchers {time.monotonic_ns()}"
    started = time.monotonic()
    send_alert(pages[0], live_console, name=title)
    seen = []
    for page in pages:
        page.get_by_role("link", name=title).wait_for(timeout=10_000)
        seen.append(time.monotonic() - started)

    assert max(seen) <= 2.0, f"seen after {[round(s, 2) for s in seen]} s"


def test_a_viewer_gets_a_telegram_link_code(new_page):
    page = new_page()
    sign_in(page, "val")
    page.get_by_role("button", name="Link Telegram").click()
    dialog = page.get_by_role("dialog", name="Link your Telegram account")
    code = dialog.get_by_test_id("telegram-link-code").inner_text()
    assert re.fullmatch(r"/link [2-9A-HJ-KM-NP-Z]{8}", code), code
    assert "within 10 minutes" in dialog.inner_text()
    screenshot(page, "telegram-link-code")
