"""Signals other apps connect to.

runs_created(sender=Incident, run_ids=[str, …]) is sent after the commit of a
transaction that recorded pending PipelineRuns (an ingest, or a person's action) (never for a rolled-back one). The run
rows are the source of truth: a receiver only wakes workers, and a receiver that fails
is logged and leaves the runs pending for the next poll.
"""

import logging

from django.dispatch import Signal

from vigil.alerts.models import Incident

logger = logging.getLogger(__name__)

runs_created = Signal()


def announce_runs(run_ids: list[str]) -> None:
    """Send runs_created; call it after the commit that recorded the runs."""
    for receiver, response in runs_created.send_robust(sender=Incident, run_ids=run_ids):
        if isinstance(response, Exception):
            logger.error(
                "runs_created receiver %r failed: %s (runs stay pending and are claimed "
                "by the next worker poll)",
                receiver,
                type(response).__name__,
            )
