"""A real `vigil serve` (SQLite, embedded worker) with three people and an API key, and
Debian's Chromium driven by Playwright: what the console's end-to-end tests run against.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("VIGIL_CHROMIUM", "/usr/bin/chromium")
# In CI the browser tests must run: a skip there is a failure.
REQUIRE_BROWSER = os.environ.get("VIGIL_REQUIRE_BROWSER") == "1"
# Flags that keep Chromium off the network: no updates, sync, metrics or QUIC probes.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--metrics-recording-only",
]
PEOPLE = {"ada": "admin", "rui": "responder", "val": "viewer"}
# Where the end-to-end run saves its screenshots (docs/console.md shows them):
# VIGIL_SCREENSHOTS=docs/images/console make pytest PYTEST_ARGS=tests/console
SCREENSHOTS = os.environ.get("VIGIL_SCREENSHOTS")
# Short access tokens, so a test sees one expire and the console renew it.
ACCESS_TOKEN_SECONDS = 30

CREATE_PEOPLE = """
from django.contrib.auth import get_user_model
from vigil.accounts.roles import set_user_role
from vigil.core.roles import Role
for name, role in {people!r}.items():
    user = get_user_model().objects.create_user(name, password="pw-" + name + "-e2e-1234")
    set_user_role(user, Role(role))
"""


def password(name: str) -> str:
    return f"pw-{name}-e2e-1234"


def skip_or_fail(reason: str):
    if REQUIRE_BROWSER:
        pytest.fail(f"VIGIL_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.sendall(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            return sock.recv(12).startswith(b"HTTP/1.")
    except OSError:
        return False


@dataclass
class LiveConsole:
    home: Path
    port: int = field(default_factory=_free_port)
    api_key: str = ""
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "VIGIL_", "DATABASE_", "REDIS_", "AUTH_"))
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "vigil.settings",
                "DJANGO_SECRET_KEY": "e2e-" + "s3cret-for-the-console-tests-" * 2,
                "VIGIL_JWT_KEYS": "e2e-jwt-" + "k" * 40,
                "VIGIL_HOME": str(self.home),
                "PYTHONPATH": str(ROOT),
                "LOG_LEVEL": "WARNING",
                "AUTH_ACCESS_TOKEN_SECONDS": str(ACCESS_TOKEN_SECONDS),
                "RATE_LIMIT_ENABLED": "0",
            }
        )
        return env

    def vigil(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "vigil.cli", *args],
            env=self.env(), cwd=self.home, check=True, timeout=120,
            capture_output=True, text=True,
        )  # fmt: skip
        return done.stdout

    def start(self) -> "LiveConsole":
        self.vigil("migrate", "--noinput", "-v0")
        self.vigil("shell", "-c", CREATE_PEOPLE.format(people=PEOPLE))
        self.api_key = self.vigil("create_api_key", "--name", "e2e").strip()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "vigil.cli", "serve", "--port", str(self.port), "--workers", "1"],
            env=self.env(), cwd=self.home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while not _answers(self.port):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"vigil serve did not answer on port {self.port}")
            time.sleep(0.2)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)


def browser_or_skip():
    """Playwright's Chromium: Debian's binary, headless, kept off the network."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("needs the playwright package: make install-dev")
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        skip_or_fail(f"needs Chromium at {CHROMIUM}: apt-get install chromium chromium-driver")
    return sync_playwright, CHROMIUM, CHROMIUM_ARGS


def axe_source() -> str:
    path = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        skip_or_fail("needs npm's axe-core: cd frontend && npm ci")
    return path.read_text()


def sign_in(page, name: str, path: str = "/") -> None:
    page.goto(path)
    page.get_by_label("Username").fill(name)
    page.locator("#password").fill(password(name))
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()


def screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=False)
