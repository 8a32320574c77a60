"""Celery, the distributed engine: `celery -A vigil.orchestration.celery worker -Q vigil`.

Configured from Django settings (the CELERY_* block of the orchestration settings),
JSON-only. A task carries only a run id; the worker claims the run row like any other
worker, so a duplicated or late message is harmless.
"""

import os

from celery import Celery
from django.core.signals import setting_changed

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")

app = Celery("vigil")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["vigil.orchestration"])


def _follow_broker_setting(*, setting: str, value, **kwargs) -> None:
    # Tests (and only tests) change settings at runtime; keep the producer in step.
    if setting == "CELERY_BROKER_URL":
        app.conf.broker_url = value or None
        # Drop, not close: kombu keeps pools per URL and would hand back a closed one.
        app._pool = None
        app.amqp._producer_pool = None


setting_changed.connect(_follow_broker_setting, dispatch_uid="vigil.celery.broker")
