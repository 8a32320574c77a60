import json
import os

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import CommandError


def _ids(**kwargs):
    return {message.id for message in run_checks(include_deployment_checks=True, **kwargs)}


def test_rate_limit_on_a_per_process_cache_warns(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.RATE_LIMIT_ENABLED = True
    assert "config.W001" in _ids()
    # A deployment concern: plain `check` (run by every command) stays quiet about it.
    assert "config.W001" not in {m.id for m in run_checks()}
    settings.RATE_LIMIT_ENABLED = False
    assert "config.W001" not in _ids()


def test_auth_off_without_debug_warns(settings):
    settings.API_KEY_AUTH_ENABLED = False
    settings.DEBUG = False
    assert "config.W002" in _ids()
    settings.DEBUG = True
    assert "config.W002" not in _ids()


@pytest.mark.parametrize("key", ["short", "django-insecure-" + "a" * 60, "ab" * 40])
def test_weak_secret_keys_warn(settings, key):
    settings.SECRET_KEY = key
    assert "config.W003" in _ids()


def test_wildcard_allowed_hosts_warns(settings):
    settings.ALLOWED_HOSTS = ["*"]
    assert "config.W005" in _ids()


def test_missing_or_bad_encryption_keys_are_reported(settings):
    settings.VIGIL_ENCRYPTION_KEYS = []
    assert "config.W006" in _ids()
    settings.VIGIL_ENCRYPTION_KEYS = ["not-a-fernet-key"]
    assert "config.E001" in _ids()


def test_world_readable_env_file_warns(settings, tmp_path):
    settings.VIGIL_HOME = tmp_path
    env_file = tmp_path / ".env"
    env_file.write_text("DJANGO_SECRET_KEY=x\n")
    os.chmod(env_file, 0o644)
    assert "config.W007" in _ids()
    os.chmod(env_file, 0o600)
    assert "config.W007" not in _ids()


@pytest.mark.django_db
def test_preflight_json_passes_on_a_migrated_database(capsys, settings):
    settings.RATE_LIMIT_ENABLED = False
    call_command("preflight", "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    assert "config.E003" not in {item["id"] for item in report["findings"]}


@pytest.mark.django_db
def test_preflight_fails_with_nonzero_exit_on_errors(capsys, settings):
    settings.VIGIL_ENCRYPTION_KEYS = ["broken"]
    with pytest.raises(CommandError) as excinfo:
        call_command("preflight")
    assert excinfo.value.returncode == 1
    out = capsys.readouterr().out
    assert "config.E001" in out and "fix:" in out
