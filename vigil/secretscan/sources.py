"""Where text to scan comes from: a working tree, the staged changes, git history.

History is streamed from `git log -p -U0` through a pipe and cut at commit boundaries
into chunks that a process pool scans, so both cores work and nothing is checked out.
"""

import os
import subprocess
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from vigil.secretscan.engine import Finding, Scanner
from vigil.secretscan.gitrepo import (
    LOG_FORMAT,
    ScanError,
    git,
    git_command,
    has_commits,
    is_bare_repo,
    is_git_repo,
    read_blobs,
)
from vigil.secretscan.patch import BlobRef, context_refs, patch_archives, touches
from vigil.secretscan.rules import RuleSet

CHUNK_BYTES = 4 * 1024 * 1024
READ_BYTES = 1024 * 1024
# Full blob ids on `index` lines: the blobs a hunk needs context from are read by id.
PATCH_OPTIONS = ("-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--full-index")


@dataclass
class ScanStats:
    files: int = 0
    commits: int = 0
    bytes: int = 0
    seconds: float = 0.0

    @property
    def mb_per_second(self) -> float:
        return self.bytes / 1e6 / self.seconds if self.seconds else 0.0


def tree_files(root: Path) -> list[str]:
    if is_git_repo(root) and not is_bare_repo(root):
        out = git(root, "ls-files", "-z", "--cached").stdout
        return sorted({p.decode("utf-8", "surrogateescape") for p in out.split(b"\0") if p})
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [
            d for d in dirnames if d not in {".git", ".venv", "node_modules", "__pycache__"}
        ]
        for name in filenames:
            files.append(os.path.relpath(os.path.join(dirpath, name), root))
    return sorted(files)


def _scan_file(scanner: Scanner, root: Path, rel: str) -> list[Finding]:
    full = root / rel
    try:
        if not full.is_file() or full.is_symlink():
            return []
        data = full.read_bytes()
    except OSError:
        return []
    return scanner.scan_bytes(data, rel)


_worker_scanner: Scanner | None = None


def _init_worker(rule_files: tuple[str, ...], allow_paths: tuple[str, ...], minimum: str) -> None:
    global _worker_scanner
    _worker_scanner = Scanner(RuleSet.load(rule_files), allow_paths, min_confidence=minimum)


def _worker_scan_files(root: str, paths: list[str]) -> list[Finding]:
    return [f for rel in paths for f in _scan_file(_worker_scanner, Path(root), rel)]


def _scan_patch_chunk(scanner: Scanner, chunk: bytes) -> tuple[list[Finding], list[BlobRef]]:
    return scanner.scan_patch(chunk), patch_archives(chunk) + context_refs(chunk)


def _worker_scan_patch(chunk: bytes) -> tuple[list[Finding], list[BlobRef]]:
    return _scan_patch_chunk(_worker_scanner, chunk)


def with_blob_refs(scanner: Scanner, root: Path, found: list[Finding], refs: list[BlobRef]):
    """The patch's findings completed by the files read whole: archives, and files whose
    hunks lacked context. Where the whole file shows a line to be a Kubernetes Secret's
    entry, its judgement (on the decoded value) replaces the patch's line rules'."""
    blobs = read_blobs(root, sorted({ref.blob for ref in refs}))
    extra, judged = [], set()
    for ref in refs:
        data = blobs.get(ref.blob, b"")
        for finding in scanner.scan_bytes(data, ref.path):
            if ref.lines and not touches(finding, ref.lines):
                continue  # in the file before this commit: reported where it was added
            ref.context.stamp(finding)
            extra.append(finding)
        if ref.lines:
            judged |= {
                (ref.context.commit, ref.path, n) for n in scanner.entry_lines(data, ref.path)
            }
    kept = [f for f in found if (f.commit, f.path, f.line) not in judged]
    return kept + extra


def _pool(scanner: Scanner, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("fork"),
        initializer=_init_worker,
        initargs=(scanner.ruleset.sources[1:], scanner.allow_paths, scanner.min_confidence),
    )


def default_workers() -> int:
    return max(
        1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )


def scan_tree(scanner: Scanner, root: Path, workers: int = 0, stats=None) -> list[Finding]:
    if is_bare_repo(root):  # a mirror has no working tree: its tree is HEAD's
        return scan_revision(scanner, root) if has_commits(root) else []
    files = tree_files(root)
    stats = stats if stats is not None else ScanStats()
    stats.files = len(files)
    started = time.monotonic()
    workers = workers or default_workers()
    if workers == 1 or len(files) < 400:
        findings = [f for rel in files for f in _scan_file(scanner, root, rel)]
    else:
        batches = [files[i : i + 200] for i in range(0, len(files), 200)]
        with _pool(scanner, workers) as pool:
            results = pool.map(_worker_scan_files, [str(root)] * len(batches), batches)
            findings = [f for batch in results for f in batch]
    stats.seconds = time.monotonic() - started
    return findings


def scan_files(scanner: Scanner, root: Path, paths: list[str]) -> list[Finding]:
    """The files given (pre-commit passes the staged ones), as they are on disk."""
    return [f for rel in paths for f in _scan_file(scanner, root, rel)]


def scan_staged(scanner: Scanner, root: Path) -> list[Finding]:
    patch = git(
        root, "-c", "core.quotePath=false", "diff", "--cached", *PATCH_OPTIONS, "--diff-filter=ACMR"
    ).stdout
    findings, refs = _scan_patch_chunk(scanner, patch)
    return with_blob_refs(scanner, root, findings, refs)


# --- history ------------------------------------------------------------------------------
def history_args(
    root: Path, since: str = "", all_refs: bool = False, exclude: Iterable[str] = ()
) -> list[str]:
    args = ["-c", "core.quotePath=false", "log", "-p", *PATCH_OPTIONS, "--full-history", LOG_FORMAT]
    revs = ["--all"] if all_refs else ["HEAD"]
    if since:
        resolved = git(root, "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}", check=False)
        if resolved.returncode == 0:
            revs = [*revs, "--not", since]
        else:
            args.append(f"--since={since}")
    excluded = list(exclude)
    if excluded:
        revs = [*revs, "--not", *excluded] if "--not" not in revs else [*revs, *excluded]
    return [*args, *revs, "--"]


def iter_patch_chunks(stream, chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    buffer = bytearray()
    while True:
        block = stream.read(READ_BYTES)
        if not block:
            break
        buffer += block
        if len(buffer) >= chunk_bytes:
            cut = buffer.rfind(b"\ncommit ")
            if cut > 0:
                yield bytes(buffer[: cut + 1])
                del buffer[: cut + 1]
    if buffer:
        yield bytes(buffer)


@dataclass
class _Collected:
    findings: list[Finding] = field(default_factory=list)
    blobs: list[BlobRef] = field(default_factory=list)

    def add(self, result: tuple[list[Finding], list[BlobRef]]) -> None:
        self.findings.extend(result[0])
        self.blobs.extend(result[1])


def _scan_stream(scanner, stream, workers, chunk_bytes, stats, progress) -> _Collected:
    collected, pool, pending = _Collected(), None, deque()
    started = time.monotonic()
    try:
        for chunk in iter_patch_chunks(stream, chunk_bytes):
            stats.bytes += len(chunk)
            stats.commits += chunk.count(b"\ncommit ") + chunk.startswith(b"commit ")
            # Small histories (hooks, incremental scans) never pay for a process pool.
            if workers > 1 and pool is None and len(chunk) >= chunk_bytes // 2:
                pool = _pool(scanner, workers)
            if pool is None:
                collected.add(_scan_patch_chunk(scanner, chunk))
            else:
                pending.append(pool.submit(_worker_scan_patch, chunk))
                while len(pending) > workers * 2:  # bounded memory: chunks in flight
                    collected.add(pending.popleft().result())
            if progress:
                stats.seconds = time.monotonic() - started
                progress(stats)
        while pending:
            collected.add(pending.popleft().result())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return collected


def scan_history(
    scanner: Scanner,
    root: Path,
    since: str = "",
    all_refs: bool = False,
    workers: int = 0,
    progress: Callable[[ScanStats], None] | None = None,
    exclude: Iterable[str] = (),
    stats: ScanStats | None = None,
    chunk_bytes: int = CHUNK_BYTES,
) -> list[Finding]:
    stats = stats if stats is not None else ScanStats()
    command = git_command(root, *history_args(root, since, all_refs, exclude))
    started = time.monotonic()
    # stderr goes to a file: a pipe nobody reads while stdout streams could fill and
    # stall git (rename-detection warnings on a large history).
    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors)  # noqa: S603
        except FileNotFoundError:
            raise ScanError("git is not installed or not on PATH") from None
        try:
            collected = _scan_stream(
                scanner, proc.stdout, workers or default_workers(), chunk_bytes, stats, progress
            )
        finally:
            proc.stdout.close()
            returncode = proc.wait()
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    stats.seconds = time.monotonic() - started
    if returncode != 0:
        if is_git_repo(root) and not has_commits(root):
            return []  # a repository without commits has no history to scan
        lines = stderr.strip().splitlines()
        raise ScanError(f"git log failed in {root}: {lines[-1] if lines else returncode}")
    return with_blob_refs(scanner, root, collected.findings, collected.blobs)


def scan_revision(scanner: Scanner, root: Path, rev: str = "HEAD") -> list[Finding]:
    """The tree of one commit, read from the object store (works on bare mirrors)."""
    return scan_trees(scanner, root, [rev])[rev]


def scan_trees(scanner: Scanner, root: Path, revs: list[str]) -> dict[str, list[Finding]]:
    """The trees of several commits, each distinct blob read and scanned once."""
    entries: dict[str, list[tuple[str, str]]] = {}
    for rev in revs:
        listing = git(root, "ls-tree", "-r", "-z", "--full-tree", rev).stdout
        entries[rev] = []
        for record in listing.split(b"\0"):
            meta, _, path = record.partition(b"\t")
            parts = meta.split()
            if len(parts) == 3 and parts[1] == b"blob":
                entries[rev].append((parts[2].decode(), path.decode("utf-8", "surrogateescape")))
    by_blob: dict[tuple[str, str], list[Finding]] = {}
    wanted = sorted({oid for listed in entries.values() for oid, _ in listed})
    blobs = read_blobs(root, wanted)
    result = {}
    for rev, listed in entries.items():
        result[rev] = []
        for oid, path in listed:
            if (oid, path) not in by_blob:
                by_blob[(oid, path)] = scanner.scan_bytes(blobs.get(oid, b""), path)
            result[rev].extend(by_blob[(oid, path)])
    return result
