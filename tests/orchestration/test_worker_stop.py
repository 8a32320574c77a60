"""Stopping a worker from a signal handler."""

import threading

from vigil.orchestration.publish import wake_event
from vigil.orchestration.worker import Worker


def test_a_stop_from_a_signal_handler_takes_no_lock():
    # A handler runs in the main thread between two of its bytecodes, perhaps while the
    # main loop holds the lock inside wake_event (or inside the worker's own stop
    # event): a stop that took either would wait for itself forever.
    worker = Worker(concurrency=1, scheduler=False)
    with wake_event._cond, worker._stopping._cond:
        handler = threading.Thread(target=worker.stop, daemon=True)
        handler.start()
        handler.join(timeout=2)
        assert not handler.is_alive(), "stop() waited for a lock"
    assert worker.stopping
