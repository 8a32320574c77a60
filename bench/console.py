"""The console's API under load: the incident list with every filter the page offers.

    python bench/console.py --db-url postgres://postgres@127.0.0.1:5432/vigil_bench

Fills the database with --incidents incidents (default 100,000), ten alerts each
(1,000,000) and one run per incident on one of five lanes, unless it holds that many
already; starts `vigil serve --no-worker` on 127.0.0.1; signs a viewer in through
/auth/token/ and has --clients clients (16) page through GET /alerts/incidents/ with
each filter, printing p50/p95/p99 per filter against the 30 ms p95 goal, then the
PostgreSQL plan of each filter's query (EXPLAIN ANALYZE) to show the indexes used.
With --browser, bench/console_browser.py then measures the console itself in headless
Chromium: the initial route's gzipped JS + CSS, the first rows after navigation and a
new webhook's way into an open list (needs the worker-less server to accept webhooks:
a responder key is created for it).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import console_browser
from pipeline import _env, _start, _vigil, _wait_healthy  # the benchmark's own helpers

GOAL_P95_MS = 30.0
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


def _load(port: int, token: str, path: str, clients: int, per_client: int) -> dict:
    latencies: list[float] = []
    failures = []
    lock = threading.Lock()

    def client() -> None:
        conn = HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for _ in range(per_client):
            started = time.perf_counter()
            status, body = _request(conn, path, token)
            mine.append((time.perf_counter() - started) * 1000)
            if status != 200:
                failures.append((status, body[:200]))
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    wall = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - wall
    cut = statistics.quantiles(latencies, n=100)
    return {"p50": cut[49], "p95": cut[94], "p99": cut[98], "rps": len(latencies) / wall,
            "failures": failures}  # fmt: skip


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
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=25, help="per client and filter")
    parser.add_argument("--port", type=int, default=18410)
    parser.add_argument("--threads", type=int, default=8, help="vigil serve --threads")
    parser.add_argument("--explain-only", action="store_true", help="print the plans only")
    parser.add_argument("--browser", action="store_true", help="also the console in Chromium")
    args = parser.parse_args()

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
    server = _start(env, "serve", "--no-worker", "--host", "127.0.0.1", "--port",
                    str(args.port), "--threads", str(args.threads))  # fmt: skip
    try:
        _wait_healthy(args.port, server)
        conn = HTTPConnection("127.0.0.1", args.port, timeout=30)
        body = json.dumps({"username": "bench", "password": PASSWORD})
        conn.request("POST", "/auth/token/", body, {"Content-Type": "application/json"})
        token = json.loads(conn.getresponse().read())["access"]
        filters = _filters()
        print(
            f"\nGET /alerts/incidents/ (limit 50), {args.clients} clients x {args.requests} "
            f"requests, vigil serve --threads {args.threads}; goal p95 <= {GOAL_P95_MS} ms"
        )
        print(f"{'filter':<28}{'rows':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>8}")
        for name, params in filters.items():
            path = "/alerts/incidents/?" + urlencode(params, doseq=True)
            status, first = _request(conn, path, token)  # warm the plan and the cache
            rows = len(json.loads(first)["items"]) if status == 200 else f"HTTP {status}"
            figures = _load(args.port, token, path, args.clients, args.requests)
            flag = "" if figures["p95"] <= GOAL_P95_MS else "  > goal"
            print(f"{name:<28}{rows:>6}{figures['p50']:>9.1f}{figures['p95']:>9.1f}"
                  f"{figures['p99']:>9.1f}{figures['rps']:>8.0f}{flag}")  # fmt: skip
            if figures["failures"]:
                print(f"   failures: {figures['failures'][:3]}")
        cursor_path = "/alerts/incidents/?" + urlencode({"limit": 50})
        for _ in range(20):  # page 21: keyset pages cost what the first one does
            page = json.loads(_request(conn, cursor_path, token)[1])
            cursor_path = "/alerts/incidents/?" + urlencode({"cursor": page["next_cursor"]})
        deep = _load(args.port, token, cursor_path, args.clients, args.requests)
        print(f"{'page 21 (cursor)':<28}{50:>6}{deep['p50']:>9.1f}{deep['p95']:>9.1f}"
              f"{deep['p99']:>9.1f}{deep['rps']:>8.0f}")  # fmt: skip
        if args.browser:
            key = _vigil(env, "create_api_key", "--name", f"bench-{time.time_ns()}",
                         "--role", "responder").stdout.strip()  # fmt: skip
            console_browser.report(f"http://127.0.0.1:{args.port}", "bench", PASSWORD, key)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print("\nPlans (EXPLAIN ANALYZE of each filter's page query):")
    _explain(env, filters)


if __name__ == "__main__":
    main()
