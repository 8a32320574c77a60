"""The worker: claims due runs, executes them on a thread pool, keeps their leases alive.

One process runs one Worker (`vigil worker`, or the one `vigil serve` embeds). Any
number of workers may share a database: claims are atomic (see queue.py). Each thread
executes a batch of claimed runs (orchestrator.execute_batch): one run when the queue
is short, and when there is a backlog as many as take about BATCH_TARGET_SECONDS
(BatchSizer), up to ORCHESTRATION_BATCH_SIZE. SIGTERM stops claiming, lets in-flight
runs finish, then exits.
"""

import logging
import math
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, connections

from vigil.orchestration.listener import RunListener
from vigil.orchestration.orchestrator import execute_batch
from vigil.orchestration.publish import wake, wake_event
from vigil.orchestration.queue import claim_runs, new_owner, renew_leases
from vigil.orchestration.scheduler import Scheduler

logger = logging.getLogger(__name__)
# How soon an idle worker notices stop(), whatever ORCHESTRATION_POLL_MS is.
STOP_CHECK_SECONDS = 0.25
# A thread calls each stage for its whole batch before the next stage, so a run's
# notification waits for its batch-mates' stages: a batch holds about this much work.
BATCH_TARGET_SECONDS = 0.5


class BatchSizer:
    """How many runs a thread takes together: about `target` seconds of work by the
    recent batches' time per run, from 1 to `maximum`. The local provider's milliseconds
    per run let batches grow to the maximum, where each statement serves more runs; a
    remote LLM provider's seconds keep them to one run, notified as soon as it is
    analysed. Until a batch has been timed, one run at a time."""

    WEIGHT = 0.2  # of the newest batch in the moving average

    def __init__(self, maximum: int, target: float = BATCH_TARGET_SECONDS):
        self.maximum = maximum
        self.target = target
        self.per_run: float | None = None

    def record(self, seconds: float, runs: int) -> None:
        if runs <= 0:
            return
        sample = seconds / runs
        if self.per_run is None:
            self.per_run = sample
        else:
            self.per_run += self.WEIGHT * (sample - self.per_run)

    def size(self) -> int:
        if self.per_run is None:
            return 1
        if self.per_run <= 0:
            return self.maximum
        return max(1, min(self.maximum, int(self.target / self.per_run)))


class LeaseKeeper:
    """Renews the leases of the runs this owner is executing, every third of a lease."""

    def __init__(self, owner: str, interval: float | None = None):
        self.owner = owner
        self.interval = interval or max(settings.ORCHESTRATION_LEASE_SECONDS / 3, 0.5)
        self._pks: set[int] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="vigil-lease", daemon=True)

    def add(self, pk: int) -> None:
        with self._lock:
            self._pks.add(pk)

    def discard(self, pk: int) -> None:
        with self._lock:
            self._pks.discard(pk)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                with self._lock:
                    pks = list(self._pks)
                try:
                    renew_leases(self.owner, pks)
                except DatabaseError:
                    logger.warning("could not renew %d lease(s); retrying", len(pks))
                    connection.close()
        finally:
            connection.close()


class Worker:
    def __init__(
        self,
        *,
        concurrency: int | None = None,
        batch_size: int | None = None,
        scheduler: bool = True,
        owner: str | None = None,
        parent_pid: int | None = None,
    ):
        self.owner = owner or new_owner()
        self.concurrency = concurrency or settings.ORCHESTRATION_CONCURRENCY
        self.batch_size = batch_size or settings.ORCHESTRATION_BATCH_SIZE
        self.sizer = BatchSizer(self.batch_size)
        self.poll = settings.ORCHESTRATION_POLL_MS / 1000
        self.scheduler = Scheduler() if scheduler else None
        self.parent_pid = parent_pid
        self.executed = 0
        self._stopping = threading.Event()
        self._stop_requested = False  # see stop()
        self._inflight: set[int] = set()
        self._batches = 0  # batches being executed: one per busy thread
        self._lock = threading.Lock()
        self._pool_connections: list = []  # each pool thread's, closed when the pool is done

    def stop(self) -> None:
        """Safe from a signal handler, which runs in the main thread between two of its
        bytecodes, possibly while that thread holds the lock inside an Event (the loop's
        wait on wake_event): setting one there would wait for itself. A plain attribute
        takes no lock; an idle loop sees it within STOP_CHECK_SECONDS."""
        self._stop_requested = True

    @property
    def stopping(self) -> bool:
        return self._stop_requested or self._stopping.is_set()

    def run(self, *, once: bool = False) -> int:
        """Work until stop() (or, with once, until nothing is due); returns runs executed."""
        logger.info(
            "worker %s started (concurrency %d, batches of up to %d)",
            self.owner,
            self.concurrency,
            self.batch_size,
        )
        scheduler_thread = None
        if self.scheduler and not once:
            scheduler_thread = threading.Thread(
                target=self.scheduler.run, args=(self._stopping,), name="vigil-scheduler"
            )
            scheduler_thread.start()
        with (
            LeaseKeeper(self.owner) as keeper,
            RunListener(retry_seconds=self.poll * 10) if not once else nullcontext(),
            ThreadPoolExecutor(
                self.concurrency, thread_name_prefix="vigil-run", initializer=self._pool_thread
            ) as pool,
        ):
            while not self.stopping:
                if self.parent_pid and os.getppid() != self.parent_pid:
                    logger.warning("parent process %d is gone; stopping", self.parent_pid)
                    break
                wake_event.clear()
                claimed = self._claim()
                for batch in claimed:
                    for pk in batch:
                        keeper.add(pk)
                    pool.submit(self._execute, keeper, batch)
                with self._lock:
                    idle = not self._inflight
                if once and not claimed and idle:
                    break
                if not claimed:
                    self._idle_wait()
            self._stopping.set()
            logger.info("worker %s stopping: finishing %d run(s)", self.owner, len(self._inflight))
        if scheduler_thread:
            scheduler_thread.join()
        self._close_pool_connections()
        connection.close()
        logger.info("worker %s stopped after %d run(s)", self.owner, self.executed)
        return self.executed

    def _idle_wait(self) -> None:
        """Until woken (a new run) or ORCHESTRATION_POLL_MS passed, checking for a stop."""
        deadline = time.monotonic() + self.poll
        while not self.stopping and (left := deadline - time.monotonic()) > 0:
            if wake_event.wait(min(left, STOP_CHECK_SECONDS)):
                return

    def _pool_thread(self) -> None:
        with self._lock:
            self._pool_connections.extend(connections.all())

    def _close_pool_connections(self) -> None:
        # The pool's threads have ended, and their connections would otherwise stay open
        # until the garbage collector finds them (their wrappers hold reference cycles).
        for wrapper in self._pool_connections:
            wrapper.inc_thread_sharing()  # closed from this thread, its own being gone
            try:
                wrapper.close()
            except DatabaseError:  # the server went away: nothing left to close
                logger.debug("closing a pool thread's connection failed", exc_info=True)
            finally:
                wrapper.dec_thread_sharing()
        self._pool_connections.clear()

    def _claim(self) -> list[list[int]]:
        """Claim for the free threads; the runs claimed, split into one batch per thread."""
        with self._lock:
            free = self.concurrency - self._batches
            most = self.sizer.size()
        if free <= 0:
            return []
        try:
            claimed = claim_runs(self.owner, free * most)
        except DatabaseError:
            logger.warning("could not claim runs: database unavailable; retrying")
            connection.close()
            self._stopping.wait(self.poll * 10)
            return []
        if not claimed:
            return []
        # Spread over every free thread: a short queue runs one run per thread (no run
        # waits behind another), a backlog in batches of up to the sizer's size.
        size = math.ceil(len(claimed) / free)
        batches = [claimed[start : start + size] for start in range(0, len(claimed), size)]
        with self._lock:
            self._inflight.update(claimed)
            self._batches += len(batches)
        return batches

    def _execute(self, keeper: LeaseKeeper, pks: list[int]) -> None:
        close_old_connections()
        started = time.monotonic()
        try:
            execute_batch(pks, self.owner)
            self.executed += len(pks)
            with self._lock:
                self.sizer.record(time.monotonic() - started, len(pks))
        except Exception:
            # The runs keep their claims; once the leases expire another attempt picks them up.
            logger.exception("runs pk=%s: unexpected error in the worker", pks)
        finally:
            for pk in pks:
                keeper.discard(pk)
            with self._lock:
                self._inflight.difference_update(pks)
                self._batches -= 1
            wake()
