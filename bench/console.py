"""The console's API under load: the incident list with every filter the page offers.

    python bench/console.py --db-url postgres://postgres@127.0.0.1:5432/vigil_bench

Fills the database with --incidents incidents (default 100,000), ten alerts each
(1,000,000) and one run per incident on one of five lanes, unless it holds that many
already; starts `vigil serve --no-worker` on 127.0.0.1; signs a viewer in through
/auth/token/ and has wrk (`apt-get install wrk`; bench/console.lua adds the token) hold
--clients connections (16) on GET /alerts/incidents/ with each filter for --seconds,
printing p50/p95/p99 per filter against the 30 ms p95 goal and the CPU the server and
its PostgreSQL backends spent per request, then the PostgreSQL plan of each filter's
query (EXPLAIN ANALYZE) to show the indexes used.
With --browser, bench/console_browser.py then measures the console itself in headless
Chromium: the initial route's gzipped JS + CSS, the first rows after navigation and a
new webhook's way into an open list (needs the worker-less server to accept webhooks:
a responder key is created for it).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

import psutil
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import console_browser
from pipeline import _env, _start, _vigil, _wait_healthy  # the benchmark's own helpers

GOAL_P95_MS = 30.0
LUA = Path(__file__).resolve().parent / "console.lua"
LANES = ("default", "db", "web", "network", "batch")
PASSWORD = "bench-password-" + "x" * 12

SEED = """
TRUNCATE alerts_alerthistory, alerts_alert, orchestration_stageexecution,
         orchestration_pipelinerun, alerts_incident RESTART IDENTITY CASCADE;
INSERT INTO alerts_incident (title, status, severity, source, group_key, environment, labels,
    flapping, opened_at, updated_at, acknowledged_by, resolved_by, closed_by,
    resolution_note, flap_transitions, assignee, acknowledged_at, resolved_at)
SELECT (ARRAY['Disk full on ', 'CPU high on ', 'Memory pressure on ', 'Backup failed on ',
              'Certificate expiring on ', 'Replication lag on '])[1 + n %% 6]
         || (ARRAY['db-', 'web-', 'cache-', 'batch-'])[1 + n %% 4] || (n %% 1000),
       CASE WHEN n %% 50 = 0 THEN 'open' WHEN n %% 50 = 1 THEN 'acknowledged'
            WHEN n %% 5 = 0 THEN 'resolved' ELSE 'closed' END,
       (ARRAY['critical', 'warning', 'warning', 'info'])[1 + n %% 4],
       (ARRAY['alertmanager', 'alertmanager', 'alertmanager', 'grafana', 'grafana',
              'datadog', 'pagerduty', 'zabbix', 'newrelic', 'generic'])[1 + n %% 10],
       'g' || n, (ARRAY['prod', 'prod', 'staging'])[1 + n %% 3],
       jsonb_build_object('host', (ARRAY['db-', 'web-', 'cache-', 'batch-'])[1 + n %% 4]
                          || (n %% 1000), 'team', 'team-' || (n %% 10)),
       false, now() - make_interval(secs => n * 77.0), now() - make_interval(secs => n * 77.0 - 60),
       '', '', '', '', 0, CASE WHEN n %% 7 = 0 THEN 'user-' || (n %% 20) ELSE '' END,
       CASE WHEN n %% 50 <> 0 THEN now() - make_interval(secs => n * 77.0 - 120) END,
       CASE WHEN n %% 50 > 1 THEN now() - make_interval(secs => n * 77.0 - 900) END
FROM generate_series(1, %(incidents)s) AS n;
INSERT INTO alerts_alert (source, fingerprint, incident_id, name, status, severity, severity_raw,
    labels, annotations, description, first_seen_at, last_seen_at, duplicate_count)
SELECT i.source, 'fp-' || i.id || '-' || k, i.id, i.title || ' #' || k,
       CASE WHEN i.status IN ('open', 'acknowledged') THEN 'firing' ELSE 'resolved' END,
       i.severity, '', i.labels, '{}'::jsonb, '', i.opened_at, i.updated_at, 0
FROM alerts_incident i CROSS JOIN generate_series(1, %(alerts_per)s) AS k;
INSERT INTO orchestration_pipelinerun (run_id, trace_id, status, current_stage, incident_id,
    origin, definition_name, attempts, attempts_at_resume, claimed_by, last_error_type,
    last_error_message, options, created_at, updated_at)
SELECT gen_random_uuid(), 't' || i.id, 'notified', '', i.id, 'webhook',
       (ARRAY['default', 'db', 'web', 'network', 'batch'])[1 + i.id %% 5], 1, 0, '', '', '',
       '{}'::jsonb, i.opened_at, i.updated_at
FROM alerts_incident i;
"""
# Outside a transaction: a bulk load leaves GIN indexes a long pending list to read.
VACUUM = ("VACUUM ANALYZE alerts_incident", "VACUUM ANALYZE alerts_alert",
          "VACUUM ANALYZE orchestration_pipelinerun")  # fmt: skip

USER = """
from django.contrib.auth import get_user_model
from vigil.accounts.roles import set_user_role
user, _ = get_user_model().objects.get_or_create(username="bench")
user.set_password("%s"); user.save(); set_user_role(user, "viewer")
"""


def _filters() -> dict[str, dict]:
    week = (datetime.now(UTC) - timedelta(days=7)).isoformat()
    return {
        "none": {},
        "status=open": {"status": "open"},
        "status=open+acknowledged": {"status": ["open", "acknowledged"]},
        "severity=critical": {"severity": "critical"},
        "source=pagerduty": {"source": "pagerduty"},
        "lane=db": {"lane": "db"},
        "label=host:db-120": {"label": "host:db-120"},
        "q=replication": {"q": "replication"},
        "opened_after=7d": {"opened_after": week},
        "assignee=user-7": {"assignee": "user-7"},
        "status+severity+label": {
            "status": "open",
            "severity": "critical",
            "label": "team:team-0",
        },  # fmt: skip
        "sort=-updated_at": {"sort": "-updated_at"},
        "sort=opened_at": {"sort": "opened_at"},
    }


def _seed(db_url: str, incidents: int) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        have = conn.execute("SELECT count(*) FROM alerts_incident").fetchone()[0]
        alerts = conn.execute("SELECT count(*) FROM alerts_alert").fetchone()[0]
        if have == incidents and alerts == incidents * 10:
            print(f"database already holds {have} incidents and {alerts} alerts")
            return
        started = time.monotonic()
        conn.execute(SEED % {"incidents": incidents, "alerts_per": 10})
        for statement in VACUUM:
            conn.execute(statement)
        print(f"seeded {incidents} incidents, {incidents * 10} alerts, {incidents} runs "
              f"in {time.monotonic() - started:.0f} s")  # fmt: skip


def _request(conn: HTTPConnection, path: str, token: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    response = conn.getresponse()
    return response.status, response.read()


def _cpu_seconds(server: int, database: str) -> dict[int, float]:
    """CPU so far, per process, of `vigil serve` (its process tree) and of the PostgreSQL
    backends on the bench's database: the machine's cost of the requests, which a shared
    machine moves much less than it moves latency."""
    try:
        tree = [psutil.Process(server), *psutil.Process(server).children(recursive=True)]
    except psutil.NoSuchProcess:
        tree = []
    backends = [
        proc for proc in psutil.process_iter(["cmdline"])
        if (proc.info["cmdline"] or [""])[0].startswith("postgres: ")
        and f" {database} " in " ".join(proc.info["cmdline"])
    ]  # fmt: skip
    spent = {}
    for proc in tree + backends:
        try:
            times = proc.cpu_times()
        except psutil.Error:
            continue
        spent[proc.pid] = times.user + times.system
    return spent


def _load(base: str, token: str, path: str, clients: int, seconds: int, cpu) -> dict:
    """wrk (C, one thread) holds `clients` keep-alive connections busy for `seconds`:
    a Python load client took a core's worth of CPU from the server it measured."""
    command = ["wrk", "-t1", f"-c{clients}", f"-d{seconds}s", "--latency", "--timeout", "10s",
               "-s", str(LUA), base + path]  # fmt: skip
    before = cpu()
    done = subprocess.run(command, env={**os.environ, "BENCH_TOKEN": token},
                          capture_output=True, text=True, check=False)  # fmt: skip
    # A process that ended meanwhile (a recycled backend) takes its share with it.
    spent = sum(now - before.get(pid, 0.0) for pid, now in cpu().items())
    line = next((row for row in done.stdout.splitlines() if row.startswith("BENCH ")), None)
    if done.returncode or line is None:
        raise SystemExit(f"wrk failed: {done.stdout}{done.stderr}")
    stats = {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", line)}
    requests = max(stats["requests"], 1)
    return {
        "p50": stats["p50_us"] / 1000, "p95": stats["p95_us"] / 1000,
        "p99": stats["p99_us"] / 1000, "rps": requests / (stats["duration_us"] / 1e6),
        "cpu_ms": spent * 1000 / requests, "failed": stats["failed"] + stats["errors"],
    }  # fmt: skip


def _explain(env: dict, filters: dict[str, dict]) -> None:
    os.environ.update({k: v for k, v in env.items() if k not in ("VIGIL_HOME",)})
    import django

    django.setup()
    from vigil.alerts import listing
    from vigil.alerts.schemas import IncidentListQuery

    for name, params in filters.items():
        lists = ("status", "severity", "label")
        query = IncidentListQuery(**{
            key: [value] if key in lists and isinstance(value, str) else value
            for key, value in params.items()
        })  # fmt: skip
        column, descending = listing.SORTS[query.sort]
        rows = listing.apply(listing.Incident.objects.all(), query.filters())
        order = [f"-{column}", "-pk"] if descending else [column, "pk"]
        plan = rows.order_by(*order)[:51].explain(analyze=True)
        print(f"\n-- {name}")
        for line in plan.splitlines():
            if any(word in line for word in ("Scan", "Execution Time", "Sort", "Join")):
                print("   " + line.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db-url", required=True, help="a PostgreSQL database to fill")
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=16, help="wrk's connections")
    parser.add_argument("--seconds", type=int, default=5, help="wrk's run per filter")
    parser.add_argument("--port", type=int, default=18410)
    parser.add_argument("--workers", type=int, default=2, help="vigil serve --workers")
    parser.add_argument("--threads", type=int, default=8, help="vigil serve --threads")
    parser.add_argument("--explain-only", action="store_true", help="print the plans only")
    parser.add_argument("--browser", action="store_true", help="also the console in Chromium")
    args = parser.parse_args()
    if not args.explain_only and not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install -y wrk")

    home = Path(tempfile.mkdtemp(prefix="vigil-console-bench-"))
    args.db, args.reuse_seconds, args.poll_ms, args.pg_database = "postgres", None, 200, ""
    env = _env(args, home)
    env["DATABASE_URL"] = args.db_url
    env["VIGIL_JWT_KEYS"] = "bench-jwt-key-" + "k" * 40
    _vigil(env, "migrate", "--noinput")
    _seed(args.db_url, args.incidents)
    if args.explain_only:
        _explain(env, _filters())
        return
    _vigil(env, "shell", "-c", USER % PASSWORD)
    server = _start(env, "serve", "--no-worker", "--host", "127.0.0.1", "--port", str(args.port),
                    "--workers", str(args.workers), "--threads", str(args.threads))  # fmt: skip
    base = f"http://127.0.0.1:{args.port}"
    database = args.db_url.rsplit("/", 1)[-1]
    try:
        _wait_healthy(args.port, server)
        conn = HTTPConnection("127.0.0.1", args.port, timeout=30)
        body = json.dumps({"username": "bench", "password": PASSWORD})
        conn.request("POST", "/auth/token/", body, {"Content-Type": "application/json"})
        token = json.loads(conn.getresponse().read())["access"]
        filters = _filters()
        print(
            f"\nGET /alerts/incidents/ (limit 50) under wrk -t1 -c{args.clients} for "
            f"{args.seconds} s per filter; vigil serve --workers {args.workers} --threads "
            f"{args.threads}; goal p95 <= {GOAL_P95_MS} ms; load average {_load_average()}"
        )
        print(f"{'filter':<28}{'rows':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>8}"
              f"{'CPU ms/req':>12}")  # fmt: skip
        paths = {}
        for name, params in filters.items():
            paths[name] = "/alerts/incidents/?" + urlencode(params, doseq=True)
        cursor_path = "/alerts/incidents/?" + urlencode({"limit": 50})
        for _ in range(20):  # page 21: keyset pages cost what the first one does
            page = json.loads(_request(conn, cursor_path, token)[1])
            cursor_path = "/alerts/incidents/?" + urlencode({"cursor": page["next_cursor"]})
        paths["page 21 (cursor)"] = cursor_path
        for name, path in paths.items():
            status, first = _request(conn, path, token)  # warm the plan and the cache
            rows = len(json.loads(first)["items"]) if status == 200 else f"HTTP {status}"
            figures = _load(base, token, path, args.clients, args.seconds,
                            lambda: _cpu_seconds(server.pid, database))  # fmt: skip
            flag = "" if figures["p95"] <= GOAL_P95_MS else "  > goal"
            print(f"{name:<28}{rows:>6}{figures['p50']:>9.1f}{figures['p95']:>9.1f}"
                  f"{figures['p99']:>9.1f}{figures['rps']:>8.0f}{figures['cpu_ms']:>12.2f}"
                  f"{flag}")  # fmt: skip
            if figures["failed"]:
                print(f"   {figures['failed']} answers were not 200")
        print(f"load average after: {_load_average()}")
        if args.browser:
            key = _vigil(env, "create_api_key", "--name", f"bench-{time.time_ns()}",
                         "--role", "responder").stdout.strip()  # fmt: skip
            console_browser.report(base, "bench", PASSWORD, key)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print("\nPlans (EXPLAIN ANALYZE of each filter's page query):")
    _explain(env, filters)


def _load_average() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
