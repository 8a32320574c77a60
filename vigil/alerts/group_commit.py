"""Group commit: concurrent ingest calls in one process share a transaction.

Each call still returns only after its own events are committed, with its own outcome,
and a call's events are never split across transactions.
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from vigil.alerts.drivers.base import AlertEvent

logger = logging.getLogger(__name__)


@dataclass(eq=False)
class Submission:
    """One caller's events, waiting for (or taking part in) a group commit."""

    source: str
    events: list[AlertEvent]
    origin: str
    trace_id: str
    group_keys: frozenset  # the incident groups its events may join
    result: object = None
    error: BaseException | None = None
    batch: list["Submission"] | None = None  # set when this caller writes a batch
    wake: threading.Event = field(default_factory=threading.Event)
    claims: frozenset = field(init=False)  # the alert identities and incident groups

    def __post_init__(self):
        self.claims = frozenset(
            {("alert", f"{self.source}:{event.fingerprint}") for event in self.events}
            | {("group", key) for key in self.group_keys}
        )


# commit(batch) -> one result per submission, in order; all in one transaction.
Commit = Callable[[list[Submission]], list]


class GroupCommit:
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

    def __init__(self, commit: Commit) -> None:
        self._commit = commit
        self._lock = threading.Lock()
        self._queue: list[Submission] = []
        self._writing: dict[int, set] = {}  # leader id -> the claims of its batch
        self._last_size = 0

    @staticmethod
    def writers() -> int:
        # SQLite has one writer at a time: a second batch would only wait for the lock.
        if connection.vendor == "sqlite":
            return 1
        return settings.ALERTS_GROUP_COMMIT_WRITERS

    def submit(self, submission: Submission):
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

    def _gather(self, leader: Submission) -> None:
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

    def _write(self, leader: Submission) -> None:
        batch = leader.batch
        try:
            if self._last_size > 1:
                time.sleep(self.GATHER_SECONDS)
            with self._lock:
                self._gather(leader)
            self._commit_each(batch)
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

    def _commit_each(self, batch: list[Submission]) -> None:
        """Commit `batch` together; if that fails, each on its own, so that one bad
        submission cannot fail the others."""
        try:
            results = self._commit(batch)
        except Exception as exc:
            if len(batch) == 1:
                batch[0].error = exc
                return
            logger.info("group commit of %d requests failed (%s); committing each alone",
                        len(batch), type(exc).__name__)  # fmt: skip
            for submission in batch:
                try:
                    submission.result = self._commit([submission])[0]
                except Exception as own:  # handed to its caller's thread
                    submission.error = own
            return
        for submission, result in zip(batch, results, strict=True):
            submission.result = result
        if len(batch) > 1:
            logger.debug("group commit: %d requests, %d events in one transaction",
                         len(batch), sum(len(s.events) for s in batch))  # fmt: skip
