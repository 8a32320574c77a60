"""Compare the HTTP servers `vigil serve` could use, on the same app, in one run.

    .venv/bin/uv pip install --python .venv/bin/python gunicorn   # bench-only
    .venv/bin/python bench/serve.py [--seconds 10] [--connections 16] [--path /readyz]

Starts each server on 127.0.0.1 with 2 worker processes against a scratch SQLite
database (or DATABASE_URL if set), loads it with wrk (apt-get install wrk) from a second
process, and prints requests/s and latency percentiles. /readyz touches the database and
the cache, so it exercises Django, a query and the middleware stack.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not start")


def run_wrk(port: int, path: str, seconds: int, connections: int) -> dict:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    pct = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": pct.get("50"),
        "p99": pct.get("99"),
        "non2xx": int(errors.group(1)) if errors else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--path", default="/readyz")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="vigil-bench-"))
    env = {
        **os.environ,
        "VIGIL_HOME": str(home),
        "DJANGO_SETTINGS_MODULE": "vigil.settings",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-" + "x" * 60),
        "RATE_LIMIT_ENABLED": "0",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run([BIN / "vigil", "migrate", "-v0"], env=env, check=True, cwd=ROOT)

    servers = {
        "granian (vigil serve, 2 workers x 8 threads)": lambda port: [
            BIN / "vigil",
            "serve",
            "--port",
            str(port),
            "--workers",
            "2",
        ],
    }
    if shutil.which("gunicorn", path=str(BIN)):
        servers["gunicorn (2 sync workers)"] = lambda port: [
            BIN / "gunicorn",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "vigil.wsgi",
        ]
        servers["gunicorn (2 workers x 8 gthreads)"] = lambda port: [
            BIN / "gunicorn",
            "-w",
            "2",
            "--threads",
            "8",
            "-b",
            f"127.0.0.1:{port}",
            "vigil.wsgi",
        ]
    else:
        print("gunicorn not installed in this venv: measuring granian only")

    print(
        f"wrk -c{args.connections} {args.seconds}s GET {args.path}  "
        f"(db: {env.get('DATABASE_URL') or 'sqlite'})"
    )
    for name, command in servers.items():
        port = free_port()
        proc = subprocess.Popen(
            command(port), env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            wait_ready(port)
            run_wrk(port, args.path, 2, args.connections)  # warm-up
            result = run_wrk(port, args.path, args.seconds, args.connections)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        print(
            f"{name:48} {result['rps']:9.0f} req/s  p50 {result['p50']:>8}  "
            f"p99 {result['p99']:>8}  non-2xx {result['non2xx']}"
        )
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
