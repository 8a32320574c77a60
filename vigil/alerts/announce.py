"""Telling other apps that runs were recorded (after the commit that recorded them).

Apart from signals.py, which processes without the alerts app (`vigil agent`) import:
this needs the models.
"""

import logging

from vigil.alerts.models import Incident
from vigil.alerts.signals import runs_created

logger = logging.getLogger(__name__)


def announce_runs(run_ids: list[str]) -> None:
    """Send runs_created; a receiver that fails is logged, its runs stay pending."""
    for receiver, response in runs_created.send_robust(sender=Incident, run_ids=run_ids):
        if isinstance(response, Exception):
            logger.error(
                "runs_created receiver %r failed: %s (runs stay pending and are claimed "
                "by the next worker poll)",
                receiver,
                type(response).__name__,
            )
