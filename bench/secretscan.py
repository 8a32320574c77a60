"""Secret scanner speed: a full history scan next to `git log -p -U0 --all` alone.

    .venv/bin/python bench/secretscan.py --repo /path/to/mirror.git [--rounds 3] [--workers 0]
    .venv/bin/python bench/secretscan.py --generate-commits 6000     # no repository at hand

The two run alternately in the same session, `--rounds` times each, so load on a shared
machine hits both alike; prints every time, the medians and the ratio (goal: the scan
at >= 80 % of git log's speed). Then the distinct values the scan reported, grouped by
rule: on a real history the truth is unknown, so they are for a person to review.
Precision and recall are measured by bench/secretscan_eval.py.
"""

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from secretscan_history import FastImport, filler

from vigil.secretscan import sources
from vigil.secretscan.config import build_scanner


def git_log_alone(repo: Path) -> float:
    started = time.monotonic()
    subprocess.run(
        ["git", "-C", str(repo), "log", "-p", "-U0", "--all"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return time.monotonic() - started


def scan(repo: Path, workers: int):
    scanner = build_scanner(repo, use_project_config=False)
    stats = sources.ScanStats()
    findings = sources.scan_history(scanner, repo, all_refs=True, workers=workers, stats=stats)
    return stats, findings


def generate(root: Path, commits: int, seed: int) -> None:
    rng = random.Random(seed)
    files = {f"pkg/mod_{i}.py": [filler(rng) for _ in range(200)] for i in range(300)}
    repo = FastImport(root)
    repo.commit({p: ("\n".join(c) + "\n").encode() for p, c in files.items()}, "initial")
    for n in range(commits):
        touched = {}
        for _ in range(rng.randint(1, 5)):
            path = rng.choice(list(files))
            lines = files[path]
            start = rng.randrange(len(lines))
            lines[start : start + rng.randint(0, 8)] = [
                filler(rng) for _ in range(rng.randint(1, 30))
            ]
            touched[path] = ("\n".join(lines) + "\n").encode()
        repo.commit(touched, f"change {n}")
    repo.close()


def measure(repo: Path, rounds: int, workers: int) -> None:
    git_times, scan_times, stats, findings = [], [], None, []
    for n in range(rounds):
        git_times.append(git_log_alone(repo))
        stats, findings = scan(repo, workers)
        scan_times.append(stats.seconds)
        print(
            f"  round {n + 1}: git log -p -U0 --all {git_times[-1]:.1f} s, "
            f"scan {stats.seconds:.1f} s ({stats.bytes / 1e6:.0f} MB of patches, "
            f"{stats.commits} commits, {stats.mb_per_second:.1f} MB/s)"
        )
    git_median, scan_median = statistics.median(git_times), statistics.median(scan_times)
    print(
        f"  median: git log alone {git_median:.1f} s, scan {scan_median:.1f} s: the scan runs at "
        f"{git_median / scan_median:.0%} of git log's speed"
    )
    groups = defaultdict(list)
    for finding in findings:
        groups[(finding.rule, finding.fingerprint)].append(finding)
    print(f"  {len(findings)} finding(s), {len(groups)} distinct value(s) to review:")
    for (rule, _), group in sorted(groups.items(), key=lambda item: -len(item[1])):
        first = group[0]
        print(f"    {len(group):4}x {rule:28} {first.path[-50:]}:{first.line} {first.preview}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", default="", help="a repository (a bare mirror is fine)")
    parser.add_argument("--generate-commits", type=int, default=6000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    if options.repo:
        print(f"full history of {options.repo}")
        measure(Path(options.repo), options.rounds, options.workers)
        return
    with tempfile.TemporaryDirectory(prefix="i24-bench-") as tmp:
        repo = Path(tmp) / "generated.git"
        generate(repo, options.generate_commits, options.seed)
        print(f"generated history of {options.generate_commits} commits")
        measure(repo, options.rounds, options.workers)


if __name__ == "__main__":
    main()
