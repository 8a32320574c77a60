"""End-to-end pipeline benchmark: alerts posted → runs → notifications at a webhook.

    python bench/pipeline.py --db postgres --workers 2
    python bench/pipeline.py --db sqlite --workers 1 --alerts 500 --rate 50

Starts a fresh database (PostgreSQL database `orch_bench`, or a SQLite file), `vigil
serve --no-worker`, N `vigil worker` processes and a recording webhook server on
127.0.0.1; the default lane is pointed at a webhook channel to that server, with the
local intelligence provider. Two phases:

1. throughput: workers paused (SIGSTOP), --alerts alerts posted, workers resumed; runs/s
   is alerts / time until the last notification arrived.
2. latency: workers running, --latency-alerts alerts offered at --rate per second;
   p50/p99 of (notification received at the webhook server − webhook answered 202).
"""

import argparse
import base64
import ctypes
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil
import psycopg

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
BENCH_DB = os.environ.get("BENCH_DB", "orch_bench")  # another name on a shared server


def add_pg_database(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pg-database",
        default=BENCH_DB,
        help="PostgreSQL database to drop and create (on a shared server, your own)",
    )


SETUP = """
from vigil.core.services import create_api_key
from vigil.notify.models import NotificationChannel
from vigil.orchestration.models import Lane
NotificationChannel.objects.create(
    name="bench", driver="webhook", config={"url": "%(url)s"}, min_interval_seconds=0
)
Lane.objects.filter(name="default").update(channels=["bench"], stages=%(stages)s)
Lane.objects.filter(name="resolved").update(active=False)
print(create_api_key("bench").raw)
"""

# Where the latency phase's runs spent their time, from their rows: waiting to be
# claimed (created → started) and executing (started → finished, the notification sent
# before the end was written).
SPLIT = """
import json, statistics
from vigil.orchestration.models import PipelineRun
rows = PipelineRun.objects.order_by("-created_at").values_list(
    "created_at", "started_at", "finished_at")[:%(n)d]
def q(values):
    values = sorted(values)
    if len(values) < 2:
        return None
    cut = statistics.quantiles(values, n=100)
    return {"p50_ms": round(cut[49] * 1000, 1), "p99_ms": round(cut[98] * 1000, 1)}
done = [r for r in rows if r[1] and r[2]]
print(json.dumps({
    "queued": q([(s - c).total_seconds() for c, s, f in done]),
    "executing": q([(f - s).total_seconds() for c, s, f in done]),
}))
"""


class Recorder:
    """The webhook receiver: when each alert's token first arrived."""

    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}
        self.count = 0
        self.lock = threading.Lock()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            # Keep-alive, as the vendors' endpoints (Slack, PagerDuty, …) answer: the
            # workers' shared HTTP clients reuse their connections. TCP_NODELAY, as web
            # servers set it: otherwise the body, written after the headers, waits for
            # the client's delayed ACK (40 ms on Linux) on a kept-alive connection.
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                now = time.monotonic()
                text = body.decode("utf-8", "replace")
                with recorder.lock:
                    recorder.count += 1
                    for token in _tokens(text):
                        recorder.arrivals.setdefault(token, now)
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"


def _tokens(text: str) -> list[str]:
    found, start = [], 0
    while (start := text.find("bench-", start)) != -1:
        found.append(text[start : start + 26])
        start += 6
    return found


def _env(args, home: Path) -> dict:
    env = dict(os.environ)
    url = f"postgres://postgres@127.0.0.1:5432/{args.pg_database}" if args.db == "postgres" else ""
    env.update(
        {
            "VIGIL_HOME": str(home),
            "DJANGO_SETTINGS_MODULE": "vigil.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "VIGIL_ENCRYPTION_KEYS": _fernet_key(),
            "DATABASE_URL": url or f"sqlite:///{home / 'bench.sqlite3'}",
            "SSRF_ALLOWED_HOSTS": "127.0.0.1",
            "RATE_LIMIT_ENABLED": "0",
            "LOG_LEVEL": "WARNING",
            "ORCHESTRATION_HEALTH_CHECK_INTERVAL": "0",
            "ORCHESTRATION_POLL_MS": str(args.poll_ms),
        }
    )
    if args.reuse_seconds is not None:
        env["CHECKER_REUSE_SECONDS"] = env["INTELLIGENCE_REUSE_SECONDS"] = str(args.reuse_seconds)
    env.pop("CELERY_BROKER_URL", None)
    return env


def _fernet_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def _vigil(env, *argv, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vigil.cli", *argv],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        **kwargs,
    )


def _die_with_parent() -> None:
    # Linux: SIGTERM when the benchmark dies, even killed, so that no `vigil serve` is
    # left on the port to answer the next benchmark's requests.
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _start(env, *argv) -> subprocess.Popen:
    log = open(Path(env["VIGIL_HOME"]) / f"{argv[0]}-{time.monotonic_ns()}.log", "ab")  # noqa: SIM115
    return subprocess.Popen(
        [sys.executable, "-m", "vigil.cli", *argv],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )


def _wait_healthy(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"vigil serve exited with {server.returncode}; see its log")
        try:
            conn = HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("vigil serve did not become healthy in 60 s")


def _reset_postgres(name: str) -> None:
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"--pg-database {name!r}: letters, digits and _ only")
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def _post(port: int, key: str, token: str) -> float:
    body = json.dumps(
        {
            "name": token,
            "status": "firing",
            "severity": "critical",
            "fingerprint": token,
            "labels": {"host": "127.0.0.1", "bench": "1"},
            "description": f"benchmark alert {token}",
        }
    )
    conn = HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        "POST",
        "/alerts/webhook/generic/",
        body=body,
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )
    response = conn.getresponse()
    response.read()
    accepted = time.monotonic()
    conn.close()
    if response.status != 202:
        raise RuntimeError(f"webhook answered {response.status}")
    return accepted


def _wait(recorder: Recorder, tokens: list[str], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with recorder.lock:
            if all(token in recorder.arrivals for token in tokens):
                return True
        time.sleep(0.05)
    return False


def _tokens_for(phase: str, n: int) -> list[str]:
    nonce = uuid.uuid4().hex[:6]
    return [f"bench-{phase}{nonce}{i:013d}" for i in range(n)]  # 26 characters


def _cpu_seconds(processes) -> float:
    total = 0.0
    for process in processes:
        times = psutil.Process(process.pid).cpu_times()
        total += times.user + times.system
    return total


def throughput(args, recorder, port, key, workers) -> dict:
    tokens = _tokens_for("t", args.alerts)
    for worker in workers:
        worker.send_signal(signal.SIGSTOP)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda t: _post(port, key, t), tokens))
    started = time.monotonic()
    worker_cpu, machine = _cpu_seconds(workers), psutil.cpu_times()
    for worker in workers:
        worker.send_signal(signal.SIGCONT)
    done = _wait(recorder, tokens, args.timeout)
    worker_cpu = _cpu_seconds(workers) - worker_cpu
    after = psutil.cpu_times()
    busy = sum(after) - after.idle - (sum(machine) - machine.idle)
    with recorder.lock:
        arrived = [recorder.arrivals[t] for t in tokens if t in recorder.arrivals]
    elapsed = (max(arrived) - started) if arrived else float("nan")
    return {
        "alerts": args.alerts,
        "notified": len(arrived),
        "complete": done,
        "seconds": round(elapsed, 2),
        "runs_per_second": round(len(arrived) / elapsed, 1) if arrived else 0,
        # Where the time goes: the workers' own CPU per run, and how busy the whole
        # machine was (every process, this benchmark's and anyone else's).
        "worker_cpu_ms_per_run": round(1000 * worker_cpu / max(len(arrived), 1), 1),
        "machine_cpu_busy_percent": round(100 * busy / (sum(after) - sum(machine)), 1),
    }


def latency(args, recorder, port, key) -> dict:
    tokens = _tokens_for("l", args.latency_alerts)
    accepted: dict[str, float] = {}
    start = time.monotonic() + 0.5

    def offer(index_token):
        index, token = index_token
        delay = start + index / args.rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        accepted[token] = _post(port, key, token)

    with ThreadPoolExecutor(32) as pool:
        list(pool.map(offer, enumerate(tokens)))
    done = _wait(recorder, tokens, args.timeout)
    with recorder.lock:
        latencies = sorted(
            recorder.arrivals[t] - accepted[t] for t in tokens if t in recorder.arrivals
        )
    if not latencies:
        return {"complete": False}
    q = statistics.quantiles(latencies, n=100)
    return {
        "offered_per_second": args.rate,
        "alerts": len(tokens),
        "notified": len(latencies),
        "complete": done,
        "p50_ms": round(q[49] * 1000, 1),
        "p99_ms": round(q[98] * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1),
    }


def prepare(args, prefix: str) -> tuple[Path, dict, Recorder, str]:
    """A fresh database with the lane pointed at a new recording webhook server: the
    benchmark's home directory, environment, recorder and API key."""
    home = Path(tempfile.mkdtemp(prefix=prefix))
    env = _env(args, home)
    if args.db == "postgres":
        _reset_postgres(args.pg_database)
    _vigil(env, "migrate", "--noinput")
    recorder = Recorder()
    stages = json.dumps(args.stages.split(","))
    key = _vigil(env, "shell", "-c", SETUP % {"url": recorder.url, "stages": stages}).stdout
    return home, env, recorder, key.strip().splitlines()[-1]


def _split(env, n: int) -> dict:
    out = _vigil(env, "shell", "-c", SPLIT % {"n": n}).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    add_pg_database(parser)
    parser.add_argument("--workers", type=int, default=2, help="vigil worker processes")
    parser.add_argument("--concurrency", type=int, default=4, help="threads per worker process")
    parser.add_argument(
        "--batch-size", type=int, default=None, help="worker --batch-size (default: the product's)"
    )
    parser.add_argument("--alerts", type=int, default=1000, help="alerts in the throughput phase")
    parser.add_argument("--latency-alerts", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=100, help="offered alerts/s (latency)")
    parser.add_argument("--stages", default="check,analyze,notify", help="default lane stages")
    parser.add_argument("--poll-ms", type=int, default=200, help="ORCHESTRATION_POLL_MS")
    parser.add_argument(
        "--reuse-seconds",
        type=int,
        default=None,
        help="CHECKER_REUSE_SECONDS and INTELLIGENCE_REUSE_SECONDS (default: the product's)",
    )
    parser.add_argument("--port", type=int, default=18710, help="vigil serve port")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()

    home, env, recorder, key = prepare(args, "vigil-bench-")
    server = _start(env, "serve", "--no-worker", "--port", str(args.port), "--workers", "2")
    batch = ["--batch-size", str(args.batch_size)] if args.batch_size else []
    workers = [
        _start(env, "worker", "--concurrency", str(args.concurrency), *batch)
        for _ in range(args.workers)
    ]
    try:
        _wait_healthy(args.port, server)
        print(f"logs in {home}", file=sys.stderr)
        time.sleep(2)  # let the workers finish starting
        result = {
            "db": args.db,
            "workers": args.workers,
            "concurrency": args.concurrency,
            "batch_size": args.batch_size,
            "stages": args.stages,
            "reuse_seconds": args.reuse_seconds,
            "throughput": throughput(args, recorder, args.port, key, workers),
            "latency": latency(args, recorder, args.port, key),
            "latency_split": _split(env, args.latency_alerts),
            "webhook_requests": recorder.count,
            "load_average": os.getloadavg(),
        }
        print(json.dumps(result, indent=2))
    finally:
        for process in [*workers, server]:
            process.send_signal(signal.SIGCONT)
            process.terminate()
        for process in [*workers, server]:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
