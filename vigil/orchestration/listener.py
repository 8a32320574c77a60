"""On PostgreSQL, hearing the database announce new runs made by any process.

A trigger on the run table (migration orchestration 0003) sends NOTIFY when runs are
inserted; a worker keeps one connection in LISTEN and wakes at once. A hint only: when
the connection drops, the worker polls until it listens again.
"""

import logging
import threading

import psycopg
from django.db import DatabaseError, connection

from vigil.orchestration.publish import wake

logger = logging.getLogger(__name__)

RUNS_CHANNEL = "vigil_runs"


class RunListener:
    """On PostgreSQL, a thread that LISTENs for new runs and wakes this process's worker
    at once, whichever process or machine created them; elsewhere it does nothing and
    the worker polls (ORCHESTRATION_POLL_MS)."""

    def __init__(self, retry_seconds: float = 2.0):
        self.retry_seconds = retry_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="vigil-listen", daemon=True)

    @staticmethod
    def available() -> bool:
        return connection.vendor == "postgresql"

    def __enter__(self):
        if self.available():
            self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _loop(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    self._listen()
                except (DatabaseError, psycopg.Error) as exc:
                    logger.warning(
                        "LISTEN %s failed (%s); polling until it works again",
                        RUNS_CHANNEL,
                        type(exc).__name__,
                    )
                    connection.close()
                    self._stop.wait(self.retry_seconds)
        finally:
            connection.close()

    def _listen(self) -> None:
        connection.ensure_connection()  # this thread's own connection, in autocommit
        raw = connection.connection
        raw.execute(f"LISTEN {RUNS_CHANNEL}")
        wake()  # runs created while this thread was not listening
        while not self._stop.is_set():
            for _ in raw.notifies(timeout=0.5):
                wake()
