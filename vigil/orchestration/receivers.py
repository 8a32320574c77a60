"""Reacting to other apps (new runs from ingest are published once their rows commit)
and to changed lanes (a worker's copy is forgotten)."""

import logging

from django.db.models.signals import post_delete, post_save

from vigil.orchestration import publish
from vigil.orchestration.models import PipelineDefinition
from vigil.orchestration.orchestrator import forget_lanes

logger = logging.getLogger(__name__)


def on_runs_created(sender, run_ids=(), **kwargs) -> None:
    # alerts sends runs_created after its transaction committed, so publish right away.
    run_ids = [str(run_id) for run_id in run_ids]
    if not run_ids:
        return
    publish.wake()
    if publish.celery_enabled():
        publish.send_now(run_ids)


def connect_signals() -> None:
    for signal in (post_save, post_delete):
        signal.connect(forget_lanes, sender=PipelineDefinition, dispatch_uid="orchestration.lanes")
    try:
        from vigil.alerts.signals import runs_created
    except ImportError:  # ingest has not shipped its signal: workers still poll the table
        logger.debug("vigil.alerts.signals.runs_created not available; polling only")
        return
    runs_created.connect(on_runs_created, dispatch_uid="orchestration.on_runs_created")
