"""`vigil agent` as a real process pushing to a real `vigil serve`: it reports, spools
while the hub is down, drains when it is back, and answers the CHECK stage's ask for a
fresh run through its poll."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from vigil.core.security import http

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def to_ms(text: str) -> datetime:
    # The API writes milliseconds (Django's JSON encoder), the payload microseconds.
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


class Hub:
    def __init__(self, tmp_path: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp_path / "serve.log"
        self.env = {
            **os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": str(ROOT),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'hub.sqlite3'}", "LOG_LEVEL": "WARNING",
            "NODES_AGENT_FRESH_SECONDS": "2", "NODES_AGENT_WAIT_SECONDS": "8",
            "ORCHESTRATION_CHECK_TIMEOUT": "10", "ORCHESTRATION_POLL_MS": "50",
            "RATE_LIMIT_ENABLED": "0",
        }  # fmt: skip
        self.process = None
        self.vigil("migrate", "--noinput")
        self.key = self.vigil("create_api_key", "--name", "agent").strip()

    def vigil(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "vigil.cli", *args], env=self.env, cwd=ROOT,
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    def start(self) -> None:
        handle = open(self.log, "ab")  # noqa: SIM115 - the process owns it
        self.process = subprocess.Popen(
            [sys.executable, "-m", "vigil.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_until(self.ready, 30, "vigil serve to answer")

    def ready(self) -> bool:
        try:
            return http.request(
                "GET", f"{self.url}/healthz", timeout=1, allowed_hosts=["127.0.0.1"]
            ).ok
        except http.OutboundHTTPError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def get(self, path: str):
        response = http.request(
            "GET", f"{self.url}{path}", timeout=5, allowed_hosts=["127.0.0.1"],
            headers={"Authorization": f"Bearer {self.key}"},
        )  # fmt: skip
        return response.json() if response.ok else None

    def post(self, path: str, body: dict):
        return http.request(
            "POST", f"{self.url}{path}", json=body, timeout=10, allowed_hosts=["127.0.0.1"],
            headers={"Authorization": f"Bearer {self.key}"},
        ).json()  # fmt: skip


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    # One hub for the module: migrating its database is most of a test's time.
    server = Hub(tmp_path_factory.mktemp("hub"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def start_agent(hub, tmp_path):
    started = []

    def start(interval: str):
        spool = tmp_path / "spool"
        env = {
            **hub.env, "DATABASE_URL": f"sqlite:///{tmp_path / 'agent.sqlite3'}",
            "VIGIL_HUB_API_KEY": hub.key, "CHECKER_DEFAULT_SUITE": "memory,load",
        }  # fmt: skip
        log = open(tmp_path / "agent.log", "ab")  # noqa: SIM115 - the process owns it
        process = subprocess.Popen(
            [sys.executable, "-m", "vigil.cli", "agent", "--hub", hub.url, "--node", "web-7",
             "--interval", interval, "--poll", "0.3", "--spool", str(spool), "--timeout", "2"],
            env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        started.append(process)
        return process, spool

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(30)


def test_the_agent_reports_spools_while_the_hub_is_down_and_drains(hub, start_agent):
    process, spool = start_agent(interval="1")
    wait_until(lambda: (hub.get("/api/nodes/web-7/") or {}).get("latest"), 30, "a first report")

    hub.stop()
    wait_until(lambda: len(list(spool.glob("*.json"))) >= 3, 30, "three runs in the spool")
    held = sorted(path.name for path in spool.glob("*.json"))
    sent_while_down = {
        to_ms(json.loads((spool / name).read_text())["sent_at"]) for name in held[:3]
    }

    hub.start()
    wait_until(lambda: not any(spool.glob("*.json")), 30, "the spool to drain")
    recent = hub.get("/api/nodes/web-7/")["recent"]
    arrived = {to_ms(item["sent_at"]) for item in recent}
    assert sent_while_down <= arrived
    assert process.poll() is None

    process.send_signal(signal.SIGTERM)
    assert process.wait(30) == 0


def test_the_check_stage_asks_the_agent_for_a_fresh_run(hub, start_agent):
    # Runs every 30 s, polls every 0.3 s: its results are stale (over 2 s) between runs.
    start_agent(interval="30")
    first = wait_until(
        lambda: (hub.get("/api/nodes/web-7/") or {}).get("latest"), 30, "a first report"
    )
    time.sleep(2.5)
    accepted = hub.post(
        "/alerts/webhook/generic/",
        {"name": "MemoryPressure", "severity": "critical", "labels": {"host": "web-7"}},
    )
    [run_id] = accepted["run_ids"]
    run = wait_until(
        lambda: (r := hub.get(f"/orchestration/pipeline/{run_id}/")) and r["status"] not in ("pending", "processing") and r,
        40, "the run to finish",
    )  # fmt: skip
    [check] = [stage for stage in run["stages"] if stage["stage"] == "check"]
    [host] = check["output"]["hosts"]
    assert (host["host"], host["via"]) == ("web-7", "agent")
    assert host["age_seconds"] < 2
    assert "memory" in {r["check"] for r in check["output"]["results"]}, check["output"]
    assert hub.get("/api/nodes/web-7/")["latest"]["received_at"] > first["received_at"]
