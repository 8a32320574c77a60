"""Security alerts into runs. The scheduled secret scans and the security watch
(vigil/secretscan) say what to raise; each alert enters ingest through the `secretscan`
driver exactly as an outside tool's webhook would, so routing, analysis and
notification treat it like any alert. No stage runs a scan.
"""

import logging
from collections.abc import Callable

from vigil.orchestration import intake
from vigil.orchestration.models import RunOrigin
from vigil.secretscan import schedule

logger = logging.getLogger(__name__)

DRIVER = "secretscan"


def raise_alerts(produce: Callable[[], list]) -> dict:
    run_ids, failed = [], 0
    for alert in produce():
        try:
            ingested = intake.ingest(DRIVER, schedule.payload(alert), origin=RunOrigin.CHECKER)
        except intake.IntakeError as err:
            failed += 1
            logger.warning("security alert %r not ingested: %s", alert.alert["name"], err.message)
            continue
        schedule.record(alert, ingested.incident_ids)
        run_ids += ingested.run_ids
    return {"run_ids": run_ids, "failed": failed}


def secret_scans() -> dict:
    return raise_alerts(schedule.scans)


def secret_scan_tick() -> int:
    return schedule.tick()


def security_watch() -> dict:
    return raise_alerts(schedule.watch_now)
