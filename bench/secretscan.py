"""Secret scanner benchmark: precision/recall on planted FAKE secrets, and history speed.

    .venv/bin/python bench/secretscan.py [--commits 600] [--speed-repo /path/to/repo.git]
                                         [--generate-commits 6000] [--workers 0]

Quality: builds a repository (git fast-import) with filler code, every sample generator
in vigil.secretscan.samples planted several times in random commits (a third of them
deleted again later, so tree and history truths differ) plus hard negatives, then
scans the tree and the history and reports precision and recall on unique values.
Speed: scans the full history (--all) of --speed-repo (e.g. a mirror of a large public
project) or, without one, a generated history of --generate-commits commits, and reports
MB/s of `git log -p -U0` text end to end next to the time `git log -p` alone takes.
All secrets are generated at run time; none is real.
"""

import argparse
import random
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vigil.secretscan import sources
from vigil.secretscan.engine import Scanner
from vigil.secretscan.rules import RuleSet
from vigil.secretscan.samples import fake_samples, hard_negatives, private_key_lines

WORDS = [
    "request",
    "response",
    "session",
    "token_count",
    "user",
    "account",
    "config",
    "value",
    "handler",
    "client",
    "server",
    "retry",
    "timeout",
    "payload",
    "result",
    "cache",
    "secret_name",
    "password_hash",
    "key_id",
    "logger",
    "data",
    "items",
    "index",
    "record",
    "status",
    "message",
    "error",
    "path",
    "name",
    "limit",
    "offset",
]


def filler_line(rng: random.Random) -> str:
    a, b, c = rng.sample(WORDS, 3)
    shapes = [
        f"    {a} = {b}.get('{c}', {rng.randint(0, 999)})",
        f"    if {a} is None:",
        f"        return {b}({c}, retries={rng.randint(1, 9)})",
        f"def {a}_{b}({c}, *args, **kwargs):",
        f"    # {a} {b} {c} handled here",
        f"    log.info('%s {a} %s', {b}, {c})",
        f"    {a}_{b} = '{''.join(rng.choices(string.ascii_lowercase, k=8))}'",
        f"    assert {a} == {b}, '{c} mismatch'",
    ]
    return rng.choice(shapes)


class FastImport:
    def __init__(self, repo: Path):
        subprocess.run(
            ["git", "init", "-q", "--bare", "--initial-branch=main", str(repo)], check=True
        )
        self.proc = subprocess.Popen(
            ["git", "-C", str(repo), "fast-import", "--quiet"], stdin=subprocess.PIPE
        )
        self.mark = 0
        self.when = 1_600_000_000

    def commit(self, files: dict[str, str | None], message: str) -> None:
        self.mark += 1
        self.when += 3600
        out = [
            "commit refs/heads/main",
            f"mark :{self.mark}",
            f"author Dev {self.mark % 7} <dev{self.mark % 7}@example.org> {self.when} +0000",
            f"committer Dev <dev@example.org> {self.when} +0000",
            f"data {len(message.encode())}",
            message,
        ]
        if self.mark > 1:
            out.append(f"from :{self.mark - 1}")
        for path, content in files.items():
            if content is None:
                out.append(f"D {path}")
            else:
                data = content.encode()
                out += [f"M 100644 inline {path}", f"data {len(data)}"]
                out.append(data.decode())
        self.proc.stdin.write(("\n".join(out) + "\n").encode())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


# Rules that need a context word or an assignment keep the sample's own line; the others
# are also planted bare in JSON, YAML, shell, a URL or a minified line.
CONTEXT_RULES = {
    "aws-secret-access-key",
    "gcp-service-account-key-id",
    "azure-storage-account-key",
    "heroku-api-key",
    "twilio-api-key",
    "twilio-auth-token",
    "datadog-api-key",
    "database-url-password",
    "django-secret-key",
    "generic-password",
    "generic-secret-assignment",
    "age-secret-key",
}


def placed(sample, rng: random.Random) -> str:
    if sample.rule in CONTEXT_RULES:
        return sample.line
    value = sample.value
    shapes = [
        sample.line,
        f'  "credential": "{value}",',
        f"  value: {value}",
        f"export CREDENTIAL='{value}'",
        f"curl -H 'X-Auth: {value}' https://api.example.org/v1/items",
        "var a=" + ";".join(f"f{i}=g({i})" for i in range(900)) + f';c="{value}";',
    ]
    return rng.choice(shapes)


def build_quality_repo(root: Path, commits: int, seed: int) -> tuple[set[str], set[str]]:
    rng = random.Random(seed + 1000)  # not the samples' stream: keys must not repeat them
    samples = fake_samples(seed, per_rule=3)
    pem_values = []
    for kind in ("RSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY"):
        value, lines = private_key_lines(rng, kind)
        pem_values.append((value, lines))
    negatives = hard_negatives(seed)
    files: dict[str, list[str]] = {
        f"src/module_{i}.py": [filler_line(rng) for _ in range(40)] for i in range(60)
    }
    plants = {rng.randrange(1, commits): [] for _ in range(len(samples))}
    slots = list(plants)
    for sample in samples:
        plants[rng.choice(slots)].append(("line", sample.value, [placed(sample, rng)]))
    for value, lines in pem_values:
        plants.setdefault(rng.randrange(1, commits), []).append(("pem", value, lines))
    removals: dict[int, list[tuple[str, list[str]]]] = {}
    everything, in_tree = set(), set()
    repo = FastImport(root)
    repo.commit({p: "\n".join(c) + "\n" for p, c in files.items()}, "initial import")
    for n in range(1, commits):
        touched = {}
        for _ in range(rng.randint(1, 4)):
            path = f"src/module_{rng.randrange(60)}.py"
            lines = files[path]
            lines.insert(rng.randrange(len(lines)), filler_line(rng))
            if rng.random() < 0.3:
                lines.insert(rng.randrange(len(lines)), rng.choice(negatives))
            touched[path] = lines
        for _kind, value, new_lines in plants.get(n, []):
            path = f"config/settings_{rng.randrange(8)}.{rng.choice(['py', 'env', 'yaml'])}"
            files.setdefault(path, [filler_line(rng) for _ in range(5)])
            files[path].extend(new_lines)  # appended: never inside an earlier key block
            touched[path] = files[path]
            everything.add(value)
            if rng.random() < 0.33:
                removals.setdefault(rng.randrange(n + 1, commits + 1), []).append((path, new_lines))
        for path, gone in removals.get(n, []):
            lines = files[path]
            for line in gone:
                if line in lines:
                    lines.remove(line)
            touched[path] = lines
        repo.commit({p: "\n".join(c) + "\n" for p, c in touched.items()}, f"change {n}")
    repo.close()
    for lines in files.values():
        text = "\n".join(lines)
        for value in everything:
            if value in text:
                in_tree.add(value)
    return everything, in_tree


def score(found: set[str], truth: set[str]) -> str:
    tp = len(found & truth)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(truth) if truth else 1.0
    return f"precision {precision:.3f} recall {recall:.3f} (reported {len(found)}, planted {len(truth)}, true positives {tp})"


def quality(commits: int, seed: int, workers: int) -> None:
    scanner = Scanner(RuleSet.load())
    with tempfile.TemporaryDirectory(prefix="vigil-bench-") as tmp:
        bare = Path(tmp) / "planted.git"
        everything, in_tree = build_quality_repo(bare, commits, seed)
        work = Path(tmp) / "work"
        subprocess.run(["git", "clone", "-q", str(bare), str(work)], check=True)
        history = sources.scan_history(scanner, work, all_refs=True, workers=workers)
        tree = sources.scan_tree(scanner, work, workers=workers)
    print(
        f"quality repo: {commits} commits, {len(everything)} planted secrets "
        f"({len(in_tree)} still in the tree), hard negatives mixed in"
    )
    print("  history:", score({f.value for f in history}, everything))
    print("  tree:   ", score({f.value for f in tree}, in_tree))
    missed = everything - {f.value for f in history}
    for f in history:
        if f.value not in everything:
            print(f"    false positive: {f.rule} {f.path}:{f.line} {f.preview}")
    if missed:
        print(f"    missed in history: {len(missed)}")


def generate_speed_repo(root: Path, commits: int, seed: int) -> None:
    rng = random.Random(seed)
    files = {f"pkg/mod_{i}.py": [filler_line(rng) for _ in range(200)] for i in range(300)}
    repo = FastImport(root)
    repo.commit({p: "\n".join(c) + "\n" for p, c in files.items()}, "initial")
    for n in range(commits):
        touched = {}
        for _ in range(rng.randint(1, 5)):
            path = rng.choice(list(files))
            lines = files[path]
            start = rng.randrange(len(lines))
            lines[start : start + rng.randint(0, 8)] = [
                filler_line(rng) for _ in range(rng.randint(1, 30))
            ]
            touched[path] = lines
        repo.commit({p: "\n".join(c) + "\n" for p, c in touched.items()}, f"change {n}")
    repo.close()


def speed(repo: Path, workers: int) -> None:
    args = sources.history_args(repo, all_refs=True)
    started = time.monotonic()
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True)
    git_seconds = time.monotonic() - started
    size = len(proc.stdout)
    del proc
    scanner = Scanner(RuleSet.load())
    for n in sorted({1, workers or sources.default_workers()}):
        stats = sources.ScanStats()
        findings = sources.scan_history(scanner, repo, all_refs=True, workers=n, stats=stats)
        print(
            f"  workers={n}: {stats.bytes / 1e6:.1f} MB of patches, {stats.commits} commits, "
            f"{stats.seconds:.1f} s end to end = {stats.mb_per_second:.1f} MB/s, "
            f"{len(findings)} findings"
        )
    print("  findings in the real history (review by hand: the truth is unknown):")
    for f in findings:
        print(f"    {f.rule:28} {f.path[-60:]}:{f.line} {f.commit[:8]} {f.preview}")
    print(
        f"  `git log -p -U0 --all` alone: {git_seconds:.1f} s for {size / 1e6:.1f} MB "
        f"({size / 1e6 / git_seconds:.1f} MB/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=600)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--speed-repo", default="")
    parser.add_argument("--generate-commits", type=int, default=6000)
    options = parser.parse_args()
    quality(options.commits, options.seed, options.workers)
    if options.speed_repo:
        print(f"speed: full history of {options.speed_repo}")
        speed(Path(options.speed_repo), options.workers)
    else:
        with tempfile.TemporaryDirectory(prefix="vigil-bench-") as tmp:
            repo = Path(tmp) / "generated.git"
            generate_speed_repo(repo, options.generate_commits, options.seed)
            print(f"speed: generated history of {options.generate_commits} commits")
            speed(repo, options.workers)


if __name__ == "__main__":
    main()
