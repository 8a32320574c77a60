"""Many mostly idle keep-alive connections, and the latency of new requests beside them.

    .venv/bin/python bench/connections.py [--idle 1000] [--requests 200] [--workers 2]
        [--max-connections 8 1024] [--hold 12]

For each --max-connections value, starts `vigil serve --no-worker` on 127.0.0.1 with a
scratch SQLite home, measures GET /readyz on fresh connections (baseline), opens --idle
keep-alive connections that each send one request and then sit idle, measures again
beside them, and counts how many idle connections the server still holds after --hold
seconds (its header timeout closes idle keep-alive connections). Prints p50/p99/max in
ms and the requests that got no answer within 5 s.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQUEST = b"GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_request(port: int, timeout: float = 5.0) -> float | None:
    """Seconds for one request on a new connection; None if unanswered in time."""
    started = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(REQUEST.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n"))
            if not sock.recv(16).startswith(b"HTTP/1.1"):
                return None
    except OSError:
        return None
    return time.perf_counter() - started


def measure(port: int, count: int) -> dict:
    times = []
    for _ in range(count):
        times.append(fresh_request(port))
        if times[-5:] == [None] * 5:  # starved: do not wait 5 s for each of the rest
            times += [None] * (count - len(times))
            break
    answered = sorted(t * 1000 for t in times if t is not None)
    if not answered:
        return {"answered": 0, "unanswered": count}
    return {
        "answered": len(answered),
        "unanswered": count - len(answered),
        "p50": statistics.median(answered),
        "p99": answered[min(len(answered) - 1, int(len(answered) * 0.99))],
        "max": answered[-1],
    }


def open_idle(port: int, count: int) -> tuple[list[socket.socket], int]:
    """Keep-alive connections that each had one answer; returns them and how many the
    server answered (the others wait for a connection slot)."""
    sockets, answered = [], 0
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(REQUEST)
        sockets.append(sock)
    for sock in sockets:
        sock.settimeout(0.05 if answered < len(sockets) // 2 else 0.01)
        try:
            if sock.recv(65536).startswith(b"HTTP/1.1"):
                answered += 1
        except OSError:
            pass
    return sockets, answered


def still_open(sockets: list[socket.socket]) -> int:
    alive = 0
    for sock in sockets:
        sock.setblocking(False)
        try:
            alive += sock.recv(1, socket.MSG_PEEK) != b""  # b"": the server closed it
        except BlockingIOError:
            alive += 1
        except OSError:
            pass
    return alive


def run(args, max_connections: int) -> None:
    home = Path(tempfile.mkdtemp(prefix="vigil-bench-connections-"))
    env = {**os.environ, "VIGIL_HOME": str(home), "DJANGO_SECRET_KEY": "bench-" + "x" * 50,
           "DJANGO_SETTINGS_MODULE": "vigil.settings", "LOG_LEVEL": "WARNING"}  # fmt: skip
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    vigil = [sys.executable, "-m", "vigil.cli"]
    subprocess.run([*vigil, "migrate", "-v0"], env=env, cwd=home, check=True)
    port = free_port()
    server = subprocess.Popen(
        [*vigil, "serve", "--no-worker", "--port", str(port), "--workers", str(args.workers),
         "--max-connections", str(max_connections)],
        env=env, cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while fresh_request(port, 1) is None:
            if time.monotonic() > deadline:
                raise RuntimeError("serve did not start")
            time.sleep(0.2)
        baseline = measure(port, args.requests)
        sockets, answered = open_idle(port, args.idle)
        beside = measure(port, args.requests)
        time.sleep(args.hold)
        held = still_open(sockets)
        for sock in sockets:
            sock.close()
    finally:
        server.terminate()
        server.wait(30)
    print(f"--max-connections {max_connections} ({args.workers} workers):")
    print(f"  fresh requests alone:        {fmt(baseline)}")
    print(f"  {args.idle} idle keep-alive opened, {answered} of them answered")
    print(f"  fresh requests beside them:  {fmt(beside)}")
    print(f"  idle connections still open after {args.hold} s: {held}")


def fmt(result: dict) -> str:
    if not result["answered"]:
        return f"no answer to any of {result['unanswered']} requests within 5 s"
    return (f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, max {result['max']:.1f}"
            f" ms, unanswered {result['unanswered']}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-connections", type=int, nargs="+", default=[8, 1024])
    parser.add_argument("--hold", type=float, default=12)
    args = parser.parse_args()
    for value in args.max_connections:
        run(args, value)


if __name__ == "__main__":
    main()
