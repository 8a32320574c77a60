"""Scans of the configured repositories (SECRETSCAN_REPOSITORIES), run on a schedule.

A recent scan (daily by default) reads the commits added on every ref since the
previous scan (the tips are kept on ScannedRepository), the trees of the branches with
recent commits, the files those commits added, and the state of the pre-commit hook; a
history scan (weekly) reads the whole history again, so that new rules find old leaks. Findings are stored with
their commit and first-seen times, and the result says what is new. Nothing here
raises an alert: events.py words the results and the scheduler hands them to ingest.
"""

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from vigil.core.security.paths import UnsafePathError, resolve_safe_path
from vigil.secretscan import gitrepo, hooks, sources
from vigil.secretscan.baseline import Baseline
from vigil.secretscan.config import DEFAULT_BASELINE, build_scanner
from vigil.secretscan.engine import Finding
from vigil.secretscan.filetypes import is_suspicious_file
from vigil.secretscan.models import SILENCING_TRIAGE, ScannedRepository, SecretFinding, Triage
from vigil.secretscan.rules import RulesError
from vigil.secretscan.triage import inherited_triage

logger = logging.getLogger(__name__)

# One scan at a time per process: a scan that outlives its interval must not run twice.
_scan_lock = threading.Lock()


class ScanInProgress(Exception):
    permanent = False


@dataclass
class RepositoryScan:
    path: str
    # Values this repository had not reported before (or reported as fixed), each with
    # the places found in this scan; values triaged false positive or revoked stay out.
    new: dict[str, list[SecretFinding]] = field(default_factory=dict)
    suspicious: list[gitrepo.AddedFile] = field(default_factory=list)
    resolved: int = 0
    error: str = ""
    previous_error: str = ""
    hook: str = ""
    previous_hook: str = ""


def configured_repositories() -> list[Path]:
    paths = []
    for raw in settings.SECRETSCAN_REPOSITORIES:
        try:
            paths.append(resolve_safe_path(raw))
        except UnsafePathError as exc:
            logger.warning("secretscan: skipping configured repository: %s", exc)
    return paths


# How often the scheduler looks for repositories due a scan; each repository keeps its
# own times, so one added to SECRETSCAN_REPOSITORIES is read within this, after a restart
# too, and a scan longer than the tick is never started twice (one at a time).
TICK = 300


def tick() -> int:
    intervals = [settings.SECRETSCAN_TREE_INTERVAL, settings.SECRETSCAN_HISTORY_INTERVAL]
    enabled = [i for i in intervals if i > 0]
    return min([TICK, *enabled]) if enabled and settings.SECRETSCAN_REPOSITORIES else 0


def due(path: Path, now: datetime) -> str:
    """ "history" (read every ref from the start), "recent" (new commits, trees, hooks)
    or "" when neither is due yet."""
    repo = ScannedRepository.objects.filter(path=str(path)).first()
    history, recent = settings.SECRETSCAN_HISTORY_INTERVAL, settings.SECRETSCAN_TREE_INTERVAL
    if repo is None or repo.last_scan_at is None:
        return "recent"  # the first scan reads the whole history anyway
    if history and (
        repo.last_history_scan_at is None
        or repo.last_history_scan_at <= now - timedelta(seconds=history)
    ):
        return "history"
    if recent and repo.last_scan_at <= now - timedelta(seconds=recent):
        return "recent"
    return ""


def scan_due() -> list[RepositoryScan]:
    if not _scan_lock.acquire(blocking=False):
        raise ScanInProgress("a secret scan of the configured repositories is still running")
    try:
        now, results = timezone.now(), []
        for path in configured_repositories():
            kind = due(path, now)
            if kind:
                results.append(scan_repository(path, full_history=kind == "history"))
        return results
    finally:
        _scan_lock.release()


@dataclass
class _Read:
    history: list[Finding]
    trees: dict[str, list[Finding]]
    head: str
    tips: list[str]
    added: list[gitrepo.AddedFile]


def _read(path: Path, repo: ScannedRepository, full_history: bool, workers: int) -> _Read:
    scanner = build_scanner(path)
    baseline = Baseline.load(path / DEFAULT_BASELINE)
    tips = gitrepo.ref_tips(path)
    known = gitrepo.existing_commits(path, repo.tips)
    history = sources.scan_history(
        scanner, path, all_refs=True, workers=workers, exclude=[] if full_history else known
    )
    head = gitrepo.git(path, "rev-parse", "-q", "--verify", "HEAD^{commit}", check=False)
    head_oid = head.stdout.decode().strip() if head.returncode == 0 else ""
    revs = gitrepo.active_branches(path, settings.SECRETSCAN_ACTIVE_BRANCH_DAYS)
    revs = sorted({*revs, head_oid} - {""})
    trees = sources.scan_trees(scanner, path, revs) if revs else {}
    # Files added since the previous scan (a history scan too): the first scan, which has
    # no previous one, reports secrets only.
    added = gitrepo.added_files(path, exclude=known) if repo.tips else []
    return _Read(
        history=baseline.filter(history),
        trees={rev: baseline.filter(found) for rev, found in trees.items()},
        head=head_oid,
        tips=tips,
        added=[a for a in added if is_suspicious_file(a.path)],
    )


def scan_repository(path: Path, full_history: bool = False, workers: int | None = None):
    started = time.monotonic()
    repo, _ = ScannedRepository.objects.get_or_create(path=str(path))
    result = RepositoryScan(
        str(path), previous_error=repo.last_error, previous_hook=repo.hook_state
    )
    result.hook = hooks.hook_state(path) if path.is_dir() else ""
    workers = settings.SECRETSCAN_WORKERS if workers is None else workers
    try:
        read = _read(path, repo, full_history, workers)
    except (gitrepo.ScanError, RulesError, ValueError) as exc:
        result.error = str(exc)
        repo.last_error, repo.last_scan_at, repo.hook_state = (
            result.error,
            timezone.now(),
            result.hook,
        )
        repo.save(update_fields=["last_error", "last_scan_at", "hook_state"])
        logger.warning("secretscan: %s failed: %s", path, exc)
        return result
    with transaction.atomic():
        result.new = _store(repo, read)
        head = {f.fingerprint for f in read.trees.get(read.head, [])}
        result.resolved = _resolve_gone(repo, head) if read.head else 0
        result.suspicious = read.added
        now = timezone.now()
        if full_history or not repo.tips:  # this scan read the whole history
            repo.last_history_scan_at = now
        repo.tips, repo.last_scan_at, repo.last_error = read.tips, now, ""
        repo.hook_state = result.hook
        repo.save()
    logger.info(
        "secretscan: %s scanned in %.1f s: %d new value(s), %d resolved, hook %s",
        path,
        time.monotonic() - started,
        len(result.new),
        result.resolved,
        result.hook or "n/a",
    )
    return result


def _parse_date(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _store(repo: ScannedRepository, read: _Read) -> dict[str, list[SecretFinding]]:
    before = dict(repo.findings.values_list("fingerprint", "triage"))
    findings = list(read.history)
    # A tree finding only adds a value history has not attributed to a commit yet.
    in_history = set(before) | {f.fingerprint for f in findings}
    for found in read.trees.values():
        for f in found:
            if f.fingerprint not in in_history:
                findings.append(f)
                in_history.add(f.fingerprint)
    decided = inherited_triage(repo.pk, {f.fingerprint for f in findings})
    new: dict[str, list[SecretFinding]] = {}
    for f in findings:
        row, created = _row(repo, f, decided.get(f.fingerprint))
        if not created or row.triage in SILENCING_TRIAGE:
            continue
        if f.fingerprint not in before or before[f.fingerprint] == Triage.FIXED:
            new.setdefault(f.fingerprint, []).append(row)
    return new


def _row(repo, f: Finding, decision) -> tuple[SecretFinding, bool]:
    state, note = decision if decision and decision[0] in SILENCING_TRIAGE else (Triage.OPEN, "")
    return SecretFinding.objects.get_or_create(
        repository=repo,
        fingerprint=f.fingerprint,
        path=f.path[:1024],
        member=f.member[:1024],
        commit=f.commit,
        defaults={
            "rule": f.rule,
            "kind": f.kind,
            "line": f.line,
            "author": f.author[:255],
            "email": f.email[:255],
            "committed_at": _parse_date(f.date),
            "preview": f.preview[:64],
            "confidence": f.confidence,
            "triage": state,
            "triage_note": note,
        },
    )


def _resolve_gone(repo: ScannedRepository, head_fingerprints: set[str]) -> int:
    still_open = repo.findings.filter(resolved_at__isnull=True)
    gone = [
        pk for pk, fp in still_open.values_list("pk", "fingerprint") if fp not in head_fingerprints
    ]
    return SecretFinding.objects.filter(pk__in=gone).update(resolved_at=timezone.now())


def link_incident(finding_ids: list[int], incident_id: int | None) -> None:
    SecretFinding.objects.filter(pk__in=finding_ids).update(incident_id=incident_id)
