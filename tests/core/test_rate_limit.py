import time

import pytest
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from vigil.core.clientip import client_ip
from vigil.core.services import create_api_key

pytestmark = pytest.mark.django_db
PATH = "/api/openapi.json"


@pytest.fixture(autouse=True)
def same_window():
    """Counters live in fixed one-minute windows; a test that straddles a minute boundary
    would see its count start again. Start each test at least 5 s before the boundary."""
    left = 60 - time.time() % 60
    if left < 5:
        time.sleep(left + 0.05)


@override_settings(RATE_LIMITS={"/api/": 3})
def test_limit_answers_429_json_with_retry_after(client, auth_headers):
    codes = [client.get(PATH, **auth_headers).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = client.get(PATH, **auth_headers)
    assert response.json()["error"] == "rate limit exceeded"
    assert response.json()["detail"] == {"limit": 3, "window_seconds": 60, "prefix": "/api/"}
    assert 1 <= int(response["Retry-After"]) <= 61


@override_settings(RATE_LIMITS={"/api/": 2})
def test_identities_are_counted_separately(client, auth_headers):
    other = {"HTTP_AUTHORIZATION": f"Bearer {create_api_key('other').raw}"}
    for _ in range(2):
        assert client.get(PATH, **auth_headers).status_code == 200
    assert client.get(PATH, **auth_headers).status_code == 429
    assert client.get(PATH, **other).status_code == 200


@override_settings(RATE_LIMITS={"/api/": 1}, RATE_LIMIT_ENABLED=False)
def test_disabled_rate_limit_lets_everything_through(client, auth_headers):
    assert {client.get(PATH, **auth_headers).status_code for _ in range(3)} == {200}


@override_settings(RATE_LIMITS={"/api/": 1}, RATE_LIMITS_READ={"/api/": 3})
def test_reads_can_have_their_own_budget(client, auth_headers):
    codes = [client.get(PATH, **auth_headers).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


@override_settings(RATE_LIMITS={"/api/": 1}, API_KEY_AUTH_ENABLED=False)
def test_anonymous_clients_are_limited_by_ip(client):
    assert client.get(PATH, REMOTE_ADDR="198.51.100.7").status_code == 200
    assert client.get(PATH, REMOTE_ADDR="198.51.100.7").status_code == 429
    assert client.get(PATH, REMOTE_ADDR="198.51.100.8").status_code == 200


@override_settings(RATE_LIMITS={"/api/": 1}, API_KEY_AUTH_ENABLED=False, TRUSTED_PROXIES=[])
def test_forwarded_for_is_ignored_without_trusted_proxies(client):
    assert client.get(PATH, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 200
    # A forged header does not buy a fresh budget.
    assert client.get(PATH, HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 429


@pytest.mark.parametrize(
    "remote,forwarded,expected",
    [
        ("10.0.0.5", "203.0.113.9", "203.0.113.9"),
        ("10.0.0.5", "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # left of client is forgeable
        ("10.0.0.5", "203.0.113.9, 10.0.0.6", "203.0.113.9"),  # two trusted hops
        ("198.51.100.1", "203.0.113.9", "198.51.100.1"),  # not from a trusted proxy
        ("10.0.0.5", "not-an-ip", "10.0.0.5"),
        ("10.0.0.5", "", "10.0.0.5"),
        ("10.0.0.5", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_only_believes_trusted_proxies(settings, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@pytest.mark.redis
def test_counters_are_shared_through_redis(settings, client, auth_headers):
    assert caches["default"].__class__.__name__ == "ResilientRedisCache"
    settings.RATE_LIMITS = {"/api/": 2}
    assert client.get(PATH, **auth_headers).status_code == 200
    assert client.get(PATH, **auth_headers).status_code == 200
    # A second cache client (another process would have its own) sees the same counter.
    keys = caches["default"]._cache.get_client().keys("*rl:*")
    assert keys
    assert client.get(PATH, **auth_headers).status_code == 429
