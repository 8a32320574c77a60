"""Wall time of the default check_health suite: median of 5 runs must be <= 0.5 s.

    DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/python bench/check_health.py [--runs 5] [CHECKER ...]

Each run gets a fresh probe, so cpu and diskio take their own sample window instead
of reusing the previous run's sample (which a long-running scheduler would do).
Results are not saved: this measures the checks, not the database.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from vigil.checkers import services  # noqa: E402
from vigil.checkers.checkers.base import CheckOptions  # noqa: E402
from vigil.checkers.probe import Probe  # noqa: E402

LIMIT_SECONDS = 0.5


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("names", nargs="*", help="checkers to time instead of the default suite")
    args = parser.parse_args()
    suite = args.names or services.default_suite()
    timings, slowest = [], {}
    for _ in range(args.runs):
        started = time.perf_counter()
        results = services.run_checks(suite, options=CheckOptions(probe=Probe()), save=False)
        timings.append(time.perf_counter() - started)
        for result in results:
            slowest[result.check] = max(slowest.get(result.check, 0.0), result.duration_ms)
    median = statistics.median(timings)
    label = "checkers" if args.names else "default suite"
    print(f"{label} ({len(suite)}): {', '.join(suite)}")
    print(
        f"cpus={os.cpu_count()} loadavg={' '.join(Path('/proc/loadavg').read_text().split()[:3])}"
    )
    print("runs (s): " + " ".join(f"{value:.3f}" for value in timings))
    print(
        f"median {median:.3f} s, min {min(timings):.3f} s, max {max(timings):.3f} s (limit {LIMIT_SECONDS} s)"
    )
    top = sorted(slowest.items(), key=lambda item: item[1], reverse=True)[:4]
    print("slowest checkers (worst run, ms): " + ", ".join(f"{name} {ms:.0f}" for name, ms in top))
    return 0 if median <= LIMIT_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
