"""What ingest and people's actions changed, for the layers above to act on.

Alerts knows nothing of pipelines. It tells which incidents changed in a way worth
acting on; the recorder registered at start-up (orchestration registers one in its
AppConfig.ready) keeps its own rows about them — its pending runs — inside the same
transaction, through the writer it is handed, so that a committed alert always has its
run and a rolled-back one has none. Without a recorder, ingest records alerts and
incidents only.
"""

from collections.abc import Callable
from dataclasses import dataclass

from vigil.alerts.models import Incident


@dataclass(frozen=True)
class IncidentChange:
    incident: Incident
    origin: str  # what caused it: the caller's origin ("webhook", "api", …), or "action"
    trace_id: str = ""
    # A person's action (acknowledge, resolve, close): {"status", "by", "note"}.
    action: dict | None = None


# recorder(changes, insert) -> one id per change, in order. `insert(instances)` writes
# new rows of one model in the caller's transaction (nothing refers back to them).
Recorder = Callable[[list[IncidentChange], Callable[[list], None]], list[str]]

_recorder: Recorder | None = None


def register_recorder(recorder: Recorder) -> None:
    global _recorder
    _recorder = recorder


def record(changes: list[IncidentChange], insert: Callable[[list], None]) -> list[str]:
    """Let the registered recorder keep its rows for `changes`; their ids."""
    if not changes or _recorder is None:
        return []
    ids = _recorder(changes, insert)
    if len(ids) != len(changes):
        raise RuntimeError(
            f"the change recorder returned {len(ids)} ids for {len(changes)} changes"
        )
    return ids
