"""What one pipeline run costs: the worker's CPU and PostgreSQL's, per run.

    python bench/run_cost.py --runs 3000
    python bench/run_cost.py --runs 3000 --concurrency 1 --batch-size 16 --repeat 3

bench/pipeline.py measures the whole machine under load, where the worker, PostgreSQL,
`vigil serve` and the benchmark share two cores and a noisy neighbour moves runs/s by a
tenth. This measures the cost instead of the speed: --runs alerts are ingested while no
worker runs, then one `vigil worker --once` executes them alone, to a recording webhook
server on 127.0.0.1. Its CPU time and that of every PostgreSQL process (the worker's
backend, the WAL writer, …) are read before and after, and the same worker started with
nothing to do is subtracted, so what is left is per run. CPU time moves much less than
wall-clock time on a shared machine: compare changes with this, then confirm the speed
with bench/pipeline.py.
"""

import argparse
import json
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pipeline import (  # the benchmark's own helpers, not the product's
    _post,
    _start,
    _tokens_for,
    _wait,
    _wait_healthy,
    add_pg_database,
    prepare,
)


def _postgres_cpu(seen: dict[int, float]) -> None:
    """Each PostgreSQL process's CPU seconds so far, by pid, into `seen`: a backend's
    times are gone once it exits, so they are read while it lives."""
    for process in psutil.process_iter(["name", "cpu_times"]):
        times = process.info["cpu_times"]
        if times is not None and (process.info["name"] or "").startswith("postgres"):
            seen[process.pid] = times.user + times.system


def _worker(env, args) -> tuple[float, float, float]:
    """Run `vigil worker --once`; its CPU seconds, PostgreSQL's, and the wall time."""
    argv = [sys.executable, "-m", "vigil.cli", "worker", "--once", "--no-scheduler",
            "--concurrency", str(args.concurrency)]  # fmt: skip
    if args.batch_size:
        argv += ["--batch-size", str(args.batch_size)]
    before: dict[int, float] = {}
    _postgres_cpu(before)
    seen = dict(before)
    started = time.monotonic()
    process = psutil.Popen(argv, cwd=Path(__file__).resolve().parents[1], env=env)
    cpu = 0.0
    while process.poll() is None:  # its times are gone once it is reaped
        try:
            times = process.cpu_times()
            cpu = times.user + times.system
        except psutil.NoSuchProcess:
            break
        _postgres_cpu(seen)
        time.sleep(0.02)
    if process.returncode:
        raise SystemExit(f"vigil worker --once exited with {process.returncode}")
    _postgres_cpu(seen)
    postgres = sum(seen.values()) - sum(before.values())
    return cpu, postgres, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=2000, help="alerts ingested, one run each")
    parser.add_argument("--concurrency", type=int, default=4, help="worker threads")
    parser.add_argument(
        "--batch-size", type=int, default=None, help="worker --batch-size (default: the product's)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="measurements to take")
    parser.add_argument("--stages", default="check,analyze,notify", help="default lane stages")
    parser.add_argument("--port", type=int, default=18711, help="vigil serve port")
    add_pg_database(parser)
    args = parser.parse_args()
    # pipeline.prepare reads these; the latency phase's settings do not matter here.
    args.db, args.poll_ms, args.reuse_seconds = "postgres", 200, None

    home, env, recorder, key = prepare(args, "vigil-cost-")
    print(f"logs in {home}", file=sys.stderr)
    empty = [_worker(env, args)[:2] for _ in range(2)]  # startup and shutdown only
    base_worker = min(w for w, _ in empty)
    base_postgres = min(p for _, p in empty)
    results = []
    for _ in range(args.repeat):
        server = _start(env, "serve", "--no-worker", "--port", str(args.port), "--workers", "1")
        try:
            _wait_healthy(args.port, server)
            tokens = _tokens_for("c", args.runs)
            with ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda t: _post(args.port, key, t), tokens))
        finally:
            server.terminate()
            server.wait(30)
        time.sleep(1)  # let the checkpointer and autovacuum settle
        worker, postgres, seconds = _worker(env, args)
        if not _wait(recorder, tokens, 10):
            raise SystemExit("not every run was notified; see the logs")
        results.append(
            {
                "runs": args.runs,
                "seconds": round(seconds, 2),
                "worker_cpu_ms_per_run": round(1000 * (worker - base_worker) / args.runs, 3),
                "postgres_cpu_ms_per_run": round(1000 * (postgres - base_postgres) / args.runs, 3),
            }
        )
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    summary = {
        "concurrency": args.concurrency,
        "batch_size": args.batch_size,
        "stages": args.stages,
        "worker_startup_cpu_s": round(base_worker, 2),
        "rounds": results,
        "worker_cpu_ms_per_run_median": statistics.median(
            r["worker_cpu_ms_per_run"] for r in results
        ),
        "postgres_cpu_ms_per_run_median": statistics.median(
            r["postgres_cpu_ms_per_run"] for r in results
        ),
        "webhook_requests": recorder.count,
    }
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
