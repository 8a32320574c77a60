"""How long the local provider's pieces take: disk walk, similarity ranking, prompt.

Run: PYTHONPATH=. .venv/bin/python bench/intelligence_local.py
"""

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()

from django.conf import settings  # noqa: E402

from vigil.intelligence import disk, similarity  # noqa: E402
from vigil.intelligence.providers.base import AnalysisContext, build_prompt  # noqa: E402


def timed(fn, repeat=5):
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - started)
    return result, statistics.median(samples) * 1000


def make_tree(root: Path, dirs: int, files_per_dir: int) -> int:
    count = 0
    for d in range(dirs):
        sub = root / f"d{d % 20}" / f"s{d}"
        sub.mkdir(parents=True, exist_ok=True)
        for f in range(files_per_dir):
            (sub / f"f{f}.log").write_bytes(b"x" * random.randint(10, 5000))
            count += 1
        (sub / "up").symlink_to(root, target_is_directory=True)
    return count


def main():
    random.seed(1)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp).resolve()
        files = make_tree(root, 400, 50)
        settings.ALLOWED_FILESYSTEM_ROOTS = [str(root)]
        for budget in (5_000, 50_000):
            report, ms = timed(lambda b=budget: disk.scan(root, max_entries=b, max_seconds=30))
            print(
                f"disk.scan {files} files + 400 symlinks, max_entries={budget}: {ms:.1f} ms "
                f"median of 5 (entries={report.entries}, truncated={report.truncated!r})"
            )
    words = [
        "disk",
        "full",
        "memory",
        "cpu",
        "nginx",
        "postgres",
        "redis",
        "latency",
        "cert",
        "backup",
        "web",
        "db",
        "api",
    ]
    docs = [
        (i, " ".join(random.choices(words, k=12)) + f" host-{i % 40} resolved by restart")
        for i in range(500)
    ]
    _, ms = timed(lambda: similarity.rank("Disk full on web-1 nginx logs", docs), repeat=20)
    print(f"similarity.rank over 500 incidents: {ms:.2f} ms median of 20")
    snapshot = {"title": "Disk full", "labels": {"a": "b" * 50}, "alerts": [{"name": "x"}] * 20}
    checks = [{"check": "disk", "status": "critical", "message": "m" * 200}] * 20
    _, ms = timed(lambda: build_prompt(AnalysisContext.build(snapshot, checks)), repeat=50)
    print(f"redact + build_prompt (20 alerts, 20 checks): {ms:.2f} ms median of 50")


if __name__ == "__main__":
    main()
