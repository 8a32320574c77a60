"""Precision and recall of the secret scanner on labelled histories, per class.

    .venv/bin/python bench/secretscan_eval.py [--seeds 1,2,3] [--per-class 8]
                                              [--commits 300] [--min-confidence medium]

For each seed, bench/secretscan_corpus.py builds a git history with planted secrets of
every class in issue 24 and hard negatives; the scanner runs as `vigil scan_secrets`
does (history of all refs, then the working tree of a clone) and every reported value
is scored: a planted secret is a true positive, anything else a false positive (named
by the negative class it came from, or "other"). Prints a table per mode with the
totals across seeds. Goals: history P >= 0.95, R >= 0.90; tree P >= 0.93, R >= 0.90.
"""

import argparse
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from secretscan_history import Truth, build

from vigil.secretscan import sources
from vigil.secretscan.engine import Scanner
from vigil.secretscan.rules import RuleSet


class Tally:
    def __init__(self):
        self.tp: Counter = Counter()
        self.fn: Counter = Counter()
        self.fp: Counter = Counter()
        self.negatives: Counter = Counter()
        self.examples: dict[str, list[str]] = defaultdict(list)

    def add(self, found: dict[str, str], truth: dict, everything: dict) -> None:
        for value, plant in truth.items():
            if not plant.positive:
                self.negatives[plant.cls] += 1
                continue
            if value in found:
                self.tp[plant.cls] += 1
            else:
                self.fn[plant.cls] += 1
                self.examples[f"missed {plant.cls}"].append(value[:60])
        for value, rule in found.items():
            plant = everything.get(value)
            if plant is not None and plant.positive:
                continue
            cls = plant.cls if plant is not None else _owner(value, everything)
            self.fp[cls] += 1
            self.examples[f"false positive {cls}"].append(f"{rule}: {value[:60]}")

    def table(self, title: str) -> str:
        classes = sorted(set(self.tp) | set(self.fn))
        rows = [
            f"{title}",
            f"  {'class':22} {'planted':>7} {'found':>6} {'recall':>7} {'precision':>9}",
        ]
        for cls in classes:
            planted = self.tp[cls] + self.fn[cls]
            precision = (
                self.tp[cls] / (self.tp[cls] + self.fp[cls]) if self.tp[cls] + self.fp[cls] else 1.0
            )
            rows.append(
                f"  {cls:22} {planted:7} {self.tp[cls]:6} {self.tp[cls] / planted:7.3f} {precision:9.3f}"
            )
        rows.append(f"  {'hard negative':22} {'planted':>7} {'reported':>8}")
        for cls in sorted(set(self.negatives) | (set(self.fp) - set(classes))):
            rows.append(f"  {cls:22} {self.negatives[cls] or '':>7} {self.fp[cls]:8}")
        tp, fn, fp = sum(self.tp.values()), sum(self.fn.values()), sum(self.fp.values())
        precision = tp / (tp + fp) if tp + fp else 1.0
        rows.append(f"  {'ALL':22} {tp + fn:7} {tp:6} {tp / (tp + fn):7.3f} {precision:9.3f}"
                    f"   ({fp} false positives)")  # fmt: skip
        return "\n".join(rows)


def _owner(value: str, everything: dict) -> str:
    # A partial or widened match of a planted value belongs to that value's class.
    for planted, plant in everything.items():
        if value in planted or planted in value:
            return plant.cls + (" (partial)" if plant.positive else "")
    return "other"


def scan(seed: int, per_class: int, commits: int, min_confidence: str):
    scanner = Scanner(RuleSet.load(), min_confidence=min_confidence)
    with tempfile.TemporaryDirectory(prefix="i24-eval-") as tmp:
        bare = Path(tmp) / "corpus.git"
        truth = build(bare, seed, per_class=per_class, commits=commits)
        work = Path(tmp) / "work"
        subprocess.run(["git", "clone", "-q", str(bare), str(work)], check=True)
        history = sources.scan_history(scanner, work, all_refs=True)
        tree = sources.scan_tree(scanner, work)
    return truth, _values(history), _values(tree)


def _values(findings) -> dict[str, str]:
    return {f.value: f.rule for f in findings}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--per-class", type=int, default=8)
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--min-confidence", default="medium")
    parser.add_argument("--show", type=int, default=0, help="print up to N examples per error")
    options = parser.parse_args()
    history, tree = Tally(), Tally()
    for seed in (int(x) for x in options.seeds.split(",")):
        truth: Truth
        truth, found_history, found_tree = scan(
            seed, options.per_class, options.commits, options.min_confidence
        )
        history.add(found_history, truth.history, truth.history)
        tree.add(found_tree, truth.tree, truth.history)
    print(f"seeds {options.seeds}, {options.per_class} plants per class, {options.commits} commits")
    print(history.table("history (all refs)"))
    print(tree.table("working tree"))
    if options.show:
        for title, tally in (("history", history), ("tree", tree)):
            for kind, items in sorted(tally.examples.items()):
                print(f"  {title} {kind}: {items[: options.show]}")


if __name__ == "__main__":
    main()
