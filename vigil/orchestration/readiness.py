"""orchestration's part of /readyz: is this server's embedded worker alive, and how long
has the oldest due run waited."""

import os
import time

from django.utils import timezone

from vigil.core.embedded import HEARTBEAT_ENV
from vigil.core.readiness import Check, register
from vigil.orchestration.queue import oldest_due_wait

# The worker touches its heartbeat every second while its loop runs; a database outage
# slows the loop to one turn every few seconds.
HEARTBEAT_STALE_SECONDS = 15


def worker() -> Check | None:
    path = os.environ.get(HEARTBEAT_ENV)
    if not path:  # --no-worker: the workers are elsewhere
        return None
    try:
        age = time.time() - os.stat(path).st_mtime
    except FileNotFoundError:
        return Check("gone", ready=False, detail={"hint": "the embedded worker is not running; "
                                                  "`vigil serve` restarts it"})  # fmt: skip
    if age > HEARTBEAT_STALE_SECONDS:
        return Check("stalled", ready=False, detail={"last_heartbeat_seconds": round(age, 1)})
    return Check("ok")


def queue() -> Check:
    wait = oldest_due_wait(timezone.now())
    return Check("ok", detail={"oldest_due_wait_seconds": wait})


def register_checks() -> None:
    register("worker", worker)
    register("queue", queue)
