"""Reading a git repository safely: commands that cannot run the repository's own
programs, blobs by id, refs, active branches, files added by commits."""

import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

LOG_FORMAT = "--format=commit %H%x1f%an%x1f%ae%x1f%aI"
GIT = "git"
# A scanned repository's own config must not run programs: no fsmonitor hook, no
# external diff or textconv driver (also refused per command with --no-ext-diff).
SAFE_CONFIG = ("-c", "core.fsmonitor=false", "-c", "diff.external=")


def git_command(repo: Path, *args: str) -> list[str]:
    return [GIT, "-C", str(repo), *SAFE_CONFIG, *args]


class ScanError(Exception):
    permanent = True


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    try:
        proc = subprocess.run(  # noqa: S603
            git_command(repo, *args), capture_output=True, check=False
        )
    except FileNotFoundError:
        raise ScanError("git is not installed or not on PATH") from None
    if check and proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ScanError(f"git {args[0]} failed in {repo}: {message[-1] if message else '?'}")
    return proc


def is_git_repo(path: Path) -> bool:
    return git(path, "rev-parse", "--git-dir", check=False).returncode == 0


def has_commits(path: Path) -> bool:
    return git(path, "rev-parse", "-q", "--verify", "HEAD^{commit}", check=False).returncode == 0


def is_bare_repo(path: Path) -> bool:
    proc = git(path, "rev-parse", "--is-bare-repository", check=False)
    return proc.returncode == 0 and proc.stdout.strip() == b"true"


def toplevel(path: Path) -> Path | None:
    proc = git(path, "rev-parse", "--show-toplevel", check=False)
    out = proc.stdout.decode("utf-8", "surrogateescape").strip()
    return Path(out).resolve() if proc.returncode == 0 and out else None


def read_blobs(root: Path, oids: list[str]) -> dict[str, bytes]:
    """Blob contents by id, through one `git cat-file --batch`; missing ids are left out."""
    if not oids:
        return {}
    try:
        proc = subprocess.run(  # noqa: S603
            git_command(root, "cat-file", "--batch"),
            input=b"".join(oid.encode() + b"\n" for oid in oids),
            capture_output=True,
            check=True,
        )
    except (FileNotFoundError, subprocess.CalledProcessError) as exc:
        raise ScanError(f"git cat-file failed in {root}") from exc
    out, pos, blobs = proc.stdout, 0, {}
    for oid in oids:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        if len(header) < 3:  # "<oid> missing"
            pos = end + 1
            continue
        size = int(header[2])
        blobs[oid] = out[end + 1 : end + 1 + size]
        pos = end + 1 + size + 1
    return blobs


def ref_tips(root: Path) -> list[str]:
    out = git(root, "for-each-ref", "--format=%(objectname)", check=False).stdout
    return sorted({line for line in out.decode().split() if line})


def existing_commits(root: Path, shas: Iterable[str]) -> list[str]:
    shas = list(shas)
    if not shas:
        return []
    proc = subprocess.run(  # noqa: S603
        git_command(root, "cat-file", "--batch-check"),
        input="".join(f"{s}\n" for s in shas).encode(),
        capture_output=True,
        check=False,
    )
    lines = proc.stdout.decode().splitlines()
    return [sha for sha, line in zip(shas, lines, strict=False) if not line.endswith("missing")]


def active_branches(root: Path, days: int) -> list[str]:
    """Branch tips (local and remote-tracking) with a commit in the last `days` days."""
    out = git(
        root,
        "for-each-ref",
        "--format=%(objectname) %(committerdate:unix)",
        "refs/heads",
        "refs/remotes",
        check=False,
    ).stdout.decode()
    cutoff = time.time() - days * 86400
    tips = []
    for line in out.splitlines():
        oid, _, when = line.partition(" ")
        if when.isdigit() and int(when) >= cutoff and oid not in tips:
            tips.append(oid)
    return tips


@dataclass(frozen=True)
class AddedFile:
    path: str
    commit: str
    author: str
    email: str
    date: str


def added_files(root: Path, exclude: Iterable[str] = ()) -> list[AddedFile]:
    """Files added by the commits of every ref not reachable from `exclude`."""
    revs = ["--all", "--not", *exclude] if exclude else ["--all"]
    out = git(
        root,
        "-c",
        "core.quotePath=false",
        "log",
        "--diff-filter=A",
        "--name-only",
        "--no-renames",
        LOG_FORMAT,
        *revs,
        "--",
        check=False,
    ).stdout.decode("utf-8", "replace")
    added, meta = [], ("", "", "", "")
    for line in out.splitlines():
        if line.startswith("commit ") and "\x1f" in line:
            parts = (line[len("commit ") :].split("\x1f") + ["", "", "", ""])[:4]
            meta = tuple(parts)
        elif line:
            added.append(AddedFile(line, *meta))
    return added
