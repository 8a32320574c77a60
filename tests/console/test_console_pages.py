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


def _settle(page):
    page.wait_for_load_state("networkidle")
    page.locator("h1").first.wait_for()


def test_no_page_breaks_the_content_security_policy(new_page, incident):
    page = new_page()
    sign_in(page, "ada")

    for path in PAGES.values():
        page.goto(path.format(incident=incident))
        _settle(page)

    assert page.csp_violations == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation_on_any_page(new_page, incident, scheme):
    source = axe_source()
    page = new_page(color_scheme=scheme)
    page.goto("/")
    page.get_by_role("button", name="Sign in").wait_for()
    found = {}
    page.evaluate(source)
    found["sign-in"] = page.evaluate(AXE)
    sign_in(page, "ada")

    for name, path in PAGES.items():
        page.goto(path.format(incident=incident))
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
