"""A real `vigil serve` for fault tests: its own home and SQLite database, its own port,
started and stopped by the test. The test reads the database file directly."""

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil

from tests.orchestration.procs import wait_until

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, timeout: float = 5.0, headers: str = "") -> tuple[int, bytes]:
    """One HTTP/1.0 request on a new connection: (status, body); (0, b"") if refused."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n{headers}\r\n".encode())
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
    except OSError:
        return 0, b""
    head, _, body = data.partition(b"\r\n\r\n")
    return (int(head.split()[1]) if head.startswith(b"HTTP/") else 0), body


def post(port: int, key: str, payload: dict) -> tuple[int, dict]:
    """POST one alert to the generic webhook: (status, headers in lower case); (0, {})
    when the connection failed."""
    body = json.dumps(payload).encode()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(
                f"POST /alerts/webhook/generic/ HTTP/1.0\r\nHost: 127.0.0.1\r\n"
                f"Authorization: Bearer {key}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
    except OSError:
        return 0, {}
    head, _, _ = data.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}


class Serve:
    def __init__(self, home: Path, **env: str):
        self.home = home
        self.port = free_port()
        self.log = home / "serve.log"
        self.process: subprocess.Popen | None = None
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(
                ("DJANGO_", "VIGIL_", "DATABASE_", "REDIS_", "ORCHESTRATION_", "CELERY_", "NOTIFY_")
            )
        }
        self.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "vigil.settings",
                "DJANGO_SECRET_KEY": "reliability-" + "x" * 50,
                "VIGIL_ENCRYPTION_KEYS": "R4-p2ZrEldbmRu1DCd3sivbIR0m1_rqTb54tY-8rzS4=",
                "VIGIL_HOME": str(home),
                "PYTHONPATH": str(ROOT),
                "LOG_LEVEL": "INFO",
                "SSRF_ALLOWED_HOSTS": "127.0.0.1",
                "ORCHESTRATION_POLL_MS": "50",
                "RATE_LIMIT_ENABLED": "0",
                **env,
            }
        )
        self.vigil("migrate", "--noinput", "-v0")

    def vigil(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "vigil.cli", *args],
            env=self.env, cwd=self.home, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def python(self, code: str) -> str:
        return self.vigil("shell", "-c", code)

    def api_key(self) -> str:
        return self.vigil("create_api_key", "--name", f"k{time.monotonic_ns()}").strip()

    def start(self, *flags: str, wait: bool = True) -> "Serve":
        handle = open(self.log, "ab")  # noqa: SIM115 - the process owns it
        self.process = subprocess.Popen(
            [sys.executable, "-m", "vigil.cli", "serve", "--port", str(self.port), *flags],
            env=self.env, cwd=self.home, stdout=handle, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        if wait:
            self.wait_answering()
        return self

    def wait_answering(self, timeout: float = 60) -> None:
        wait_until(
            lambda: get(self.port, "/healthz")[0] == 200,
            timeout=timeout, what=f"serve on port {self.port}", interval=0.1,
        )  # fmt: skip

    def readyz(self) -> tuple[int, dict]:
        status, body = get(self.port, "/readyz")
        return status, (json.loads(body) if body else {})

    def embedded_workers(self) -> list[psutil.Process]:
        found = []
        for child in psutil.Process(self.process.pid).children(recursive=True):
            try:
                if "worker" in child.cmdline() and "--parent-pid" in child.cmdline():
                    found.append(child)
            except psutil.NoSuchProcess:
                pass
        return found

    def stop(self, sig=signal.SIGTERM, timeout: float = 60) -> int:
        if self.process is None:
            return 0
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return self.process.wait()

    def kill(self) -> None:
        """Everything this serve started, whatever state it is in."""
        if self.process is None:
            return
        try:
            family = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            family = []
        for proc in (
            [*family, psutil.Process(self.process.pid)] if self.process.poll() is None else family
        ):
            with contextlib.suppress(psutil.NoSuchProcess):
                proc.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def query(self, sql: str, params=()) -> list[tuple]:
        with sqlite3.connect(self.home / "var" / "vigil.sqlite3", timeout=30) as db:
            return db.execute(sql, params).fetchall()
