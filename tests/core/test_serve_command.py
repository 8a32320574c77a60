"""`vigil serve` refuses bad flags and a busy address before it binds anything."""

import os
import socket
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.parametrize(
    ("flags", "named"),
    [
        (["--workers", "0"], "--workers"),
        (["--threads", "0"], "--threads"),
        (["--kill-timeout", "0"], "--kill-timeout"),
        (["--kill-timeout", "1801"], "--kill-timeout"),
        (["--max-connections", "0"], "--max-connections"),
        (["--header-timeout", "61"], "--header-timeout"),
    ],
)
def test_out_of_range_flags_are_refused(flags, named):
    with pytest.raises(CommandError, match=named):
        call_command("serve", *flags)


@pytest.fixture
def busy_port():
    """A port a server left running listens on, bound as granian binds (SO_REUSEPORT)."""
    with socket.socket() as holder:
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def serve(tmp_path, *flags: str) -> subprocess.CompletedProcess:
    """`vigil serve` in its own process: if it wrongly started, the timeout fails the test
    instead of blocking the suite."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    return subprocess.run(
        [sys.executable, "-m", "vigil.cli", "serve", "--no-worker", *flags],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_second_serve_on_the_same_port_exits_instead_of_sharing_it(busy_port, tmp_path):
    # granian itself binds beside the holder and serves on, sharing the port.
    done = serve(tmp_path, "--host", "127.0.0.1", "--port", str(busy_port))
    assert done.returncode != 0
    assert f"cannot listen on 127.0.0.1:{busy_port}: Address already in use" in done.stderr
    assert "Vigil listening" not in done.stdout


def test_a_host_name_is_refused_with_a_message(tmp_path):
    # granian binds IP addresses only; given a name it fails with a traceback.
    done = serve(tmp_path, "--host", "localhost", "--port", "8000")
    assert done.returncode != 0
    assert "--host 'localhost' is not an IP address (such as 127.0.0.1" in done.stderr
    assert "Traceback" not in done.stderr
