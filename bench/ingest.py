"""Ingest benchmark: `vigil serve` (2 workers) under wrk, against a bare reference view.

The server runs with --no-worker unless --embedded-worker: this measures the front door,
not the pipeline runs every accepted alert creates (bench/pipeline.py measures those).

    .venv/bin/python bench/ingest.py --db sqlite --db postgres            # the matrix
    .venv/bin/python bench/ingest.py --db postgres --history-only          # 10 vs 10,000
    options: --duration 20 --concurrency 16 --concurrency 64 --rounds 1 --port 18310
             --embedded-worker
             --pg-url postgres://postgres@127.0.0.1:5432/alerts (dropped and re-created)

Prints one line per case and a table: requests/s, alerts/s, p50/p99, CPU per request
(server processes + PostgreSQL backends, wrk excluded: steadier than throughput on a
shared machine), errors, and the row-count proof (every accepted alert stored exactly
once: one Alert, one Incident, one PipelineRun each, whatever its status). Load comes
from wrk (`apt-get install wrk`), a separate process; the reference view
(bench/ingest_urls.py) parses the same Alertmanager body and INSERTs one row, behind
the same middleware.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA = ROOT / "bench" / "ingest.lua"
PYTHON = sys.executable


def run_wrk(url: str, *, key: str, alerts: int, concurrency: int, duration: int, label: str):
    env = {**os.environ, "BENCH_ALERTS": str(alerts), "BENCH_KEY": key, "BENCH_RUN": label}
    cmd = [
        "wrk", "-t2", f"-c{concurrency}", f"-d{duration}s", "--latency", "--timeout", "10s",
        "-s", str(LUA), url,
    ]  # fmt: skip
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"wrk failed: {done.stdout}{done.stderr}")
    line = next(item for item in done.stdout.splitlines() if item.startswith("BENCH "))
    stats = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", line)}
    stats["rps"] = stats["requests"] / (stats["duration_us"] / 1e6)
    return stats


def cpu_seconds(pgrp: int, database: str | None) -> float:
    """CPU time so far of the server's processes (its process group) and of the
    PostgreSQL backends connected to `database`: the machine's cost of the requests,
    steadier than requests/s on a shared machine."""
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        ours = int(fields[2]) == pgrp
        backend = (
            database is not None
            and cmdline.startswith("postgres: ")
            and (f" {database} " in cmdline)
        )
        if ours or backend:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def counts(env: dict) -> dict:
    out = subprocess.run(
        [PYTHON, __file__, "--counts"], env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def settled_counts(env: dict) -> dict:
    """Counts once the server has finished what wrk left in flight (two equal reads)."""
    previous = counts(env)
    while True:
        time.sleep(1)
        current = counts(env)
        if current == previous:
            return current
        previous = current


def wait_ready(base: str, proc) -> None:
    for _ in range(100):
        if proc.poll() is not None:
            raise SystemExit("vigil serve exited; see its log")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("vigil serve did not answer /healthz")


def prepare(env: dict, history: int) -> str:
    out = subprocess.run(
        [PYTHON, __file__, "--prepare", str(history)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.strip().splitlines()[-1]


def bench_db(db: str, args, history: int, cases: list[tuple[str, int, int]]) -> list[dict]:
    home = Path(tempfile.mkdtemp(prefix=f"vigil-bench-{db}-"))
    url = args.pg_url if db == "postgres" else f"sqlite:///{home / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "VIGIL_HOME": str(home),
        "DJANGO_SETTINGS_MODULE": "bench.ingest_settings",
        "DJANGO_SECRET_KEY": "bench-" + "x9!" * 20,
        "DATABASE_URL": url,
        "RATE_LIMIT_ENABLED": "0",
        # Connections kept for the whole bench: the CPU of a PostgreSQL backend that
        # exits (recycled after DATABASE_CONN_MAX_AGE) would vanish from the accounting.
        "DATABASE_CONN_MAX_AGE": "3600",
        "LOG_LEVEL": args.log_level,
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    key = prepare(env, history)
    database = args.pg_url.rsplit("/", 1)[1] if db == "postgres" else None
    base = f"http://127.0.0.1:{args.port}"
    log = open(home / "serve.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "vigil.cli",
            "serve",
            "--workers",
            "2",
            "--port",
            str(args.port),
            *([] if args.embedded_worker else ["--no-worker"]),
        ],  # fmt: skip
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    rows = []
    try:
        wait_ready(base, proc)
        # Warm both workers (imports, connections) before measuring.
        run_wrk(f"{base}/alerts/webhook/alertmanager/", key=key, alerts=1, concurrency=4,
                duration=2, label="warmup")  # fmt: skip
        # With --rounds N, each case runs N slices of duration/N, the cases taking turns,
        # so that a machine slowing down or speeding up weighs on every case alike.
        slices: dict[tuple, list[dict]] = {case: [] for case in cases}
        for round_ in range(args.rounds):
            for name, alerts, concurrency in cases:
                before = settled_counts(env)
                path = (
                    "/alerts/_reference/"
                    if name == "reference"
                    else "/alerts/webhook/alertmanager/"
                )
                label = f"{db}-{name}-{alerts}-{concurrency}-{history}-{round_}"
                cpu_before = cpu_seconds(proc.pid, database)
                stats = run_wrk(base + path, key=key, alerts=alerts, concurrency=concurrency,
                                duration=max(1, args.duration // args.rounds), label=label)  # fmt: skip
                stats["cpu_s"] = cpu_seconds(proc.pid, database) - cpu_before
                after = settled_counts(env)
                stats.update(
                    {k: after[k] - before[k] for k in after if k != "duplicate_identities"}
                )
                stats["duplicate_identities"] = after["duplicate_identities"]
                slices[(name, alerts, concurrency)].append(stats)
        for (name, alerts, concurrency), parts in slices.items():
            row = {"db": db, "case": name, "alerts": alerts, "c": concurrency,
                   "history": history, **_combine(parts), "rounds": len(parts)}  # fmt: skip
            row["proof"] = _proof(row)
            print(json.dumps(row), flush=True)
            rows.append(row)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
        log.close()
        shutil.rmtree(home, ignore_errors=True)
    return rows


def _combine(parts: list[dict]) -> dict:
    """One case's slices as one row: counts add up; p50 and p99 are the slices' values
    weighted by their requests (exact with one slice)."""
    summed = ("accepted", "failed", "requests", "duration_us", "errors", "cpu_s",
              "alerts_rows", "incidents", "runs", "reference")  # fmt: skip
    row = {key: sum(part[key] for part in parts) for key in summed}
    weight = max(1, row["requests"])
    for key in ("p50_us", "p99_us"):
        row[key] = sum(part[key] * part["requests"] for part in parts) / weight
    row["duplicate_identities"] = parts[-1]["duplicate_identities"]
    row["rps"] = row["requests"] / (row["duration_us"] / 1e6)
    row["cpu_ms"] = row.pop("cpu_s") * 1000 / weight
    return row


def _proof(row: dict) -> str:
    """Stored rows against accepted responses (requests in flight at cut-off may add
    at most one request per connection)."""
    if row["case"] == "reference":
        stored, expected = row["reference"], row["accepted"]
        return "ok" if expected <= stored <= expected + row["c"] * row["rounds"] else "MISMATCH"
    expected = row["accepted"] * row["alerts"]
    stored = row["alerts_rows"]
    in_flight = row["c"] * row["alerts"] * row["rounds"]
    same = row["alerts_rows"] == row["incidents"] == row["runs"]
    ok = expected <= stored <= expected + in_flight and same and not row["duplicate_identities"]
    return "ok" if ok and row["failed"] == 0 and row["errors"] == 0 else "MISMATCH"


def print_table(rows: list[dict]) -> None:
    print()
    print("| db | case | alerts/req | conc | history | req/s | alerts/s | p50 ms | p99 ms "
          "| cpu ms/req | non-202 | socket errors | accepted | stored alerts | proof |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        stored = r["reference"] if r["case"] == "reference" else r["alerts_rows"]
        print(
            f"| {r['db']} | {r['case']} | {r['alerts']} | {r['c']} | {r['history']} "
            f"| {r['rps']:.0f} | {r['rps'] * r['alerts']:.0f} | {r['p50_us'] / 1000:.1f} "
            f"| {r['p99_us'] / 1000:.1f} | {r['cpu_ms']:.2f} | {r['failed']} | {r['errors']} "
            f"| {r['accepted']} "
            f"| {stored} | {r['proof']} |"
        )


# --- in-process helpers, run in a subprocess with the bench's environment -------------


def _django():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _prepare(history: int) -> None:
    _django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        connection.close()
        _recreate_postgres(settings.DATABASES["default"])
    call_command("migrate", verbosity=0, interactive=False)
    serial = "BIGSERIAL" if connection.vendor == "postgresql" else "INTEGER"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS bench_reference (id {serial} PRIMARY KEY, "
            "fingerprint VARCHAR(255) NOT NULL, payload TEXT NOT NULL, "
            "received_at TIMESTAMP WITH TIME ZONE NOT NULL)"
        )
    _seed(history)
    from vigil.core.services import create_api_key

    print(create_api_key("bench").raw)


def _recreate_postgres(db: dict) -> None:
    import psycopg

    admin = psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname="postgres",
        password=db["PASSWORD"] or None, autocommit=True,
    )  # fmt: skip
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{db["NAME"]}"')


def _seed(history: int) -> None:
    """`history` open incidents, each with one firing alert, as ingest would leave them."""
    from vigil.alerts.models import Alert, Incident

    for start in range(0, history, 2000):
        batch = range(start, min(history, start + 2000))
        incidents = Incident.objects.bulk_create(
            Incident(title="seeded", severity="warning", source="alertmanager",
                     group_key=f"alertmanager:seed-{i}") for i in batch
        )  # fmt: skip
        Alert.objects.bulk_create(
            Alert(source="alertmanager", fingerprint=f"seed-{i}", incident=incident,
                  name="seeded", status="firing", severity="warning")
            for i, incident in zip(batch, incidents, strict=True)
        )  # fmt: skip


def _counts() -> None:
    _django()
    from django.db import connection
    from django.db.models import Count

    from vigil.alerts.models import Alert, Incident
    from vigil.orchestration.models import PipelineRun

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_reference")
        reference = cursor.fetchone()[0]
    duplicates = (
        Alert.objects.values("source", "fingerprint").annotate(n=Count("id")).filter(n__gt=1)
    )
    print(
        json.dumps(
            {
                "alerts_rows": Alert.objects.count(),
                "incidents": Incident.objects.count(),
                "runs": PipelineRun.objects.count(),
                "reference": reference,
                "duplicate_identities": duplicates.count(),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", choices=["sqlite", "postgres"])
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--concurrency", type=int, action="append")
    parser.add_argument("--rounds", type=int, default=1,
                        help="split each case into this many slices, the cases taking turns "
                        "(steadier ratios on a machine whose speed drifts)")  # fmt: skip
    parser.add_argument("--port", type=int, default=18310)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/alerts")
    parser.add_argument("--log-level", default="INFO")
    parser.add_argument("--embedded-worker", action="store_true",
                        help="let the server also execute the pipeline runs ingest creates "
                        "(default: --no-worker, the front door alone)")  # fmt: skip
    parser.add_argument("--history-only", action="store_true",
                        help="only the 10 vs 10,000 open incidents comparison (PostgreSQL)")  # fmt: skip
    parser.add_argument("--prepare", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--counts", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare is not None:
        return _prepare(args.prepare)
    if args.counts:
        return _counts()
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install -y wrk")
    concurrency = args.concurrency or [16, 64]
    rows = []
    if args.history_only:
        for history in (10, 10_000):
            rows += bench_db("postgres", args, history, [("ingest", 1, 16)])
    else:
        cases = [("reference", 1, c) for c in concurrency]
        cases += [("ingest", n, c) for n in (1, 10) for c in concurrency]
        for db in args.db or ["sqlite", "postgres"]:
            rows += bench_db(db, args, 0, cases)
    print_table(rows)


if __name__ == "__main__":
    main()
