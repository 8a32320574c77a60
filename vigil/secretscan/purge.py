"""Guided history clean-up with git-filter-repo.

The findings report holds only hashes, so the values to remove are found again by
scanning the history and keeping those whose SHA-256 the report lists; they go to
git-filter-repo's --replace-text file and never leave the machine.

git-filter-repo rewrites text, not the compressed members of an archive: a value inside
a zip is either removed with the archive versions that hold it (`drop_archives`) or the
purge is refused. Afterwards every object is read again by the scanner itself (which
opens archives) and searched for the values' bytes; only then is the purge verified.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from vigil.secretscan import gitrepo, sources
from vigil.secretscan.config import build_scanner
from vigil.secretscan.engine import Finding, Scanner
from vigil.secretscan.examples import PURGE_MARKERS

REPLACEMENT = PURGE_MARKERS[0].upper()  # ***REMOVED-BY-VIGIL***
MIN_FRAGMENT = 8  # shorter fragments of a multi-line key would rewrite unrelated text


class PurgeError(Exception):
    permanent = True


@dataclass
class PurgePlan:
    repo: Path
    backup: Path
    occurrences: list[Finding]
    values: list[str]
    unmatched: set[str] = field(default_factory=set)
    fingerprints: set[str] = field(default_factory=set)

    @property
    def commits(self) -> set[str]:
        return {f.commit for f in self.occurrences}

    @property
    def in_archives(self) -> list[Finding]:
        return [f for f in self.occurrences if f.member]


def report_fingerprints(report: dict) -> set[str]:
    findings = report.get("findings") if isinstance(report, dict) else None
    if not isinstance(findings, list):
        raise PurgeError(
            "the report has no `findings` list; write it with `scan_secrets --format json`"
        )
    prints = {f.get("fingerprint") for f in findings if isinstance(f, dict)}
    prints.discard(None)
    if not prints:
        raise PurgeError("the report lists no findings: nothing to purge")
    return prints


def default_backup(repo: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return repo.parent / f"{repo.name}-backup-{stamp}.git"


def purge_scanner(repo: Path) -> Scanner:
    # Every confidence: the report may list a value a lower threshold revealed.
    return build_scanner(repo, min_confidence="low")


def plan(repo: Path, report: dict, backup: Path | None = None, workers: int = 0) -> PurgePlan:
    wanted = report_fingerprints(report)
    found = sources.scan_history(purge_scanner(repo), repo, all_refs=True, workers=workers)
    occurrences = [f for f in found if f.fingerprint in wanted]
    values = sorted({f.value for f in occurrences})
    seen = {f.fingerprint for f in occurrences}
    return PurgePlan(repo, backup or default_backup(repo), occurrences, values, wanted - seen, seen)


def refuse_archives(plan_: PurgePlan) -> None:
    if not plan_.in_archives:
        return
    where = sorted(
        {f"{f.path} (member {f.member}, commit {f.commit[:12]})" for f in plan_.in_archives}
    )
    raise PurgeError(
        f"{len(where)} occurrence(s) are inside archives, which git-filter-repo cannot "
        f"rewrite: {'; '.join(where[:5])}{' …' if len(where) > 5 else ''}. Run again with "
        "--drop-archives to delete those archive versions from history, or remove them "
        "yourself first. Nothing was changed."
    )


def archive_blobs(plan_: PurgePlan) -> list[str]:
    """Blob ids of the archive versions that hold a purged value."""
    places = sorted({(f.commit, f.path) for f in plan_.in_archives})
    blobs = []
    for commit, path in places:
        proc = gitrepo.git(plan_.repo, "rev-parse", f"{commit}:{path}", check=False)
        if proc.returncode == 0:
            blobs.append(proc.stdout.decode().strip())
    return sorted(set(blobs))


def fragments(values: list[str]) -> list[str]:
    # A multi-line private key is replaced line by line (filter-repo's literals are one
    # line each); every line of key data is long and random enough to be unique.
    out = []
    for value in values:
        for part in value.splitlines() or [value]:
            part = part.strip()
            if len(part) >= MIN_FRAGMENT and part not in out:
                out.append(part)
    return out


def _expression(fragment: str) -> str:
    # "==>" separates the expression from its replacement in filter-repo's file format;
    # a value that contains it is given as an escaped regex instead.
    if "==>" in fragment:
        return "regex:" + re.escape(fragment).replace("=", "\\=")
    return f"literal:{fragment}"


def replace_text_file(values: list[str], directory: Path) -> Path:
    path = directory / "vigil-replacements.txt"
    lines = [f"{_expression(fragment)}==>{REPLACEMENT}" for fragment in fragments(values)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def filter_repo_command() -> list[str]:
    script = Path(sys.executable).with_name("git-filter-repo")
    if script.exists():
        return [str(script)]
    found = shutil.which("git-filter-repo")
    if not found:
        raise PurgeError("git-filter-repo is not installed: `pip install git-filter-repo`")
    return [found]


def _run(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise PurgeError(
            f"{Path(args[0]).name} {args[1]} failed: {detail[-1] if detail else proc.returncode}"
        )
    return proc


def ensure_clean(repo: Path) -> None:
    status = _run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"])
    if status.stdout.strip():
        raise PurgeError(f"{repo} has uncommitted changes; commit or stash them first")


def make_backup(repo: Path, backup: Path) -> None:
    if backup.exists():
        raise PurgeError(f"backup target {backup} already exists")
    # The mirror holds every secret: nobody but its owner may enter it. Created 0700
    # before git writes anything into it; --no-local copies objects, not hard links.
    backup.mkdir(mode=0o700, parents=False)
    os.chmod(backup, 0o700)  # mkdir's mode is filtered by the umask
    _run(["git", "clone", "--quiet", "--mirror", "--no-local", str(repo), str(backup)])


def rewrite(plan_: PurgePlan, drop_archives: bool = False) -> None:
    with tempfile.TemporaryDirectory(prefix="vigil-purge-") as tmp:
        replacements = replace_text_file(plan_.values, Path(tmp))
        args = [
            *filter_repo_command(),
            "--replace-text",
            str(replacements),
            "--replace-message",
            str(replacements),
        ]
        blobs = archive_blobs(plan_) if drop_archives else []
        if blobs:
            stripped = Path(tmp) / "vigil-archive-blobs.txt"
            stripped.write_text("\n".join(blobs) + "\n", encoding="utf-8")
            args += ["--strip-blobs-with-ids", str(stripped)]
        _run([*args, "--force", "--quiet"], cwd=plan_.repo)


def iter_objects(repo: Path) -> Iterator[tuple[str, bytes]]:
    proc = subprocess.Popen(  # noqa: S603
        ["git", "-C", str(repo), "cat-file", "--batch-all-objects", "--batch", "--unordered"],  # noqa: S607
        stdout=subprocess.PIPE,
    )
    try:
        while header := proc.stdout.readline():
            oid, _kind, size = header.split()
            content = proc.stdout.read(int(size))
            proc.stdout.read(1)  # the newline after each object
            yield oid.decode(), content
    finally:
        proc.stdout.close()
        proc.wait()


def remaining(repo: Path, plan_: PurgePlan) -> list[str]:
    """Object ids that still hold a purged value: as the scanner reads them (archives
    opened, commit messages included), or as bytes (for what no rule names by content,
    such as a key file's bare value)."""
    scanner = purge_scanner(repo)
    needles = [f.encode() for f in fragments(plan_.values)]
    left = []
    for oid, content in iter_objects(repo):
        found = scanner.scan_bytes(content, f"object {oid}")
        if any(f.fingerprint in plan_.fingerprints for f in found) or any(
            n in content for n in needles
        ):
            left.append(oid)
    return left


def origin_url(repo: Path) -> str:
    proc = gitrepo.git(repo, "remote", "get-url", "origin", check=False)
    return proc.stdout.decode().strip() if proc.returncode == 0 else ""


def next_steps(repo: Path, backup: Path, url: str = "") -> str:
    git = f"git -C {repo}"
    return "\n".join(
        [
            "History rewritten locally. Nothing was pushed. Next:",
            "  1. Rotate every purged credential now: rewriting history does not un-leak it.",
            f"  2. Check the result ({git} log --all), then force-push every branch and tag with",
            "     a lease, so a push someone made meanwhile is refused instead of lost:",
            f"       {git} remote add origin {url or '<URL>'}    # git-filter-repo removes 'origin'",
            f"       {git} fetch origin                # the lease: what the server holds now",
            f"       {git} push --force-with-lease --all origin",
            f"       {git} push --force-with-lease --tags origin",
            f"       {git} reflog expire --expire=now --all && {git} gc --prune=now",
            "  3. Ask every collaborator to re-clone (a pull would bring the old commits back),",
            "     and ask the hosting provider to drop cached views and pull-request refs.",
            f"  4. Keep the backup {backup} (mode 0700) until the rotation is done, then delete",
            "     it: it still contains the secrets.",
        ]
    )
