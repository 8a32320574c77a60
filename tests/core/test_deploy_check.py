"""`manage.py check --deploy` is clean with production settings taken from the env."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_ALLOWED_HOSTS": "vigil.example.com",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://vigil.example.com",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "DJANGO_SECURE_HSTS_PRELOAD": "1",
    "DJANGO_SESSION_COOKIE_SECURE": "1",
    "DJANGO_CSRF_COOKIE_SECURE": "1",
    "DJANGO_SECURE_PROXY_SSL_HEADER": "1",
    "NOTIFY_LINK_BASE_URL": "https://vigil.example.com",
}


def _check_deploy(tmp_path, extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "VIGIL_", "REDIS_", "DATABASE_"))
    }
    env.update(
        {
            "VIGIL_HOME": str(tmp_path),
            "PYTHONPATH": str(ROOT),
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "VIGIL_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "VIGIL_JWT_KEYS": secrets.token_urlsafe(48),
            **extra,
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "vigil.cli", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )


@pytest.mark.redis
def test_check_deploy_is_clean_with_production_env(tmp_path):
    result = _check_deploy(tmp_path, {**PRODUCTION, "REDIS_URL": settings.REDIS_URL})
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_development_defaults(tmp_path):
    result = _check_deploy(tmp_path, {"DJANGO_DEBUG": "1"})
    assert result.returncode != 0
    for check_id in (
        "security.W004",
        "security.W008",
        "security.W012",
        "security.W018",
        "config.W001",
    ):
        assert check_id in result.stderr
