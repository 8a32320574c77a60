"""Celery, the distributed engine: `celery -A vigil.orchestration.celery worker -Q vigil`.

Configured from Django settings (the CELERY_* block of the orchestration settings),
JSON-only. A task carries only a run id; the worker claims the run row like any other
worker, so a duplicated or late message is harmless.

Every Celery worker also runs Vigil's periodic jobs (the reconciler, delivery retries,
retention), as `vigil worker` does: a deployment of `vigil serve --no-worker` and Celery
workers republishes runs whose messages a broker outage lost without any other process.
Each job still runs once per interval, whatever the number of workers.
"""

import os
import threading

from celery import Celery
from celery.signals import worker_ready, worker_shutdown
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

_scheduler_stop = threading.Event()


@worker_ready.connect(dispatch_uid="vigil.celery.scheduler")
def _start_scheduler(**kwargs) -> None:
    from vigil.orchestration.scheduler import Scheduler  # needs the apps loaded

    _scheduler_stop.clear()
    threading.Thread(
        target=Scheduler().run, args=(_scheduler_stop,), name="vigil-scheduler", daemon=True
    ).start()


@worker_shutdown.connect(dispatch_uid="vigil.celery.scheduler-stop")
def _stop_scheduler(**kwargs) -> None:
    _scheduler_stop.set()
