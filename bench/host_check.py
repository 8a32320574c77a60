"""What looking at the alert's host costs: the CHECK stage through node_exporter and
through a fresh agent result, against a baseline run of the stage that finds no host;
then a `vigil agent` process's CPU and memory between its runs.

    .venv/bin/python bench/host_check.py [--runs 300] [--agent-seconds 60]

Limits (issue 19): through node_exporter or a fresh agent result the stage adds
<= 100 ms at p99 on loopback; an agent uses < 1 % of a core between runs and <= 60 MB RSS.
The node_exporter is the recorded release output of tests/nodes/fixtures, served on
127.0.0.2 by a thread of this script; the agent pushes to a stub hub on 127.0.0.1.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="vigil-bench-host-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["LOG_LEVEL"] = "ERROR"

import django  # noqa: E402

django.setup()

import psutil  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from vigil.checkers import hub  # noqa: E402
from vigil.checkers.checkers.base import CheckResult, Status  # noqa: E402
from vigil.nodes import registry  # noqa: E402
from vigil.nodes.services import check_incident  # noqa: E402

FIXTURE = (ROOT / "tests/nodes/fixtures/node_exporter-1.5.0.txt").read_bytes()
LIMIT_MS = 100.0


def serve(host: str, answer) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            status, body, kind = answer(self.command, self.path)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

    server = ThreadingHTTPServer((host, 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def alert(labels: dict) -> dict:
    return {"id": 1, "source": "alertmanager", "alerts": [
        {"source": "alertmanager", "name": "HostDiskAlmostFull",
         "labels": {"alertname": "HostDiskAlmostFull", "mountpoint": "/var", **labels}}
    ]}  # fmt: skip


def timed(snapshot: dict, runs: int) -> list[float]:
    check_incident(snapshot, timeout=10)  # connections, caches: the steady state
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        check_incident(snapshot, timeout=10)
        times.append((time.perf_counter() - started) * 1000)
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def stage(runs: int) -> bool:
    exporter = serve("127.0.0.2", lambda *_: (200, FIXTURE, "text/plain; version=0.0.4"))
    port = exporter.server_address[1]
    settings.NODES_ALLOWED_HOSTS = ["127.0.0.2"]
    settings.NODES_NODE_EXPORTER_PORTS = [str(port)]
    results = [
        CheckResult("disk", Status.CRITICAL, "/var 95% used", "/var", {"used_percent": 95.0})
    ]
    registry.record_report(hub.build_payload(results, node="web-7"))
    cases = {
        "no host (baseline)": alert({}),
        "node_exporter": alert({"instance": f"127.0.0.2:{port}", "job": "node"}),
        "fresh agent result": alert({"host": "web-7"}),
    }
    figures = {name: timed(snapshot, runs) for name, snapshot in cases.items()}
    base = statistics.median(figures["no host (baseline)"])
    ok = True
    print(f"CHECK stage, {runs} runs each (ms): p50 p99 max | added at p99 over the baseline's p50")
    for name, times in figures.items():
        p50, p99 = statistics.median(times), percentile(times, 0.99)
        added = p99 - base
        verdict = "" if name.startswith("no host") else f"| +{added:.1f} (limit {LIMIT_MS:g})"
        ok &= name.startswith("no host") or added <= LIMIT_MS
        print(f"  {name:<20} {p50:7.2f} {p99:7.2f} {max(times):7.2f} {verdict}")
    exporter.shutdown()
    return ok


def agent(seconds: float) -> bool:
    stub = serve("127.0.0.1", lambda method, path: (
        (202, b'{"status":"accepted"}', "application/json") if method == "POST"
        else (200, b'{"run": false, "checks": [], "mountpoints": []}', "application/json")
    ))  # fmt: skip
    env = {
        **os.environ,
        "VIGIL_HUB_API_KEY": "bench",
        "DATABASE_URL": f"sqlite:///{WORK / 'agent.sqlite3'}",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "vigil.cli", "agent", "--hub", f"http://127.0.0.1:{stub.server_address[1]}",
         "--node", "bench", "--interval", "3600", "--spool", str(WORK / "spool")],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    watched = psutil.Process(process.pid)
    time.sleep(8)  # start-up and the first run (its CPU sample window, the push)
    before, rss = watched.cpu_times(), 0
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        rss = max(rss, watched.memory_info().rss)
        time.sleep(1)
    after = watched.cpu_times()
    wall = time.monotonic() - started
    process.terminate()
    process.wait(30)
    stub.shutdown()
    cpu = 100 * ((after.user - before.user) + (after.system - before.system)) / wall
    print(f"agent between runs over {wall:.0f} s (poll every {settings.VIGIL_AGENT_POLL_SECONDS} s): "
          f"CPU {cpu:.2f} % of a core (limit 1 %), max RSS {rss / 2**20:.1f} MiB (limit 60 MB)")  # fmt: skip
    return cpu < 1.0 and rss <= 60e6


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--agent-seconds", type=float, default=60)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(
        f"cpus={os.cpu_count()} loadavg={' '.join(Path('/proc/loadavg').read_text().split()[:3])}"
    )
    ok = stage(args.runs)
    if args.agent_seconds:
        ok &= agent(args.agent_seconds)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
