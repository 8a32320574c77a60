"""Settings for the test suite: the real settings, isolated from the developer's .env."""

import atexit
import os
import shutil
import tempfile

os.environ["VIGIL_HOME"] = tempfile.mkdtemp(prefix="vigil-test-")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-" + "k3y-for-the-test-suite-only-" * 3)
os.environ.setdefault("VIGIL_ENCRYPTION_KEYS", "R4-p2ZrEldbmRu1DCd3sivbIR0m1_rqTb54tY-8rzS4=")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("VIGIL_JWT_KEYS", "test-jwt-signing-key-" + "0123456789abcdef" * 3)

from vigil.settings import *  # noqa: F403
from vigil.settings import INSTALLED_APPS

# Each process that loads these settings (the suite, and the workers its tests start)
# has its own home; it goes when the process ends.
atexit.register(shutil.rmtree, os.environ["VIGIL_HOME"], ignore_errors=True)

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise warns when missing
