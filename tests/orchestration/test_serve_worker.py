"""`vigil serve` runs exactly one embedded worker (not one per HTTP worker process)."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _env(tmp_path) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("DJANGO_", "VIGIL_", "DATABASE_", "REDIS_", "ORCHESTRATION_", "CELERY_")
        )
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "vigil.settings",
            "DJANGO_SECRET_KEY": "serve-test-" + "x" * 50,
            "VIGIL_HOME": str(tmp_path),
            "PYTHONPATH": str(ROOT),
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _workers_of(pid: int) -> list[psutil.Process]:
    found = []
    for child in psutil.Process(pid).children(recursive=True):
        try:
            if "worker" in child.cmdline() and "--parent-pid" in child.cmdline():
                found.append(child)
        except psutil.NoSuchProcess:
            pass
    return found


def _serve(tmp_path, *extra) -> subprocess.Popen:
    env = _env(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "vigil.cli", "migrate", "--noinput", "-v0"],
        env=env, cwd=tmp_path, check=True, timeout=120,
    )  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "vigil.cli", "serve", "--port", str(_free_port()), "--workers", "2", *extra],
        env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def test_serve_runs_one_embedded_worker_and_stops_it(tmp_path):
    serve = _serve(tmp_path)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not _workers_of(serve.pid):
            time.sleep(0.2)
        time.sleep(2)  # granian's HTTP workers are up by now too
        workers = _workers_of(serve.pid)
        assert len(workers) == 1
        assert workers[0].cmdline()[-1] == str(serve.pid)
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(30)
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == [], "the embedded worker outlived serve"


def test_no_worker_flag(tmp_path):
    serve = _serve(tmp_path, "--no-worker")
    try:
        time.sleep(3)
        assert serve.poll() is None
        assert _workers_of(serve.pid) == []
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(30)
