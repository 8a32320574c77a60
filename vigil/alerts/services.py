"""Alert workflows: the durable write of a webhook, and the incident lifecycle.

One function serves the webhook, commands, the admin and the worker alike. Every
lookup on the ingest path goes through an index (alert identity, the active-incident
partial unique index, primary keys): the cost of a request does not grow with history.
"""

import fcntl
import hashlib
import logging
import threading
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from vigil.alerts import store
from vigil.alerts.announce import announce_runs
from vigil.alerts.drivers.base import AlertEvent
from vigil.alerts.models import (
    ACTIVE_INCIDENT_STATUSES,
    SEVERITY_RANK,
    Alert,
    AlertHistory,
    AlertStatus,
    Incident,
    IncidentStatus,
)
from vigil.core.fastsql import build, in_clause
from vigil.orchestration.models import PipelineRun

logger = logging.getLogger(__name__)

Event = AlertHistory.Event
# A concurrent request that created the same alert or incident first makes ours fail on
# a unique constraint (or a PostgreSQL deadlock/serialization error); the retry then
# finds its rows and updates them.
ATTEMPTS = 4
_RETRYABLE_SQLSTATES = {"40001", "40P01"}


@dataclass
class IngestResult:
    incident_ids: list[int] = field(default_factory=list)
    run_ids: list[str] = field(default_factory=list)
    alerts_created: int = 0
    alerts_updated: int = 0
    duplicates: int = 0
    # Resolutions of alerts Vigil never saw firing (it was down, or not yet set up).
    resolved_unknown: int = 0
    # Events older than what is stored (a firing that arrived after its resolution).
    out_of_order: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "incident_ids": self.incident_ids,
            "run_ids": self.run_ids,
            "alerts_created": self.alerts_created,
            "alerts_updated": self.alerts_updated,
            "duplicates": self.duplicates,
            "resolved_unknown": self.resolved_unknown,
            "out_of_order": self.out_of_order,
            "warnings": self.warnings,
        }


def group_key_for(source: str, event: AlertEvent) -> str:
    if settings.ALERTS_GROUPING == "source" and event.group_key:
        key = f"{source}:group:{event.group_key}"
    else:
        key = f"{source}:{event.fingerprint}"
    if len(key) > 255:
        key = f"{source}:sha256:{hashlib.sha256(key.encode()).hexdigest()}"
    return key


def ingest_events(
    source: str, events: list[AlertEvent], *, origin: str = "webhook", trace_id: str = ""
) -> IngestResult:
    """Store `events` from `source` atomically; see docs/alerts.md for the rules.

    Outside a caller's transaction, concurrent calls in one process share a transaction
    (group commit, `_GroupCommit`); each call still returns only after its events are
    committed, and a call's events are never split across transactions.
    """
    # The same alert twice in one payload: the last word wins, the rest are duplicates.
    latest = {event.fingerprint: event for event in events}
    submission = _Submission(source, list(latest.values()), origin, trace_id[:64])
    if settings.ALERTS_GROUP_COMMIT_MAX_EVENTS and not connection.in_atomic_block:
        result = _GROUP_COMMIT.submit(submission)
    else:
        result = _commit([submission])[0]
    result.duplicates += len(events) - len(latest)
    result.warnings = [w for event in events for w in event.warnings]
    return result


@dataclass(eq=False)
class _Submission:
    """One caller's events, waiting for (or taking part in) a group commit."""

    source: str
    events: list[AlertEvent]
    origin: str
    trace_id: str
    result: IngestResult | None = None
    error: BaseException | None = None
    batch: list["_Submission"] | None = None  # set when this caller writes a batch
    wake: threading.Event = field(default_factory=threading.Event)
    group_keys: frozenset = field(init=False)
    claims: frozenset = field(init=False)  # the alert identities and incident groups

    def __post_init__(self):
        self.group_keys = frozenset(group_key_for(self.source, event) for event in self.events)
        self.claims = frozenset(
            {("alert", f"{self.source}:{event.fingerprint}") for event in self.events}
            | {("group", key) for key in self.group_keys}
        )


class _GroupCommit:
    """Group commit for the callers of one process.

    Callers queue their submissions. While fewer than `writers()` batches are being
    written, the oldest queued submission that shares no alert or incident group with a
    batch in flight leads a new batch: its caller's thread gathers the other queued
    submissions that conflict with nothing (up to ALERTS_GROUP_COMMIT_MAX_EVENTS
    events), writes them in one transaction and hands each caller its own result. A
    lone request waits for nobody; a burst costs one transaction per batch instead of
    one per request. Submissions for the same alert or group are written in arrival
    order, each batch after the previous one committed, so each keeps the outcome it
    would have alone.
    """

    # When the last batch held several requests, others are on their way: a leader
    # waits this long before gathering, as PostgreSQL's commit_delay does. Without it,
    # under steady load every other batch held a single request.
    GATHER_SECONDS = 0.001

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: list[_Submission] = []
        self._writing: dict[int, set] = {}  # leader id -> the claims of its batch
        self._last_size = 0

    @staticmethod
    def writers() -> int:
        # SQLite has one writer at a time: a second batch would only wait for the lock.
        if connection.vendor == "sqlite":
            return 1
        return settings.ALERTS_GROUP_COMMIT_WRITERS

    def submit(self, submission: _Submission) -> IngestResult:
        with self._lock:
            self._queue.append(submission)
            self._start_batches()
        submission.wake.wait()  # this caller leads a batch, or its batch is written
        if submission.batch is not None:
            self._write(submission)
        if submission.error is not None:
            raise submission.error
        return submission.result

    def _start_batches(self) -> None:
        """Under the lock: name a leader for each batch there is room to write."""
        while self._queue and len(self._writing) < self.writers():
            busy = set().union(*self._writing.values())
            leader = None
            for submission in self._queue:
                if submission.claims & busy:
                    busy |= submission.claims  # nothing later may overtake it on these keys
                    continue
                leader = submission
                break
            if leader is None:
                return
            self._queue.remove(leader)
            self._writing[id(leader)] = set(leader.claims)
            leader.batch = [leader]
            leader.wake.set()

    def _gather(self, leader: _Submission) -> None:
        """Under the lock: add the queued submissions that conflict with nothing."""
        own = self._writing[id(leader)]
        busy = set().union(*self._writing.values())
        limit = settings.ALERTS_GROUP_COMMIT_MAX_EVENTS
        events = sum(len(s.events) for s in leader.batch)
        for submission in list(self._queue):
            if submission.claims & busy or events + len(submission.events) > limit:
                busy |= submission.claims  # later submissions of these keys wait their turn
                continue
            leader.batch.append(submission)
            own |= submission.claims
            busy |= submission.claims
            events += len(submission.events)
            self._queue.remove(submission)

    def _write(self, leader: _Submission) -> None:
        batch = leader.batch
        try:
            if self._last_size > 1:
                time.sleep(self.GATHER_SECONDS)
            with self._lock:
                self._gather(leader)
            _commit_each(batch)
        finally:
            for submission in batch:
                if submission.result is None and submission.error is None:
                    submission.error = RuntimeError("the ingest batch was not written")
            with self._lock:
                del self._writing[id(leader)]
                self._last_size = len(batch)
                self._start_batches()
            for submission in batch[1:]:
                submission.wake.set()


_GROUP_COMMIT = _GroupCommit()


def _commit_each(batch: list[_Submission]) -> None:
    """Commit `batch` together; if that fails, each on its own, so that one bad
    submission cannot fail the others."""
    try:
        results = _commit(batch)
    except Exception as exc:
        if len(batch) == 1:
            batch[0].error = exc
            return
        logger.info("group commit of %d requests failed (%s); committing each alone",
                    len(batch), type(exc).__name__)  # fmt: skip
        for submission in batch:
            try:
                submission.result = _commit([submission])[0]
            except Exception as own:  # handed to its caller's thread
                submission.error = own
        return
    for submission, result in zip(batch, results, strict=True):
        submission.result = result
    if len(batch) > 1:
        logger.debug("group commit: %d requests, %d events in one transaction",
                     len(batch), sum(len(s.events) for s in batch))  # fmt: skip


def _commit(batch: list[_Submission]) -> list[IngestResult]:
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


def _commit_explicit(batch: list[_Submission]) -> list[IngestResult]:
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


# The lookups that start every ingest transaction: the batch's alerts by identity, and
# the incidents they may join (each group's active incident, through the partial unique
# index, and the alerts' own incidents). Both only ever probe unique indexes. The active
# statuses are literals: a planner only uses a partial index when the query repeats its
# condition, and a bound parameter does not (SQLite then walked every open incident).
_ACTIVE = "(" + ", ".join(f"'{status}'" for status in ACTIVE_INCIDENT_STATUSES) + ")"


def _keyed_portable(identities: list[tuple[str, str]], keys: list[str]):
    # SQLite, without statistics, prefers the (status, opened_at) index to the partial
    # unique index as soon as several group keys are bound: name the index.
    indexed = " INDEXED BY one_active_incident_per_group" if connection.vendor == "sqlite" else ""
    by_source: dict[str, list[str]] = {}
    for source, fingerprint in identities:
        by_source.setdefault(source, []).append(fingerprint)
    alert_params = [value for source, prints in by_source.items() for value in (source, *prints)]
    alert_where = " OR ".join(
        f"(source = %s AND fingerprint IN {in_clause(prints)})" for prints in by_source.values()
    )
    incident_where = (
        f"id IN (SELECT id FROM alerts_incident{indexed} "  # noqa: S608
        f"WHERE group_key IN {in_clause(keys)} "
        f"AND status IN {_ACTIVE} UNION SELECT incident_id FROM alerts_alert "
        f"WHERE {alert_where})"
    )
    return alert_where, incident_where, alert_params, [*keys, *alert_params]


# PostgreSQL: one index probe per key (LATERAL over the arrays of keys), whatever the
# table statistics say. A long IN list against a table the planner has no fresh
# statistics for (a new database filling up before autovacuum's first ANALYZE) is
# otherwise planned as a scan of every row from that source.
# OFFSET 0 keeps each LATERAL subquery a probe per key: the planner may not flatten it
# into a join it could then run as a scan of the whole index (store._GENERIC_PLANS).
_PG_ALERT_IDS = (
    "SELECT a.id FROM unnest(%s::text[], %s::text[]) AS k(source, fingerprint) "
    "CROSS JOIN LATERAL (SELECT id FROM alerts_alert "
    "WHERE source = k.source AND fingerprint = k.fingerprint OFFSET 0) AS a"
)
_PG_ACTIVE_IDS = (
    "SELECT i.id FROM unnest(%s::text[]) AS g(group_key) "  # noqa: S608 - constants only
    "CROSS JOIN LATERAL (SELECT id FROM alerts_incident WHERE group_key = g.group_key "
    f"AND status IN {_ACTIVE} OFFSET 0) AS i"
)


def _keyed_postgres(identities: list[tuple[str, str]], keys: list[str]):
    sources = [source for source, _ in identities]
    prints = [fingerprint for _, fingerprint in identities]
    alert_where = f"id IN ({_PG_ALERT_IDS})"
    incident_where = (
        f"id IN ({_PG_ACTIVE_IDS} UNION SELECT incident_id FROM alerts_alert "  # noqa: S608
        f"WHERE id IN ({_PG_ALERT_IDS}))"
    )
    return alert_where, incident_where, [sources, prints], [keys, sources, prints]


class _IngestBatch:
    """The working state of one ingest transaction: one or more submissions, whose
    alerts and incident groups do not overlap (see _GroupCommit), processed in order."""

    def __init__(self, submissions: list[_Submission], *, explicit: bool = False):
        self.submissions = submissions
        self.current = submissions[0]
        self.now = timezone.now()
        self.results = {id(submission): IngestResult() for submission in submissions}
        self.incidents: dict[int, Incident] = {}
        self.active_by_group: dict[str, Incident] = {}
        self.new_incidents: list[Incident] = []
        self.dirty_incidents: set[int] = set()
        self.was_silenced: set[int] = set()
        self.material: set[int] = set()  # ids, or id() of unsaved incidents
        self.history: list[AlertHistory] = []
        self.resolved_in: set[int] = set()
        self.session = store.Session(explicit=explicit)

    @property
    def source(self) -> str:
        return self.current.source

    @property
    def result(self) -> IngestResult:
        return self.results[id(self.current)]

    def run(self) -> list[IngestResult]:
        existing = self._load()
        created, updated, touched = [], [], []
        for submission in self.submissions:
            self.current = submission
            alerts = []
            for event in submission.events:
                alert = existing.get((submission.source, event.fingerprint))
                if alert is None:
                    alert = self._create(event)
                    created.append(alert)
                else:
                    self._update(alert, event)
                    updated.append(alert)
                alerts.append(alert)
            touched.append(alerts)
        self._write(created, updated, touched)
        return [self.results[id(submission)] for submission in self.submissions]

    def _load(self) -> dict[tuple[str, str], Alert]:
        """Lock the batch's alerts and every incident they may join, by index only."""
        identities = sorted(
            {(s.source, event.fingerprint) for s in self.submissions for event in s.events}
        )
        keys = sorted(frozenset().union(*(s.group_keys for s in self.submissions)))
        if self.session.batched:
            alert_where, incident_where, alert_params, incident_params = _keyed_postgres(
                identities, keys
            )
        else:
            alert_where, incident_where, alert_params, incident_params = _keyed_portable(
                identities, keys
            )
        events = sum(len(submission.events) for submission in self.submissions)
        alerts, incidents = self.session.read(
            [(Alert, alert_where, alert_params), (Incident, incident_where, incident_params)],
            reserve={Alert: events, Incident: len(keys)},
        )
        for incident in incidents:
            self.incidents[incident.pk] = incident
            if incident.status in ACTIVE_INCIDENT_STATUSES:
                self.active_by_group[incident.group_key] = incident
            if incident.status == IncidentStatus.ACKNOWLEDGED:
                self.was_silenced.add(incident.pk)
        for alert in alerts:
            # Attach the loaded row so alert.incident never costs a lazy query.
            alert.incident = self.incidents.get(alert.incident_id)
        return {(alert.source, alert.fingerprint): alert for alert in alerts}

    # --- per event ---------------------------------------------------------------------

    def _create(self, event: AlertEvent) -> Alert:
        alert = build(
            Alert,
            source=self.source,
            fingerprint=event.fingerprint,
            first_seen_at=self.now,
            last_seen_at=self.now,
        )
        self._apply(alert, event)
        if event.status == AlertStatus.RESOLVED:
            # Kept (a late firing of it is then recognised as older), but nothing to close.
            self.result.resolved_unknown += 1
            event.warnings.append(
                f"resolved alert {event.name[:100]!r} (fingerprint {event.fingerprint[:64]}) "
                "was never seen firing: recorded as resolved, no incident changed"
            )
        else:
            alert.incident = self._incident_for(alert, event)
            self._touch(alert.incident, severity=event.severity)
            if event.status == AlertStatus.ACKNOWLEDGED:
                # First seen already acknowledged at the vendor (PagerDuty, Opsgenie).
                self._acknowledge_from_source(alert.incident)
        self._record(alert, Event.CREATED, "", event.status, severity=event.severity)
        self.result.alerts_created += 1
        return alert

    def _update(self, alert: Alert, event: AlertEvent) -> bool:
        """Apply `event` to a stored alert; False when it is a pure duplicate."""
        before_status, before_severity = alert.status, alert.severity
        alert.last_seen_at = self.now
        if _older_than_resolution(alert, event):
            alert.duplicate_count += 1
            self.result.out_of_order += 1
            event.warnings.append(
                f"{event.status} event of alert {event.name[:100]!r} from "
                f"{(event.occurred_at or event.started_at).isoformat()}, before its resolution at "
                f"{alert.ended_at.isoformat()}: delivered out of order, ignored"
            )
            self._note_incident(alert)
            return True
        if event.status == before_status and event.severity == before_severity:
            alert.duplicate_count += 1
            if event.ended_at:
                alert.ended_at = event.ended_at
            self.result.duplicates += 1
            self._note_incident(alert)
            return True
        self._apply(alert, event)
        if event.status != before_status:
            self._status_changed(alert, event, before_status)
        if event.severity != before_severity:
            self._record(
                alert,
                Event.SEVERITY_CHANGED,
                before_status,
                alert.status,
                severity=event.severity,
                previous=before_severity,
            )
            self._touch(alert.incident, severity=event.severity)
        self.result.alerts_updated += 1
        return True

    def _status_changed(self, alert: Alert, event: AlertEvent, before: str) -> None:
        if event.status == AlertStatus.RESOLVED:
            self._record(alert, Event.RESOLVED, before, event.status)
            incident = self.incidents.get(alert.incident_id)
            if incident is not None:
                self._touch(incident, transition=True)
                self.resolved_in.add(incident.pk)
            return
        if before == AlertStatus.RESOLVED:
            alert.incident = self._incident_for(alert, event)
            self._record(alert, Event.REFIRED, before, event.status)
            self._touch(alert.incident, severity=event.severity, transition=True)
        else:
            entry = (
                Event.ACKNOWLEDGED if event.status == AlertStatus.ACKNOWLEDGED else Event.REFIRED
            )
            self._record(alert, entry, before, event.status)
            self._touch(self.incidents.get(alert.incident_id))
        if event.status == AlertStatus.ACKNOWLEDGED:
            self._acknowledge_from_source(alert.incident)
        elif before == AlertStatus.ACKNOWLEDGED and alert.incident is not None:
            self._unacknowledge_from_source(alert.incident)

    def _apply(self, alert: Alert, event: AlertEvent) -> None:
        alert.name = event.name
        alert.status = event.status
        alert.severity = event.severity
        alert.severity_raw = event.severity_raw
        alert.labels = event.labels
        alert.annotations = event.annotations
        alert.description = event.description
        alert.started_at = event.started_at or alert.started_at
        alert.ended_at = event.ended_at if event.status == AlertStatus.RESOLVED else None

    # --- incidents ---------------------------------------------------------------------

    def _incident_for(self, alert: Alert, event: AlertEvent) -> Incident:
        """The incident a firing alert belongs to: the group's active one, its own
        recently resolved one (reopened), or a new one."""
        key = group_key_for(self.source, event)
        active = self.active_by_group.get(key)
        if active is not None:
            return active
        previous = self.incidents.get(alert.incident_id)
        window = timedelta(seconds=settings.ALERTS_REOPEN_WINDOW_SECONDS)
        if (
            previous is not None
            and previous.status == IncidentStatus.RESOLVED
            and previous.group_key == key
            and previous.resolved_at
            and self.now - previous.resolved_at <= window
        ):
            previous.status = IncidentStatus.OPEN
            previous.resolved_at = None
            previous.resolved_by = ""
            self._record_incident(previous, Event.INCIDENT_REOPENED, "resolved", "open")
            self.active_by_group[key] = previous
            return previous
        incident = build(
            Incident,
            title=event.name,
            severity=event.severity,
            source=self.source,
            group_key=key,
            environment=(event.labels.get("environment") or event.labels.get("env", ""))[:64],
            labels=event.labels,
            opened_at=self.now,
            updated_at=self.now,
        )
        self.new_incidents.append(incident)
        self.active_by_group[key] = incident
        return incident

    def _touch(self, incident: Incident | None, *, severity=None, transition=False) -> None:
        """Mark `incident` materially changed (a run will be recorded for it)."""
        if incident is None:
            return
        if severity and SEVERITY_RANK[severity] > SEVERITY_RANK[incident.severity]:
            incident.severity = severity
        if transition:
            self._count_transition(incident)
        self.material.add(incident.pk or id(incident))
        if incident.pk:
            self.dirty_incidents.add(incident.pk)

    def _note_incident(self, alert: Alert) -> None:
        if alert.incident_id and alert.incident_id not in self.result.incident_ids:
            self.result.incident_ids.append(alert.incident_id)

    def _count_transition(self, incident: Incident) -> None:
        window = timedelta(seconds=settings.ALERTS_FLAP_WINDOW_SECONDS)
        started = incident.flap_window_started_at
        if started is None or self.now - started > window:
            incident.flap_window_started_at = self.now
            incident.flap_transitions = 0
        incident.flap_transitions += 1
        flapping = incident.flap_transitions > settings.ALERTS_FLAP_THRESHOLD
        if flapping != incident.flapping:
            incident.flapping = flapping
            event = Event.FLAPPING_STARTED if flapping else Event.FLAPPING_STOPPED
            self._record_incident(incident, event, "", "", transitions=incident.flap_transitions)

    def _acknowledge_from_source(self, incident: Incident | None) -> None:
        if incident is None or incident.status != IncidentStatus.OPEN:
            return
        incident.status = IncidentStatus.ACKNOWLEDGED
        incident.acknowledged_at = self.now
        incident.acknowledged_by = self.source
        self._record_incident(incident, Event.INCIDENT_ACKNOWLEDGED, "open", "acknowledged")

    def _unacknowledge_from_source(self, incident: Incident) -> None:
        if (
            incident.status == IncidentStatus.ACKNOWLEDGED
            and incident.acknowledged_by == self.source
        ):
            incident.status = IncidentStatus.OPEN
            incident.acknowledged_at = None
            incident.acknowledged_by = ""
            self._record_incident(incident, Event.INCIDENT_REOPENED, "acknowledged", "open")

    def _auto_resolve_candidates(self) -> list[int]:
        return sorted(
            pk for pk in self.resolved_in if self.incidents[pk].status in ACTIVE_INCIDENT_STATUSES
        )

    def _auto_resolve(self) -> None:
        """Resolve each touched active incident none of whose alerts still fires."""
        candidates = self._auto_resolve_candidates()
        still_open = set(
            Alert.objects.filter(incident_id__in=candidates)
            .exclude(status=AlertStatus.RESOLVED)
            .values_list("incident_id", flat=True)
            .distinct()
        )
        for pk in candidates:
            if pk not in still_open:
                incident = self.incidents[pk]
                before = incident.status
                incident.status = IncidentStatus.RESOLVED
                incident.resolved_at = self.now
                incident.resolved_by = incident.source
                self._record_incident(incident, Event.INCIDENT_RESOLVED, before, "resolved")
                self.was_silenced.discard(pk)  # the resolution itself is worth telling

    # --- history and writes ------------------------------------------------------------

    def _record(self, alert: Alert, event: str, before: str, after: str, **detail) -> None:
        self.history.append(
            build(
                AlertHistory,
                alert=alert,
                event=event,
                from_status=before,
                to_status=after,
                by=self.source,
                detail=detail,
                at=self.now,
            )
        )

    def _record_incident(
        self, incident: Incident, event, before, after, *, dirty=True, **detail
    ) -> None:
        entry = build(
            AlertHistory,
            incident=incident,
            event=event,
            from_status=before,
            to_status=after,
            by=incident.source,
            detail=detail,
            at=self.now,
        )
        self.history.append(entry)
        if dirty and incident.pk:
            self.dirty_incidents.add(incident.pk)

    def _write(
        self, created: list[Alert], updated: list[Alert], touched: list[list[Alert]]
    ) -> None:
        session = self.session
        if self.new_incidents:
            session.insert(self.new_incidents)
            for incident in self.new_incidents:
                self._record_incident(incident, Event.INCIDENT_OPENED, "", "open", dirty=False)
        session.insert(created)
        session.update(updated, _ALERT_UPDATE_FIELDS)
        if self._auto_resolve_candidates():
            session.flush()  # the check below reads the alert rows just written
            self._auto_resolve()
        if self.dirty_incidents:
            changed = [self.incidents[pk] for pk in sorted(self.dirty_incidents)]
            for incident in changed:
                incident.updated_at = self.now
            session.update(changed, _INCIDENT_UPDATE_FIELDS)
        for entry in self.history:
            # Incident-level entries and alerts' entries both point at the incident.
            if entry.alert is not None:
                entry.incident = entry.alert.incident
        session.insert_unreferenced(self.history)
        for incident in [*self.incidents.values(), *self.new_incidents]:
            if id(incident) in self.material:
                self.material.add(incident.pk)
        runs = []
        for submission, alerts in zip(self.submissions, touched, strict=True):
            self.current = submission
            runs += self._record_runs(alerts)
        session.insert_unreferenced(runs)
        session.flush(last=True)

    def _record_runs(self, alerts: list[Alert]) -> list[PipelineRun]:
        """One run per incident the current submission materially changed."""
        touched: dict[int, Incident] = {}
        for alert in alerts:
            if alert.incident is not None:
                touched.setdefault(alert.incident.pk, alert.incident)
        runs = [
            build(
                PipelineRun,
                incident=incident,
                origin=self.current.origin,
                trace_id=self.current.trace_id,
            )
            for pk, incident in sorted(touched.items())
            if pk in self.material
            and not (pk in self.was_silenced and incident.status == IncidentStatus.ACKNOWLEDGED)
        ]
        for pk in touched:
            if pk not in self.result.incident_ids:
                self.result.incident_ids.append(pk)
        self.result.run_ids = [str(run.run_id) for run in runs]
        return runs


def _older_than_resolution(alert: Alert, event: AlertEvent) -> bool:
    """A firing (or acknowledgement) that happened before the resolution already stored:
    webhooks are not delivered in order, and the vendor's own timestamps tell."""
    happened = event.occurred_at or event.started_at
    return (
        alert.status == AlertStatus.RESOLVED
        and event.status != AlertStatus.RESOLVED
        and happened is not None
        and alert.ended_at is not None
        and happened <= alert.ended_at
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
