"""Guided history clean-up with git-filter-repo.

The findings report holds only hashes, so the values to remove are found again by
scanning the history and keeping those whose SHA-256 the report lists; they go to
git-filter-repo's --replace-text file and never leave the machine.
"""

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from vigil.secretscan import sources
from vigil.secretscan.config import build_scanner
from vigil.secretscan.engine import Finding

REPLACEMENT = "***REMOVED-BY-VIGIL***"
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

    @property
    def commits(self) -> set[str]:
        return {f.commit for f in self.occurrences}


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


def plan(repo: Path, report: dict, backup: Path | None = None, workers: int = 0) -> PurgePlan:
    wanted = report_fingerprints(report)
    # Every confidence: the report may list a value a lower threshold revealed.
    scanner = build_scanner(repo, min_confidence="low")
    found = sources.scan_history(scanner, repo, all_refs=True, workers=workers)
    occurrences = [f for f in found if f.fingerprint in wanted]
    values = sorted({f.value for f in occurrences})
    seen = {f.fingerprint for f in occurrences}
    return PurgePlan(repo, backup or default_backup(repo), occurrences, values, wanted - seen)


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
    # --no-local copies every object instead of hard-linking the packs.
    _run(["git", "clone", "--quiet", "--mirror", "--no-local", str(repo), str(backup)])


def rewrite(plan_: PurgePlan) -> None:
    with tempfile.TemporaryDirectory(prefix="vigil-purge-") as tmp:
        replacements = replace_text_file(plan_.values, Path(tmp))
        _run(
            [
                *filter_repo_command(),
                "--replace-text",
                str(replacements),
                "--replace-message",
                str(replacements),
                "--force",
                "--quiet",
            ],
            cwd=plan_.repo,
        )


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


def remaining(repo: Path, values: list[str]) -> list[str]:
    """Object ids that still contain any fragment of any purged value."""
    needles = [f.encode() for f in fragments(values)]
    return [oid for oid, content in iter_objects(repo) if any(n in content for n in needles)]


def next_steps(repo: Path, backup: Path) -> str:
    return "\n".join(
        [
            "History rewritten locally. Nothing was pushed. Next:",
            "  1. Rotate every purged credential now: rewriting history does not un-leak it.",
            f"  2. Check the result (git -C {repo} log --all), then force-push every branch and tag:",
            f"       git -C {repo} remote add origin <URL>    # git-filter-repo removes 'origin'",
            f"       git -C {repo} push --force --all origin",
            f"       git -C {repo} push --force --tags origin",
            "  3. Ask every collaborator to re-clone (a pull would bring the old commits back),",
            "     and ask the hosting provider to drop cached views and pull-request refs.",
            f"  4. Keep the backup {backup} until the rotation is done, then delete it:",
            "     it still contains the secrets.",
        ]
    )
