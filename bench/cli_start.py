"""How long `vigil` takes to start, beside a bare `python -c pass`, in one run.

    .venv/bin/python bench/cli_start.py [--runs 9]

Targets on a quiet machine: `vigil --version` and `vigil help` <= 0.4 s, a command that
touches the database (`vigil monitor_pipeline --json`) <= 0.7 s. A shared machine's
load makes absolute figures noisy: the ratios to `python -c pass`, taken in the same
run, are steadier, and CPU seconds (user + system) steadier still. Each command runs in a fresh home (VIGIL_HOME, SQLite, migrated
once before timing), from a directory that is not the checkout, as cron would.
Also prints how many modules each start imports (independent of load). To measure
another checkout's code with this virtualenv: PYTHONPATH=/path/to/checkout.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
CASES = [
    ("python -c pass", [sys.executable, "-c", "pass"], None),
    ("vigil --version", [str(BIN / "vigil"), "--version"], 0.4),
    ("vigil help", [str(BIN / "vigil"), "help"], 0.4),
    ("vigil monitor_pipeline --json", [str(BIN / "vigil"), "monitor_pipeline", "--json"], 0.7),
    ("vigil trace 1 (database)", [str(BIN / "vigil"), "trace", "1"], 0.7),
]


def timed(argv: list[str], env: dict, cwd: str) -> tuple[float, float]:
    """Wall seconds, and CPU seconds (user + system: steadier under a shared load)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def modules_imported(argv: list[str], env: dict, cwd: str) -> int:
    # The console script is `python -m vigil.cli`.
    rest = argv[1:] if argv[0] == sys.executable else ["-m", "vigil.cli", *argv[1:]]
    run = [sys.executable, "-X", "importtime", *rest]
    done = subprocess.run(run, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    return sum(1 for line in done.stderr.splitlines() if line.startswith("import time:")) - 1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="i16-cli-start-") as home:
        env = {
            **os.environ,
            "VIGIL_HOME": home,
            "DJANGO_SECRET_KEY": "bench-" + "k" * 50,
            "VIGIL_ENCRYPTION_KEYS": "R4-p2ZrEldbmRu1DCd3sivbIR0m1_rqTb54tY-8rzS4=",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        env.pop("DATABASE_URL", None)
        subprocess.run([str(BIN / "vigil"), "migrate", "-v0"], env=env, cwd=home, check=True)
        walls = {name: [] for name, _, _ in CASES}
        cpus = {name: [] for name, _, _ in CASES}
        for _ in range(args.runs):  # interleaved, so load affects every case alike
            for name, argv, _ in CASES:
                wall, cpu = timed(argv, env, home)
                walls[name].append(wall)
                cpus[name].append(cpu)
        base = statistics.median(walls["python -c pass"])
        base_cpu = statistics.median(cpus["python -c pass"])
        print(
            f"{'command':<32}{'min s':>7}{'median s':>9}{'× python':>9}{'cpu s':>7}"
            f"{'× python':>9}{'target':>7}{'modules':>8}"
        )
        for name, argv, target in CASES:
            median, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
            print(
                f"{name:<32}{min(walls[name]):>7.3f}{median:>9.3f}{median / base:>9.1f}"
                f"{cpu:>7.3f}{cpu / base_cpu:>9.1f}{(f'{target:.1f}' if target else '-'):>7}"
                f"{modules_imported(argv, env, home):>8}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
