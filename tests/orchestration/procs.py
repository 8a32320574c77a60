"""Helpers for tests that run real worker processes against the test database.

pytest-django's test database is visible to a subprocess only when the test commits
(transaction=True) and the subprocess is pointed at the same database name: on
PostgreSQL, `test_<name>`. These tests are marked postgres.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
FAKES = "tests.orchestration.stage_fakes"
FAKE_SERVICES = {"check": f"{FAKES}.check_incident", "analyze": f"{FAKES}.analyze_incident"}


def database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"])
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def process_env(**extra: str) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": database_url(),
            "DATABASE_CONN_MAX_AGE": "0",
            "ORCHESTRATION_LEASE_SECONDS": "3",
            "ORCHESTRATION_POLL_MS": "50",
            "ORCHESTRATION_RECONCILE_INTERVAL": "1",
            "ORCHESTRATION_RETRY_BASE_SECONDS": "1",
            "ORCHESTRATION_STAGE_SERVICES": json.dumps(FAKE_SERVICES),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
    )
    env.update(extra)
    return env


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = open(log, "ab")  # noqa: SIM115 - the process owns it
    return subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT
    )


def start_worker(env: dict, log: Path, *args: str) -> subprocess.Popen:
    # --parent-pid: a worker left behind by a failed test exits with the test run.
    return start(["-m", "vigil.cli", "worker", "--parent-pid", str(os.getpid()), *args], env, log)


def start_celery(env: dict, log: Path, queue: str, concurrency: int = 2) -> subprocess.Popen:
    return start(
        [
            "-m",
            "celery",
            "-A",
            "vigil.orchestration.celery",
            "worker",
            "--pool",
            "threads",
            "--concurrency",
            str(concurrency),
            "--queues",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "WARNING",
        ],
        env,
        log,
    )


def stop(process: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 20) -> int:
    if process.poll() is None:
        process.send_signal(sig)
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


def wait_until(predicate, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
