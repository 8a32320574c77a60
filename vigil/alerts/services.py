"""Ingest: the durable write of a webhook's alert events.

One function serves the webhook, commands, the admin and the worker alike:
`ingest_events` loads the alerts and incidents the events touch (store.lock_batch),
applies each event (transitions.apply: duplicate → correlate → create), writes what
changed (store.Session) and reports the incidents worth acting on (changes.record), all
in one transaction. Every lookup goes through an index (alert identity, the
active-incident partial unique index, primary keys): the cost of a request does not
grow with history.
"""

import fcntl
import logging
import threading
from contextlib import contextmanager, nullcontext
from functools import partial

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from vigil.alerts import changes, store, transitions
from vigil.alerts.announce import announce_runs
from vigil.alerts.drivers.base import AlertEvent
from vigil.alerts.group_commit import GroupCommit, Submission
from vigil.alerts.models import Alert, AlertStatus, Incident
from vigil.alerts.transitions import IngestResult

logger = logging.getLogger(__name__)

# A concurrent request that created the same alert or incident first makes ours fail on
# a unique constraint (or a PostgreSQL deadlock/serialization error); the retry then
# finds its rows and updates them.
ATTEMPTS = 4
_RETRYABLE_SQLSTATES = {"40001", "40P01"}


def group_key_for(source: str, event: AlertEvent) -> str:
    return transitions.group_key_for(source, event, settings.ALERTS_GROUPING)


def ingest_events(
    source: str, events: list[AlertEvent], *, origin: str = "webhook", trace_id: str = ""
) -> IngestResult:
    """Store `events` from `source` atomically; see docs/alerts.md for the rules.

    Outside a caller's transaction, concurrent calls in one process share a transaction
    (group commit, vigil/alerts/group_commit.py); each call still returns only after
    its events are committed, and a call's events are never split across transactions.
    """
    # The same alert twice in one payload: the last word wins, the rest are duplicates.
    latest = list({event.fingerprint: event for event in events}.values())
    keys = frozenset(group_key_for(source, event) for event in latest)
    submission = Submission(source, latest, origin, trace_id[:64], keys)
    if (
        settings.ALERTS_GROUP_COMMIT_MAX_EVENTS
        and not connection.in_atomic_block
        and not (
            # A large request writes beside the group commit, so the small requests that
            # share it do not wait for it (one writer at a time on SQLite: no gain there).
            len(latest) > settings.ALERTS_GROUP_COMMIT_ALONE_ABOVE and connection.vendor != "sqlite"
        )
    ):
        result = _GROUP_COMMIT.submit(submission)
    else:
        result = _commit([submission])[0]
    result.duplicates += len(events) - len(latest)
    result.warnings = [w for event in events for w in event.warnings]
    return result


def _commit(batch: list[Submission]) -> list[IngestResult]:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            if (
                connection.vendor == "postgresql"
                and not connection.in_atomic_block
                and connection.get_autocommit()  # nobody else's transaction is open
            ):
                results = _commit_explicit(batch)
            else:
                with _writer_slot(), transaction.atomic():
                    results = _IngestBatch(batch).run()
                    run_ids = [run_id for result in results for run_id in result.run_ids]
                    if run_ids:
                        transaction.on_commit(partial(announce_runs, run_ids))
            return results
        except (IntegrityError, OperationalError) as exc:
            if attempt == ATTEMPTS or not _retryable(exc):
                raise
            logger.info("ingest conflict with a concurrent request; retry %d", attempt)
    raise AssertionError("unreachable")


def _commit_explicit(batch: list[Submission]) -> list[IngestResult]:
    """PostgreSQL: the batch's transaction in two round trips, BEGIN with the reads and
    COMMIT with the writes (store.Session explicit), instead of five with atomic()
    (health check, BEGIN, reads, writes, COMMIT). Under load a round trip costs
    milliseconds of waiting, and one process writes one batch at a time."""
    for reconnected in (False, True):
        ingest = _IngestBatch(batch, explicit=True)
        try:
            results = ingest.run()
            break
        except BaseException as exc:
            ingest.session.abandon()
            lost = connection.connection is None or connection.connection.closed
            if reconnected or not isinstance(exc, OperationalError) or not lost:
                raise
            if ingest.session.wrote:
                raise  # the COMMIT may have arrived: never write the batch twice
            # The connection died since its last use (a PostgreSQL restart) before this
            # batch wrote anything: once more, on a new connection.
            logger.warning("ingest: database connection lost; reconnecting")
            connection.close()
    run_ids = [run_id for result in results for run_id in result.run_ids]
    if run_ids:
        announce_runs(run_ids)
    return results


# SQLite has one writer at a time. Writers that meet a held lock sleep in SQLite's busy
# handler in growing steps (p99 of seconds at 16 threads); queuing them on a thread lock
# and a file lock (shared by the server's processes) instead wakes the next writer as
# soon as the lock is free. PostgreSQL needs no such thing.
_SQLITE_THREADS = threading.Lock()


@contextmanager
def _sqlite_writer(path: str):
    with _SQLITE_THREADS, open(f"{path}.ingest-lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _writer_slot():
    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return nullcontext()
    if name == ":memory:" or name.startswith("file:"):
        return _SQLITE_THREADS
    return _sqlite_writer(name)


def _retryable(exc: Exception) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    return getattr(exc.__cause__, "sqlstate", None) in _RETRYABLE_SQLSTATES


_GROUP_COMMIT = GroupCommit(_commit)


class _IngestBatch:
    """One ingest transaction: one or more submissions, whose alerts and incident
    groups do not overlap (see GroupCommit), applied in order."""

    def __init__(self, submissions: list[Submission], *, explicit: bool = False):
        self.submissions = submissions
        self.work = transitions.Working(now=timezone.now(), rules=transitions.Rules.from_settings())
        self.results = {id(s): IngestResult() for s in submissions}
        self.session = store.Session(explicit=explicit)

    def run(self) -> list[IngestResult]:
        existing = self._load()
        created, updated, touched = [], [], []
        for submission in self.submissions:
            self.work.source, self.work.result = submission.source, self.results[id(submission)]
            alerts = []
            for event in submission.events:
                stored = existing.get((submission.source, event.fingerprint))
                alert = transitions.apply(self.work, stored, event)
                (created if stored is None else updated).append(alert)
                alerts.append(alert)
            touched.append(alerts)
        self._write(created, updated, touched)
        return [self.results[id(s)] for s in self.submissions]

    def _load(self) -> dict[tuple[str, str], Alert]:
        identities = sorted(
            {(s.source, event.fingerprint) for s in self.submissions for event in s.events}
        )
        keys = sorted(frozenset().union(*(s.group_keys for s in self.submissions)))
        alerts, incidents = store.lock_batch(self.session, identities, keys)
        for incident in incidents:
            self.work.add_incident(incident)
        for alert in alerts:
            # Attach the loaded row so alert.incident never costs a lazy query.
            alert.incident = self.work.incidents.get(alert.incident_id)
        return {(alert.source, alert.fingerprint): alert for alert in alerts}

    def _write(self, created, updated, touched) -> None:
        work, session = self.work, self.session
        if work.new_incidents:
            session.insert(work.new_incidents)
            transitions.opened(work)
        session.insert(created)
        session.update(updated, _ALERT_UPDATE_FIELDS)
        candidates = transitions.auto_resolve_candidates(work)
        if candidates:
            session.flush()  # the check below reads the alert rows just written
            transitions.auto_resolve(work, _still_firing(candidates))
        if work.dirty_incidents:
            changed = [work.incidents[pk] for pk in sorted(work.dirty_incidents)]
            session.update(changed, _INCIDENT_UPDATE_FIELDS)  # updated_at: auto_now
        for entry in work.history:
            # Incident-level entries and alerts' entries both point at the incident.
            if entry.alert is not None:
                entry.incident = entry.alert.incident
        session.insert_unreferenced(work.history)
        told = [
            self._changes(s, alerts) for s, alerts in zip(self.submissions, touched, strict=True)
        ]
        ids = iter(changes.record([c for cs in told for c in cs], session.insert_unreferenced))
        for submission, changed in zip(self.submissions, told, strict=True):
            self.results[id(submission)].run_ids = [next(ids) for _ in changed]
        session.flush(last=True)

    def _changes(self, submission: Submission, alerts: list[Alert]) -> list[changes.IncidentChange]:
        """One change per incident the submission materially changed."""
        result = self.results[id(submission)]
        touched: dict[int, Incident] = {}
        for alert in alerts:
            if alert.incident is not None:
                touched.setdefault(alert.incident.pk, alert.incident)
        for pk in touched:
            if pk not in result.incident_ids:
                result.incident_ids.append(pk)
        return [
            changes.IncidentChange(incident, submission.origin, submission.trace_id)
            for _, incident in sorted(touched.items())
            if transitions.worth_telling(self.work, incident)
        ]


def _still_firing(incident_ids: list[int]) -> set[int]:
    return set(
        Alert.objects.filter(incident_id__in=incident_ids)
        .exclude(status=AlertStatus.RESOLVED)
        .values_list("incident_id", flat=True)
        .distinct()
    )


_ALERT_UPDATE_FIELDS = (
    "incident",
    "name",
    "status",
    "severity",
    "severity_raw",
    "labels",
    "annotations",
    "description",
    "started_at",
    "ended_at",
    "last_seen_at",
    "duplicate_count",
)
_INCIDENT_UPDATE_FIELDS = (
    "status",
    "severity",
    "flapping",
    "flap_window_started_at",
    "flap_transitions",
    "acknowledged_at",
    "acknowledged_by",
    "resolved_at",
    "resolved_by",
    "updated_at",
)
