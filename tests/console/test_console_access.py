"""Sign-in lifetimes and roles in the browser: expiry, refresh reuse, sign-out, roles."""

import time

import pytest

from tests.console.live import ACCESS_TOKEN_SECONDS, sign_in

pytestmark = pytest.mark.slow

REFRESH = "/auth/token/refresh/"


def _refresh_cookie(context) -> dict:
    return next(cookie for cookie in context.cookies() if cookie["name"] == "vigil_refresh")


def test_an_expired_access_token_is_renewed_without_signing_in_again(new_page):
    page = new_page()
    sign_in(page, "val", "/health")
    # Page timers stand still, so the console cannot renew ahead of time: the token
    # really expires and the next request meets a 401.
    page.clock.install()
    page.clock.pause_at(time.time() * 1000)
    refreshes = []
    page.on("response", lambda answer: REFRESH in answer.url and refreshes.append(answer.status))

    page.wait_for_timeout((ACCESS_TOKEN_SECONDS + 2) * 1000)
    with page.expect_response(lambda answer: "/orchestration/pipelines/" in answer.url) as runs:
        page.get_by_role("link", name="Runs").first.click()

    page.get_by_role("heading", name="Runs").wait_for()
    assert runs.value.status == 200
    assert refreshes == [200]
    assert not page.get_by_role("alert").is_visible()
    assert page.get_by_role("button", name="Sign out").is_visible()


def test_a_reload_keeps_the_session_and_rotates_the_refresh_token(new_page):
    page = new_page()
    sign_in(page, "val")
    before = _refresh_cookie(page.context)["value"]

    page.reload()
    page.get_by_role("button", name="Sign out").wait_for()

    assert _refresh_cookie(page.context)["value"] != before
    assert page.get_by_role("heading", name="Overview").is_visible()


def test_a_reused_refresh_token_ends_the_whole_sign_in(new_page, live_console):
    page = new_page()
    sign_in(page, "val")
    stolen = _refresh_cookie(page.context)
    page.reload()  # the console uses the token: it is rotated
    page.get_by_role("button", name="Sign out").wait_for()

    thief = new_page()
    thief.context.add_cookies(
        [{"name": stolen["name"], "value": stolen["value"], "url": live_console.url + REFRESH}]
    )
    replay = thief.context.request.post(live_console.url + REFRESH)
    assert replay.status == 401

    page.reload()  # the rightful browser's newer token went with the family
    page.get_by_role("button", name="Sign in").wait_for()


def test_sign_out_ends_the_session_for_good(new_page, live_console):
    page = new_page()
    sign_in(page, "rui")
    cookie = _refresh_cookie(page.context)

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Sign in").wait_for()
    page.reload()
    page.get_by_role("button", name="Sign in").wait_for()

    other = new_page()
    other.context.add_cookies(
        [{"name": cookie["name"], "value": cookie["value"], "url": live_console.url + REFRESH}]
    )
    assert other.context.request.post(live_console.url + REFRESH).status == 401


@pytest.mark.parametrize(
    ("person", "acts", "administers"),
    [("val", False, False), ("rui", True, False), ("ada", True, True)],
)
def test_each_role_is_offered_what_it_may_do(new_page, live_console, person, acts, administers):
    page = new_page()
    answer = page.context.request.post(
        f"{live_console.url}/alerts/webhook/generic/",
        data={"name": f"Role check {person}", "severity": "warning"},
        headers={"Authorization": f"Bearer {live_console.api_key}"},
    )
    incident_id = answer.json()["incident_ids"][0]
    sign_in(page, person, f"/incidents/{incident_id}")
    page.get_by_role("heading", name=f"Role check {person}").wait_for()

    assert page.get_by_role("button", name="Acknowledge").is_visible() is acts
    assert page.get_by_role("button", name="Add comment").is_visible() is acts
    assert page.get_by_role("link", name="Admin").first.is_visible() is administers

    page.goto("/channels")
    page.get_by_role("heading", name="Channels").wait_for()
    assert page.get_by_role("button", name="New channel").is_visible() is administers

    page.goto("/manage")
    notice = page.get_by_text("This page needs the admin role")
    if administers:
        page.get_by_role("tab", name="API keys").wait_for()
        assert not notice.is_visible()
    else:
        notice.wait_for()


def test_two_tabs_renewing_at_once_both_stay_signed_in(new_page):
    page = new_page()
    sign_in(page, "val")
    other = page.context.new_page()
    other.goto("/")
    other.get_by_role("button", name="Sign out").wait_for()

    for _ in range(3):  # both tabs spend the refresh cookie at the same moment
        page.evaluate("location.reload()")
        other.evaluate("location.reload()")
        page.get_by_role("button", name="Sign out").wait_for()
        other.get_by_role("button", name="Sign out").wait_for()

    page.reload()
    page.get_by_role("button", name="Sign out").wait_for()


def test_an_admin_adds_a_person_who_can_then_sign_in(new_page):
    page = new_page()
    sign_in(page, "ada", "/manage")
    page.get_by_role("tab", name="Users and roles").click()
    page.get_by_label("New user's name").fill("zoe")
    page.get_by_label("New user's password").fill("pw-zoe-e2e-1234")
    page.get_by_role("button", name="Add user").click()
    page.get_by_role("cell", name="zoe", exact=True).wait_for()

    newcomer = new_page()
    sign_in(newcomer, "zoe")
    assert newcomer.get_by_text("(viewer)").is_visible()
