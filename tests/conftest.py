import os

import pytest
from django.conf import settings
from django.core.cache import caches

from tests.support.recording_server import RecordingServer
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
    forget_measurements()
    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def api_key(db):
    return create_api_key("test-key").raw


@pytest.fixture
def auth_headers(api_key):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_key}"}


@pytest.fixture
def recording_server(settings):
    """A real HTTP server on 127.0.0.1, reachable through the SSRF guard for this test."""
    server = RecordingServer().start()
    settings.SSRF_ALLOWED_HOSTS = [*settings.SSRF_ALLOWED_HOSTS, "127.0.0.1"]
    yield server
    server.stop()
