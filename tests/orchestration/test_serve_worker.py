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

from tests.orchestration.procs import wait_until

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


def _http_workers_of(pid: int) -> list[psutil.Process]:
    return [child for child in psutil.Process(pid).children() if "serve" in child.cmdline()]


def _serve(tmp_path, *extra) -> tuple[subprocess.Popen, int]:
    env = _env(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "vigil.cli", "migrate", "--noinput", "-v0"],
        env=env, cwd=tmp_path, check=True, timeout=120,
    )  # fmt: skip
    port = _free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "vigil.cli", "serve", "--port", str(port), "--workers", "2", *extra],
        env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return serve, port


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            return sock.recv(12).startswith(b"HTTP/1.")
    except OSError:
        return False


def _wait_until_answering(port: int) -> None:
    wait_until(lambda: _answers(port), timeout=60, what=f"HTTP on port {port}", interval=0.2)


def test_serve_runs_one_embedded_worker_and_stops_it(tmp_path):
    serve, port = _serve(tmp_path)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not _workers_of(serve.pid):
            time.sleep(0.2)
        _wait_until_answering(port)  # granian's HTTP workers are up too
        workers = _workers_of(serve.pid)
        assert len(workers) == 1
        command = workers[0].cmdline()
        assert command[command.index("--parent-pid") + 1] == str(serve.pid)
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(30)
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == [], "the embedded worker outlived serve"


def test_no_worker_flag(tmp_path):
    serve, port = _serve(tmp_path, "--no-worker")
    try:
        _wait_until_answering(port)
        assert serve.poll() is None
        assert _workers_of(serve.pid) == []
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(30)


def test_sigterm_kills_an_http_worker_that_does_not_stop(tmp_path):
    # An HTTP worker that misses SIGTERM (one still loading the application does) must
    # not keep `serve` alive: a stopped process stands in for it here.
    serve, port = _serve(tmp_path, "--no-worker", "--kill-timeout", "2")
    try:
        _wait_until_answering(port)
        stuck = _http_workers_of(serve.pid)[0]
        stuck.suspend()
        started = time.monotonic()
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(30) == 0
        assert time.monotonic() - started < 15
        assert not stuck.is_running()
    finally:
        if serve.poll() is None:
            for child in psutil.Process(serve.pid).children(recursive=True):
                child.kill()
            serve.kill()
