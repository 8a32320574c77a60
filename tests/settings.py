"""Settings for the test suite: the real settings, isolated from the developer's .env."""

import os
import tempfile

os.environ["VIGIL_HOME"] = tempfile.mkdtemp(prefix="vigil-test-")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-" + "k3y-for-the-test-suite-only-" * 3)
os.environ.setdefault("VIGIL_ENCRYPTION_KEYS", "R4-p2ZrEldbmRu1DCd3sivbIR0m1_rqTb54tY-8rzS4=")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from vigil.settings import *  # noqa: F403
from vigil.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise warns when missing
