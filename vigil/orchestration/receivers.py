"""Reacting to other apps: new runs from ingest are published once their rows commit."""

import logging

from vigil.orchestration import publish

logger = logging.getLogger(__name__)


def on_runs_created(sender, run_ids=(), **kwargs) -> None:
    # alerts sends runs_created after its transaction committed, so publish right away.
    run_ids = [str(run_id) for run_id in run_ids]
    if not run_ids:
        return
    publish.wake()
    if publish.celery_enabled():
        publish.publisher.put(run_ids)  # not in this (request) thread: see _Publisher


def connect_signals() -> None:
    try:
        from vigil.alerts.signals import runs_created
    except ImportError:  # ingest has not shipped its signal: workers still poll the table
        logger.debug("vigil.alerts.signals.runs_created not available; polling only")
        return
    runs_created.connect(on_runs_created, dispatch_uid="orchestration.on_runs_created")
