import os

import pytest
from django.conf import settings
from django.core.cache import caches

from tests.support.recording_server import RecordingServer
from vigil.accounts.roles import set_user_role
from vigil.accounts.signin import forget_cached_principals
from vigil.core.config_cache import ManualClock, use_clock
from vigil.core.config_cache import forget_all as forget_config
from vigil.core.measurements import forget_all as forget_measurements
from vigil.core.services import create_api_key, forget_cached_keys

# In CI the PostgreSQL and Redis tests must run: a skip there is a failure.
REQUIRE_SERVICES = os.environ.get("VIGIL_REQUIRE_SERVICES") == "1"


def _skip_or_fail(reason: str):
    if REQUIRE_SERVICES:
        pytest.fail(f"VIGIL_REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres"):
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            _skip_or_fail("needs PostgreSQL: run with DATABASE_URL=postgres://… (see .ci/run)")
    if item.get_closest_marker("redis") and not settings.REDIS_URL:
        _skip_or_fail("needs Redis: run with REDIS_URL=redis://127.0.0.1:6379/15")


@pytest.fixture(autouse=True)
def _fresh_caches():
    forget_cached_keys()
    forget_cached_principals()
    forget_measurements()
    forget_config()
    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def config_clock():
    """The configuration caches' clock, moved by the test instead of sleeping."""
    clock = ManualClock()
    use_clock(clock)
    yield clock
    use_clock(None)


@pytest.fixture
def api_key(db):
    return create_api_key("test-key").raw


@pytest.fixture
def auth_headers(api_key):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_key}"}


PASSWORD = "correct horse battery staple"


@pytest.fixture
def make_user(db, django_user_model):
    """A user holding one role (or none); their password is PASSWORD."""

    def make(username: str, role: str | None = "viewer", **fields):
        user = django_user_model.objects.create_user(username, password=PASSWORD, **fields)
        if role:
            set_user_role(user, role)
        return user

    return make


@pytest.fixture
def sign_in(client, make_user):
    """Sign a new user with `role` in through /auth/token/; returns their auth headers."""

    def sign(role: str = "viewer", username: str | None = None) -> dict:
        make_user(username or f"{role}-user", role)
        response = client.post(
            "/auth/token/",
            {"username": username or f"{role}-user", "password": PASSWORD},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        return {"HTTP_AUTHORIZATION": f"Bearer {response.json()['access']}"}

    return sign


@pytest.fixture
def recording_server(settings):
    """A real HTTP server on 127.0.0.1, reachable through the SSRF guard for this test."""
    server = RecordingServer().start()
    settings.SSRF_ALLOWED_HOSTS = [*settings.SSRF_ALLOWED_HOSTS, "127.0.0.1"]
    yield server
    server.stop()
