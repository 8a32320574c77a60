"""/auth/token/, /auth/token/refresh/, /auth/logout/ through the real middleware."""

import logging

import pytest
from django.contrib.auth.signals import user_login_failed
from django.test import Client

from tests.conftest import PASSWORD
from vigil.accounts.models import AuditEvent

REFRESH = "/auth/token/refresh/"


def _login(client, username="alice", password=PASSWORD, **extra):
    return client.post(
        "/auth/token/",
        {"username": username, "password": password},
        content_type="application/json",
        **extra,
    )


def _bearer(response) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {response.json()['access']}"}


@pytest.fixture
def alice(make_user):
    return make_user("alice", "responder", email="alice@example.com", first_name="Alice")


def test_sign_in_answers_an_access_token_and_sets_a_strict_refresh_cookie(client, alice):
    response = _login(client, REMOTE_ADDR="127.0.0.7")
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer" and 0 < body["expires_in"] <= 900
    assert body["user"] == {
        "id": alice.pk, "username": "alice", "name": "Alice",
        "email": "alice@example.com", "role": "responder",
    }  # fmt: skip
    cookie = response.cookies["vigil_refresh"]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert cookie["path"] == REFRESH
    assert not cookie["secure"]  # plain HTTP here; see the HTTPS test
    assert response["Cache-Control"] == "no-store"
    assert client.get("/alerts/incidents/", **_bearer(response)).status_code == 200
    event = AuditEvent.objects.get(event="login")
    assert (event.username, event.ip, event.detail) == ("alice", "127.0.0.7", {"via": "console"})


def test_the_refresh_cookie_is_secure_under_https(client, alice):
    response = _login(client, secure=True)
    assert response.cookies["vigil_refresh"]["secure"]


def test_a_wrong_password_is_401_audited_and_signalled(client, alice):
    heard = []

    def listener(sender, credentials, request=None, **kwargs):
        heard.append(credentials["username"])

    user_login_failed.connect(listener)
    try:
        response = _login(client, password="wrong", REMOTE_ADDR="127.0.0.9")
    finally:
        user_login_failed.disconnect(listener)
    assert response.status_code == 401
    assert response.json() == {"error": "invalid username or password"}
    assert "vigil_refresh" not in response.cookies
    assert heard == ["alice"]
    event = AuditEvent.objects.get(event="login_failed")
    assert (event.username, event.ip) == ("alice", "127.0.0.9")


def test_a_user_without_a_role_cannot_sign_in(client, make_user):
    make_user("norole", None)
    response = _login(client, "norole")
    assert response.status_code == 403
    assert "has no role yet" in response.json()["error"]


def test_refresh_rotates_the_cookie_and_answers_a_new_access_token(client, alice):
    first = _login(client).cookies["vigil_refresh"].value
    response = client.post(REFRESH)
    assert response.status_code == 200
    second = response.cookies["vigil_refresh"].value
    assert second != first
    assert client.get("/alerts/incidents/", **_bearer(response)).status_code == 200
    assert client.post(REFRESH).status_code == 200  # the rotated cookie works in turn


def test_a_reused_refresh_token_revokes_the_whole_family(client, alice):
    login = _login(client)
    stolen = login.cookies["vigil_refresh"].value
    fresh = client.post(REFRESH)
    assert fresh.status_code == 200
    thief = Client()
    thief.cookies["vigil_refresh"] = stolen
    reused = thief.post(REFRESH)
    assert reused.status_code == 401
    assert "already used" in reused.json()["error"]
    # Every token of the family is dead: the legitimate cookie and both access tokens.
    assert client.post(REFRESH).status_code == 401
    for response in (login, fresh):
        answer = client.get("/alerts/incidents/", **_bearer(response))
        assert answer.status_code == 401
        assert answer.json()["detail"] == "this sign-in has ended"
    assert AuditEvent.objects.filter(event="refresh_reused", username="alice").count() == 1


def test_logout_revokes_the_access_and_refresh_tokens(client, alice):
    login = _login(client)
    response = client.post("/auth/logout/", **_bearer(login))
    assert response.status_code == 204
    assert response.cookies["vigil_refresh"].value == ""
    assert response.cookies["vigil_refresh"]["path"] == REFRESH
    assert client.get("/alerts/incidents/", **_bearer(login)).status_code == 401
    replay = Client()
    replay.cookies["vigil_refresh"] = login.cookies["vigil_refresh"].value
    assert replay.post(REFRESH).status_code == 401
    assert AuditEvent.objects.filter(event="logout", username="alice").exists()


def test_logout_without_a_token_is_401(client):
    assert client.post("/auth/logout/").status_code == 401


def test_refresh_without_a_cookie_is_401(client, db):
    response = client.post(REFRESH)
    assert response.status_code == 401
    assert response.json() == {"error": "refresh token not recognised; sign in again"}


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
    ],
)
def test_cross_site_requests_cannot_refresh_or_sign_in(client, alice, headers):
    _login(client)
    response = client.post(REFRESH, **headers)
    assert response.status_code == 403
    assert response.json()["error"] == "cross-site request refused"
    assert "vigil_refresh" not in response.cookies
    assert _login(Client(), **headers).status_code == 403


def test_same_origin_requests_refresh(client, alice):
    _login(client)
    response = client.post(
        REFRESH, HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 200


def test_bad_login_bodies_are_422_and_name_the_field(client, db):
    response = client.post("/auth/token/", {"username": "x"}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "password"


def test_sign_in_without_signing_keys_is_503(client, alice, settings):
    settings.VIGIL_JWT_KEYS = []
    response = _login(client)
    assert response.status_code == 503
    assert "VIGIL_JWT_KEYS" in response.json()["error"]


def test_a_console_user_reads_on_one_budget_of_their_own(client, sign_in, settings):
    settings.RATE_LIMITS = {"/orchestration/": 2}
    settings.RATE_LIMIT_USER_READS = 4
    headers = sign_in("viewer")
    answers = [client.get("/orchestration/pipelines/", **headers).status_code for _ in range(5)]
    assert answers == [200, 200, 200, 200, 429]


def test_no_token_reaches_the_logs(client, alice, caplog):
    # Every step of a session, at DEBUG, the 401s (which Django logs) included.
    caplog.set_level(logging.DEBUG)
    login = _login(client)
    refresh = login.cookies["vigil_refresh"].value
    renewed = client.post(REFRESH)
    client.get("/alerts/incidents/", **_bearer(renewed))
    thief = Client()
    thief.cookies["vigil_refresh"] = refresh
    thief.post(REFRESH)  # reuse: the family ends, and is logged
    client.get("/alerts/incidents/", **_bearer(renewed))  # 401: this sign-in has ended
    client.get("/alerts/incidents/", HTTP_AUTHORIZATION=f"Bearer {login.json()['access']}x")
    client.post("/auth/logout/", **_bearer(login))

    tokens = [login.json()["access"], renewed.json()["access"], refresh,
              renewed.cookies["vigil_refresh"].value]  # fmt: skip
    assert caplog.records, "nothing was logged: the test would prove nothing"
    logged = "\n".join(record.getMessage() + repr(record.__dict__) for record in caplog.records)
    for token in tokens:
        assert token not in logged
        assert token.split(".")[-1] not in logged  # nor its signature alone
