"""Every page: no CSP violation, no serious or critical axe-core finding, light and
dark, and usable at phone size."""

import pytest

from tests.console.live import axe_source, screenshot, sign_in

pytestmark = pytest.mark.slow

PAGES = {
    "overview": "/",
    "incidents": "/incidents",
    "incident": "/incidents/{incident}",
    "runs": "/runs",
    "run": "/runs/{run}",
    "health": "/health",
    "channels": "/channels",
    "lanes": "/lanes",
    "secrets": "/secrets",
    "admin": "/manage",
    "not-found": "/no-such-page",
}

AXE = """async () => {
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ') + ' [' + (n.any[0]?.message ?? '') + ']').join(', ')}`)
}"""


@pytest.fixture(scope="module")
def incident(live_console, playwright_browser):
    context = playwright_browser.new_context()
    answer = context.request.post(
        f"{live_console.url}/alerts/webhook/generic/",
        data={"name": "Replication lag on db-2", "severity": "high", "labels": {"team": "db"}},
        headers={"Authorization": f"Bearer {live_console.api_key}"},
    )
    incident_id = answer.json()["incident_ids"][0]
    context.close()
    return incident_id


@pytest.fixture(scope="module")
def run(live_console, playwright_browser, incident):
    context = playwright_browser.new_context()
    answer = context.request.get(
        f"{live_console.url}/orchestration/pipelines/?incident_id={incident}",
        headers={"Authorization": f"Bearer {live_console.api_key}"},
    )
    run_id = answer.json()["items"][0]["run_id"]
    context.close()
    return run_id


def _settle(page):
    page.wait_for_load_state("networkidle")
    page.locator("h1").first.wait_for()


def test_no_page_breaks_the_content_security_policy(new_page, incident, run):
    page = new_page()
    sign_in(page, "ada")

    for path in PAGES.values():
        page.goto(path.format(incident=incident, run=run))
        _settle(page)

    assert page.csp_violations == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation_on_any_page(new_page, incident, run, scheme):
    source = axe_source()
    page = new_page(color_scheme=scheme)
    page.goto("/")
    page.get_by_role("button", name="Sign in").wait_for()
    found = {}
    page.evaluate(source)
    found["sign-in"] = page.evaluate(AXE)
    sign_in(page, "ada")

    for name, path in PAGES.items():
        page.goto(path.format(incident=incident, run=run))
        _settle(page)
        page.evaluate(source)
        found[name] = page.evaluate(AXE)
        if scheme == "light" or name in ("incidents", "incident"):
            screenshot(page, f"{name}-{scheme}" if scheme == "dark" else name)

    problems = {name: found[name] for name in found if found[name]}
    assert not problems, "\n".join(
        f"{name}: {p}" for name, items in problems.items() for p in items
    )


def test_the_dark_theme_follows_the_system_and_the_toggle(new_page):
    page = new_page(color_scheme="dark")
    sign_in(page, "val")
    html = page.locator("html")
    assert "app-dark" in html.get_attribute("class")

    page.get_by_role("button", name="Theme: system; change").click()  # system -> dark
    page.get_by_role("button", name="Theme: dark; change").click()  # dark -> light
    assert "app-dark" not in (html.get_attribute("class") or "")

    page.reload()
    page.get_by_role("button", name="Theme: light; change").wait_for()
    assert "app-dark" not in (html.get_attribute("class") or "")


def test_a_phone_sized_screen_gets_a_menu_and_no_sideways_scroll(new_page, incident):
    page = new_page(viewport={"width": 390, "height": 844})
    sign_in(page, "rui", "/incidents")
    _settle(page)

    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    search = page.get_by_role("textbox", name="Search titles")
    assert not search.is_visible()  # the list first; filters on demand
    page.get_by_role("button", name="Filters").click()
    search.wait_for()
    page.get_by_role("button", name="Open the navigation").click()
    page.get_by_role("navigation", name="Main (menu)").get_by_role("link", name="Health").click()
    page.get_by_role("heading", name="Health").wait_for()

    page.goto(f"/incidents/{incident}")
    page.get_by_role("button", name="Acknowledge").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "incident-phone")


def _admin_call(page, live_console, method: str, path: str, body: dict) -> None:
    answer = page.context.request.fetch(
        f"{live_console.url}{path}", method=method, data=body,
        headers={"Authorization": f"Bearer {live_console.api_key}"},
    )  # fmt: skip
    assert answer.ok, answer.text()


def _open_driver_menu_and_form(page):
    page.goto("/channels")
    page.get_by_role("button", name="New channel").click()
    dialog = page.get_by_role("dialog", name="New channel")
    dialog.wait_for()
    dialog.get_by_role("combobox", name="Driver").click()
    page.get_by_role("listbox").wait_for()
    yield "channel dialog, driver menu open"
    page.get_by_role("option", name="In-memory outbox (tests)").click()
    dialog.get_by_label("Label", exact=True).wait_for()
    yield "channel dialog with the driver's form"


def _open_confirmations(page):
    page.goto("/channels")
    page.get_by_role("row", name="e2e-outbox").get_by_role("button", name="Delete").click()
    page.get_by_role("alertdialog").wait_for()
    yield "delete a channel"
    page.get_by_role("button", name="Keep").click()
    page.goto("/lanes")
    page.get_by_role("button", name="New lane").click()
    page.get_by_role("dialog", name="New lane").wait_for()
    yield "lane dialog"
    page.keyboard.press("Escape")
    page.get_by_role("row", name="e2e-lane").get_by_role("button", name="Delete").click()
    page.get_by_role("alertdialog").wait_for()
    yield "delete a lane"


def _open_list_menus(page):
    page.goto("/incidents")
    page.get_by_role("combobox", name="Severity").click()
    page.get_by_role("listbox").wait_for()
    yield "incident list, severity menu open"
    page.keyboard.press("Escape")
    page.goto("/manage")
    page.get_by_role("tab", name="Audit log").click()
    page.get_by_role("combobox", name="Action").click()
    page.get_by_role("listbox").wait_for()
    yield "audit log, action menu open"


def _settled(page):
    """Wait for PrimeVue's overlays to finish fading in or out: axe reads the colours of the
    moment, and a menu caught mid-transition fails contrast (seen under load)."""
    running = "() => document.getAnimations().some(a => a.playState === 'running')"
    for _ in range(100):  # page.wait_for_function would need 'unsafe-eval' under our CSP
        if not page.evaluate(running):
            return
        page.wait_for_timeout(50)
    raise AssertionError("animations still running after 5 s")


SHOTS = {"channel dialog with the driver's form": "channel-dialog",
         "audit log, action menu open": "audit-log"}  # fmt: skip


def test_no_serious_accessibility_violation_in_dialogs_and_menus(new_page, live_console):
    source = axe_source()
    page = new_page()
    sign_in(page, "ada")
    _admin_call(page, live_console, "POST", "/notify/channels/",
                {"name": "e2e-outbox", "driver": "locmem", "config": {}})  # fmt: skip
    _admin_call(page, live_console, "POST", "/orchestration/definitions/",
                {"name": "e2e-lane", "priority": 50, "channels": ["e2e-outbox"],
                 "match": [{"field": "label:team", "op": "is", "value": "e2e"}]})  # fmt: skip
    found = {}
    for opener in (_open_driver_menu_and_form, _open_confirmations, _open_list_menus):
        for state in opener(page):
            _settled(page)
            page.evaluate(source)
            found[state] = page.evaluate(AXE)
            if state in SHOTS:
                screenshot(page, SHOTS[state])
    phone = new_page(viewport={"width": 390, "height": 844})
    sign_in(phone, "val")
    phone.get_by_role("button", name="Open the navigation").click()
    phone.get_by_role("navigation", name="Main (menu)").wait_for()
    _settled(phone)
    phone.evaluate(source)
    found["navigation menu on a phone"] = phone.evaluate(AXE)

    assert len(found) == 8
    problems = {state: items for state, items in found.items() if items}
    assert not problems, "\n".join(
        f"{state}: {p}" for state, items in problems.items() for p in items
    )
