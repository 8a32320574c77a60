"""An outage of the database, told once: one line when it starts and one when it ends,
whatever the number of requests answered 503 in between."""

import logging
import threading
import time

from django.db import InterfaceError, OperationalError
from django.db.backends.signals import connection_created

logger = logging.getLogger(__name__)

# The errors that say the database cannot be reached (refused, reset, gone away, locked
# for too long), rather than that a statement was wrong.
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


class Outage:
    def __init__(self, name: str):
        self.name = name
        self.since: float | None = None
        self.refusals = 0
        self._lock = threading.Lock()

    @property
    def active(self) -> bool:
        return self.since is not None

    def refused(self, exc: BaseException) -> None:
        """A request could not be served because of it."""
        with self._lock:
            first = self.since is None
            if first:
                self.since, self.refusals = time.monotonic(), 0
            self.refusals += 1
        if first:
            reason = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
            logger.error("%s unavailable (%s%s); answering 503 until it is back", self.name,
                         type(exc).__name__, f": {reason}" if reason else "")  # fmt: skip

    def recovered(self) -> None:
        if self.since is None:  # the common case, without the lock
            return
        with self._lock:
            if self.since is None:
                return
            lasted, refusals = time.monotonic() - self.since, self.refusals
            self.since = None
        logger.warning("%s reachable again after %.1f s; %d request(s) were answered 503",
                       self.name, lasted, refusals)  # fmt: skip


database_outage = Outage("database")


def _connected(sender, connection, **kwargs) -> None:
    database_outage.recovered()


connection_created.connect(_connected, dispatch_uid="vigil.core.outage")
