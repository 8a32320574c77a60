import shutil
import socket
import subprocess
import time

import pytest
import redis

from vigil.orchestration.models import Lane


@pytest.fixture
def fast_lane(transactional_db):
    """The seeded lanes do not survive the flush between transactional tests."""
    Lane.objects.all().delete()
    return Lane.objects.create(name="fast", priority=1, match=[], stages=["analyze"])


class PrivateRedis:
    """A redis-server this test may stop and start: the broker that goes away."""

    def __init__(self, port: int, workdir):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.workdir = workdir
        self.process = None

    def start(self) -> "PrivateRedis":
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("private redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def _free_port() -> int:
    # Not a fixed port: several checkouts' suites run on one machine at once, and a
    # server another suite started on "our" port would answer our pings.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def private_redis(tmp_path):
    if not shutil.which("redis-server"):
        pytest.skip("needs the redis-server binary")
    server = PrivateRedis(_free_port(), tmp_path).start()
    yield server
    server.stop()
