"""Celery, the distributed engine: `celery -A vigil.orchestration.celery worker -Q vigil`.

Configured from Django settings (the CELERY_* block of the orchestration settings),
JSON-only. A task carries only a run id; the worker claims the run row like any other
worker, so a duplicated or late message is harmless.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")

app = Celery("vigil")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["vigil.orchestration"])
