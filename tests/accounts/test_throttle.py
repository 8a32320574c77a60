"""Sign-in attempts: limited per account and per address, with growing back-off."""

import pytest

from tests.conftest import PASSWORD
from vigil.accounts import throttle
from vigil.accounts.models import AuditEvent


def _login(client, username, password, ip="127.0.0.5"):
    return client.post(
        "/auth/token/",
        {"username": username, "password": password},
        content_type="application/json",
        REMOTE_ADDR=ip,
    )


@pytest.fixture
def bob(make_user):
    return make_user("bob", "viewer")


def test_each_failure_past_the_free_ones_doubles_the_lock(db, settings):
    settings.AUTH_LOGIN_FREE_FAILURES_PER_USER = 3
    settings.AUTH_LOGIN_MAX_BACKOFF_SECONDS = 8
    locks = [throttle.record_failure("carol", f"127.0.0.{n}") for n in range(1, 9)]
    assert locks == [0, 0, 0, 1, 2, 4, 8, 8]
    assert 7 <= throttle.retry_after("carol", "127.0.0.200") <= 8


def test_an_account_is_locked_even_with_the_right_password(client, bob):
    for _ in range(5):
        assert _login(client, "bob", "wrong").status_code == 401
    assert _login(client, "bob", "wrong").status_code == 401  # the sixth starts a lock
    response = _login(client, "bob", PASSWORD, ip="127.0.0.99")
    assert response.status_code == 429
    assert response.json() == {"error": "too many failed sign-ins; wait and try again"}
    assert int(response["Retry-After"]) >= 1
    event = AuditEvent.objects.get(event="login_throttled")
    assert (event.username, event.ip) == ("bob", "127.0.0.99")


def test_an_address_guessing_many_accounts_is_locked(client, bob, settings):
    settings.AUTH_LOGIN_FREE_FAILURES_PER_IP = 3
    for name in ("a", "b", "c", "d"):
        assert _login(client, name, "wrong", ip="127.0.0.66").status_code == 401
    assert _login(client, "bob", PASSWORD, ip="127.0.0.66").status_code == 429
    assert _login(client, "bob", PASSWORD, ip="127.0.0.67").status_code == 200


def test_a_success_clears_the_account_count(client, bob):
    for _ in range(4):
        _login(client, "bob", "wrong")
    assert _login(client, "bob", PASSWORD).status_code == 200
    for _ in range(5):
        assert _login(client, "bob", "wrong").status_code == 401
    assert _login(client, "bob", PASSWORD).status_code == 200


def test_usernames_differing_in_case_share_a_count(db, settings):
    settings.AUTH_LOGIN_FREE_FAILURES_PER_USER = 1
    throttle.record_failure("Dave", "127.0.0.1")
    assert throttle.record_failure("dave", "127.0.0.2") == 1
