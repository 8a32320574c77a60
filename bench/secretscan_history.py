"""The labelled corpus as a git history: filler code, then every piece added in a random
commit, some removed or (private keys) rotated later, through `git fast-import`."""

import io
import random
import string
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from secretscan_corpus import POSITIVES, Piece, Plant, s
from secretscan_negatives import negative

FILLER_WORDS = ["request", "response", "session", "user", "account", "config", "value",
                "handler", "client", "server", "retry", "timeout", "payload", "result",
                "cache", "logger", "items", "index", "record", "status", "message"]  # fmt: skip


def filler(rng: random.Random) -> str:
    a, b, c = rng.sample(FILLER_WORDS, 3)
    return rng.choice(
        [
            f"    {a} = {b}.get('{c}', {rng.randint(0, 999)})",
            f"def {a}_{b}({c}, *args, **kwargs):",
            f"    log.info('%s {a} %s', {b}, {c})",
            f"    {a}_{b} = '{s(rng, string.ascii_lowercase, 8)}'",
            f"    if {a} is None:",
            f"        return {b}({c}, retries={rng.randint(1, 9)})",
        ]
    )


class FastImport:
    def __init__(self, repo: Path):
        subprocess.run(["git", "init", "-q", "--bare", "--initial-branch=main", str(repo)],
                       check=True)  # fmt: skip
        self.proc = subprocess.Popen(["git", "-C", str(repo), "fast-import", "--quiet"],
                                     stdin=subprocess.PIPE)  # fmt: skip
        self.mark, self.when = 0, 1_600_000_000

    def commit(self, files: dict[str, bytes | None], message: str) -> None:
        self.mark += 1
        self.when += 3600
        out = [
            b"commit refs/heads/main",
            f"mark :{self.mark}".encode(),
            f"author Dev {self.mark % 5} <dev{self.mark % 5}@corp.net> {self.when} +0000".encode(),
            f"committer Dev <dev@corp.net> {self.when} +0000".encode(),
            f"data {len(message)}".encode(),
            message.encode(),
        ]
        if self.mark > 1:
            out.append(f"from :{self.mark - 1}".encode())
        for path, content in files.items():
            if content is None:
                out.append(f"D {path}".encode())
            else:
                out += [
                    f"M 100644 inline {path}".encode(),
                    f"data {len(content)}".encode(),
                    content,
                ]
        self.proc.stdin.write(b"\n".join(out) + b"\n")

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


@dataclass
class Truth:
    history: dict[str, Plant] = field(default_factory=dict)  # value -> plant
    tree: dict[str, Plant] = field(default_factory=dict)


def build(root: Path, seed: int, per_class: int = 8, commits: int = 300) -> Truth:
    rng = random.Random(seed)
    pieces = [gen(rng) for gen in POSITIVES for _ in range(per_class)]
    pieces += [negative(rng) for _ in range(per_class * 10)]
    rng.shuffle(pieces)
    files: dict[str, list[str]] = {
        f"src/mod_{i}.py": [filler(rng) for _ in range(30)] for i in range(40)
    }
    binaries: dict[str, bytes] = {}
    schedule: dict[int, list[tuple[str, Piece]]] = {}
    for piece in pieces:
        at = rng.randrange(1, commits - 2)
        schedule.setdefault(at, []).append(("add", piece))
        if piece.rotate is not None and rng.random() < 0.5:
            schedule.setdefault(rng.randrange(at + 1, commits), []).append(("rotate", piece))
        elif piece.plants[0].positive and rng.random() < 0.3:
            schedule.setdefault(rng.randrange(at + 1, commits), []).append(("remove", piece))
    truth = Truth()
    repo = FastImport(root)
    repo.commit({p: ("\n".join(c) + "\n").encode() for p, c in files.items()}, "initial import")
    live: dict[int, str] = {}  # id(piece) -> path where it lives (unique path per piece)
    for n in range(1, commits):
        touched: set[str] = set()
        for _ in range(rng.randint(1, 3)):
            path = f"src/mod_{rng.randrange(40)}.py"
            files[path].insert(rng.randrange(len(files[path]) + 1), filler(rng))
            touched.add(path)
        for action, piece in schedule.get(n, []):
            path = _place(piece, files, binaries, live, action, rng)
            touched.add(path)
            if action == "add":
                for plant in piece.plants:
                    truth.history.setdefault(plant.value, plant)
            elif action == "rotate":
                for plant in piece.rotated:
                    truth.history.setdefault(plant.value, plant)
        changes = {p: binaries[p] if p in binaries else ("\n".join(files[p]) + "\n").encode()
                   for p in touched if p in files or p in binaries}  # fmt: skip
        changes.update({p: None for p in touched if p not in files and p not in binaries})
        repo.commit(changes, f"change {n}")
    repo.close()
    final_text = "\n".join("\n".join(lines) for lines in files.values())
    for value, plant in truth.history.items():
        if plant.cls == "archive":
            in_tree = any(value.encode() in _zip_text(data) for data in binaries.values())
        elif plant.cls == "private-key":
            in_tree = all(line in final_text for line in value.split("\n"))
        else:
            in_tree = value in final_text
        if in_tree:
            truth.tree[value] = plant
    return truth


def _place(piece: Piece, files, binaries, live, action: str, rng: random.Random) -> str:
    key = id(piece)
    if action == "add":
        path = piece.path
        # Files that hold one value, or must parse as one document, get a fresh path.
        if path in files or path in binaries:
            stem, dot, ext = path.rpartition(".")
            path = (
                f"{stem}_{rng.randrange(10**6)}.{ext}" if dot else f"{path}_{rng.randrange(10**6)}"
            )
        live[key] = path
        if piece.binary is not None:
            binaries[path] = piece.binary
        else:
            files[path] = list(piece.lines)
        return path
    path = live[key]
    if action == "rotate":
        files[path] = list(piece.rotate)
    else:
        files.pop(path, None)
        binaries.pop(path, None)
    return path


def _zip_text(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return b"".join(zf.read(name) for name in zf.namelist())
