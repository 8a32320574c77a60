"""The security watch: repeated failed sign-ins and refused API keys from one address,
changes to watched environment files; each becomes an incident through ingest."""

import os

import pytest
from django.core.cache import caches

from vigil.alerts.models import Incident
from vigil.orchestration.scheduler import JOBS
from vigil.secretscan.models import AuthFailureBurst

pytestmark = pytest.mark.django_db


def watch() -> None:
    next(job for job in JOBS if job.name == "security_watch").func()


@pytest.fixture(autouse=True)
def limits(settings):
    caches["default"].clear()
    settings.SECURITY_AUTH_FAILURE_LIMIT = 3
    settings.SECURITY_AUTH_FAILURE_WINDOW = 300
    settings.SECURITY_WATCHED_FILES = []


def test_repeated_failed_sign_ins_from_one_address_open_one_incident(client):
    for _ in range(5):
        response = client.post(
            "/admin/login/",
            {"username": "admin", "password": "guess"},
            REMOTE_ADDR="203.0.113.7",
        )
        assert response.status_code == 200  # the form again: refused
    client.post("/admin/login/", {"username": "x", "password": "y"}, REMOTE_ADDR="198.51.100.2")
    [burst] = AuthFailureBurst.objects.all()
    assert (burst.kind, burst.source, burst.count, burst.last_username) == (
        "sign_in",
        "203.0.113.7",
        3,
        "admin",
    )
    watch()
    incident = Incident.objects.get(source="secretscan")
    assert incident.title == "failed sign-ins from 203.0.113.7"
    assert "last user name tried: admin" in incident.alerts.get().description
    watch()  # sent once
    assert Incident.objects.count() == 1


def test_refused_api_keys_from_one_address_open_an_incident(client):
    for _ in range(3):
        response = client.get(
            "/alerts/incidents/",
            HTTP_AUTHORIZATION="Bearer vk_not-a-key",
            REMOTE_ADDR="192.0.2.44",
        )
        assert response.status_code == 401
    watch()
    assert Incident.objects.get().title == "refused API keys from 192.0.2.44"


def test_a_cache_outage_never_breaks_sign_in(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        }
    }
    response = client.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 200 and not AuthFailureBurst.objects.exists()


def test_a_changed_watched_env_file_opens_an_incident_naming_variables_not_values(
    tmp_path, settings
):
    env = tmp_path / ".env"
    env.write_text("DJANGO_SECRET_KEY=first-value\nDEBUG=0\n")
    os.chmod(env, 0o600)
    settings.SECURITY_WATCHED_FILES = [str(env)]
    watch()  # the first look records the file
    assert not Incident.objects.exists()
    env.write_text("DJANGO_SECRET_KEY=second-value\nDEBUG=0\nEXTRA_TOKEN=abc\n")
    watch()
    alert = Incident.objects.get().alerts.get()
    assert alert.name == f"watched file changed: {env}"
    assert alert.annotations["names_added"] == ["EXTRA_TOKEN"]
    assert "second-value" not in repr(alert.__dict__) and "abc" not in alert.description
    os.chmod(env, 0o644)
    watch()
    assert Incident.objects.filter(title=f"watched file permissions: {env}").exists()
    watch()  # nothing changed since
    assert Incident.objects.count() == 2
