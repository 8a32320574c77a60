"""What `vigil serve` adds around granian: the embedded pipeline worker, kept alive, and
HTTP workers that neither miss a stop signal while they load nor print a traceback.

The worker is a child process of the main process. A watcher thread restarts it when it
dies (kill -9, a crash), after a pause that grows while it keeps dying. Its heartbeat
file, whose path the HTTP workers inherit (VIGIL_WORKER_HEARTBEAT), tells /readyz
whether a worker is alive: the worker touches it, the watcher removes it when the
worker is gone.
"""

import importlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

logger = logging.getLogger(__name__)

HEARTBEAT_ENV = "VIGIL_WORKER_HEARTBEAT"
CHECK_EVERY = 0.5  # seconds between two looks at the worker
FIRST_PAUSE = 1.0  # before the first restart; doubles while the worker keeps dying
LONGEST_PAUSE = 30.0
HEALTHY_AFTER = 60.0  # a worker that lived this long starts the pauses again
STOP_WAIT = 60.0  # SIGTERM lets runs in flight finish; after this, SIGKILL
THREAD_WARNING = "Configuration allows spawning up to"


class EmbeddedWorker:
    def __init__(self, serve_stopping: Callable[[], bool] = lambda: False):
        self.serve_stopping = serve_stopping
        self.home = Path(tempfile.mkdtemp(prefix="vigil-serve-"))
        self.heartbeat = self.home / "worker.alive"
        self.process: subprocess.Popen | None = None
        self.restarts = 0
        self._stopping = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="vigil-watch", daemon=True)

    def start(self) -> None:
        os.environ[HEARTBEAT_ENV] = str(self.heartbeat)  # for the HTTP workers to come
        self._spawn()
        self._watcher.start()

    def stop(self) -> None:
        self._stopping.set()
        self._watcher.join()
        process = self.process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
        if process is not None:
            try:
                process.wait(timeout=STOP_WAIT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(self.home, ignore_errors=True)

    def _spawn(self) -> None:
        self.started = time.monotonic()
        command = [sys.executable, "-m", "vigil.cli", "worker", "--parent-pid", str(os.getpid()),
                   "--heartbeat", str(self.heartbeat)]  # fmt: skip
        self.process = subprocess.Popen(command)  # noqa: S603 - our own interpreter and entry point

    def _watch(self) -> None:
        pause = FIRST_PAUSE
        while not self._stopping.wait(CHECK_EVERY):
            code = self.process.poll()
            if code is None:
                if time.monotonic() - self.started > HEALTHY_AFTER:
                    pause = FIRST_PAUSE
                continue
            self.heartbeat.unlink(missing_ok=True)
            # Ctrl-C reaches the worker with the rest of the process group: it stops
            # cleanly while serve stops too, and is not started again.
            if self._stopping.wait(pause) or self.serve_stopping():
                return
            logger.warning("embedded pipeline worker (pid %d) exited with %s; started again",
                           self.process.pid, _describe(code))  # fmt: skip
            self.restarts += 1
            self._spawn()
            pause = min(pause * 2, LONGEST_PAUSE)


def _describe(code: int) -> str:
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"code {code}"


def app_loader(target: str):
    """granian's loader for an HTTP worker: `target` names a function that returns the
    application (vigil.core.front.application_from_env). A stop signal that arrives while
    the worker is still starting would land in a handler that ignores it (the main process's, inherited
    at fork, or this one once granian has taken over): the worker would then accept
    requests until it is killed in the middle of one. Here such a signal makes it exit
    before it accepts anything, or reaches granian's own handler once it is installed."""
    stop_signals = (signal.SIGTERM, signal.SIGINT)
    inherited = signal.getsignal(signal.SIGTERM)
    asked: list[int] = []

    def remember(signum, frame):
        asked.append(signum)

    for sig in stop_signals:
        signal.signal(sig, remember)
    module, _, name = target.partition(":")
    application = getattr(importlib.import_module(module), name)()
    # The main process's handler, inherited at fork, marks its server object stopped.
    if asked or getattr(getattr(inherited, "__self__", None), "interrupt_signal", False):
        sys.exit(0)
    # Ctrl-C signals the whole process group, and the main process stops the HTTP workers
    # itself (SIGTERM). A worker that stopped on the SIGINT first would be an "unexpected
    # exit" to granian, which then logs an error and exits 1. Blocked here, before any
    # other thread starts (threads inherit the mask), it stays pending and unanswered.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    threading.Thread(target=_hand_over, args=(remember, asked), daemon=True).start()
    return application


def _hand_over(remember, asked: list[int], wait: float = 5.0) -> None:
    """Once granian has installed its handlers, deliver a stop signal that arrived in
    between to them."""
    deadline = time.monotonic() + wait
    while signal.getsignal(signal.SIGTERM) is remember and time.monotonic() < deadline:
        time.sleep(0.005)
    if asked:
        os.kill(os.getpid(), signal.SIGTERM)  # SIGINT is blocked from now on


class _DropThreadWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(THREAD_WARNING)


def quiet_granian_thread_warning() -> None:
    """granian warns at every start that 8 threads are many for 2 cores. They are
    deliberate: a request spends most of its time waiting on the database, and the
    threads are bounded (docs/deployment.md)."""
    logging.getLogger("_granian").addFilter(_DropThreadWarning())
