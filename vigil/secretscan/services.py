"""Scheduled scanning of configured repositories, used by the `secrets` checker.

Each run reads only the commits added since the previous run (the ref tips are kept on
ScannedRepository), stores new findings with first-seen and commit times, marks findings
resolved once their value has left the tree of HEAD, and raises one critical incident
per repository with new findings.
"""

import hashlib
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from vigil.alerts.drivers.base import CRITICAL, FIRING, AlertEvent
from vigil.alerts.services import ingest_events
from vigil.core.security.paths import UnsafePathError, resolve_safe_path
from vigil.secretscan import gitrepo, sources
from vigil.secretscan.baseline import Baseline
from vigil.secretscan.config import DEFAULT_BASELINE, build_scanner
from vigil.secretscan.engine import Finding
from vigil.secretscan.models import ScannedRepository, SecretFinding
from vigil.secretscan.rules import RulesError

logger = logging.getLogger(__name__)

SOURCE = "secretscan"
# Findings listed in the incident; the rest are counted (all are in the admin).
MAX_FINDINGS_IN_INCIDENT = 20

# One scan at a time per process: a scheduled run that outlives its interval must not
# start a second scan of the same repositories beside it.
_scan_lock = threading.Lock()


@dataclass
class RepositoryScan:
    path: str
    new: list[SecretFinding] = field(default_factory=list)
    resolved: int = 0
    error: str = ""


def configured_repositories() -> list[Path]:
    paths = []
    for raw in settings.SECRETSCAN_REPOSITORIES:
        try:
            paths.append(resolve_safe_path(raw))
        except UnsafePathError as exc:
            logger.warning("secretscan: skipping configured repository: %s", exc)
    return paths


def _parse_date(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _store(repo: ScannedRepository, findings: list[Finding]) -> list[SecretFinding]:
    new = []
    for f in findings:
        row, created = SecretFinding.objects.get_or_create(
            repository=repo,
            fingerprint=f.fingerprint,
            path=f.path[:1024],
            commit=f.commit,
            defaults={
                "rule": f.rule,
                "line": f.line,
                "author": f.author[:255],
                "email": f.email[:255],
                "committed_at": _parse_date(f.date),
                "preview": f.preview[:64],
            },
        )
        if created:
            new.append(row)
    return new


def _resolve_gone(repo: ScannedRepository, head_fingerprints: set[str]) -> int:
    still_open = repo.findings.filter(resolved_at__isnull=True)
    gone = [f.pk for f in still_open if f.fingerprint not in head_fingerprints]
    return SecretFinding.objects.filter(pk__in=gone).update(resolved_at=timezone.now())


def scan_repository(path: Path, workers: int | None = None) -> RepositoryScan:
    started = time.monotonic()
    repo, _ = ScannedRepository.objects.get_or_create(path=str(path))
    result = RepositoryScan(str(path))
    workers = settings.SECRETSCAN_WORKERS if workers is None else workers
    try:
        scanner = build_scanner(path)
        baseline = Baseline.load(path / DEFAULT_BASELINE)
        tips = gitrepo.ref_tips(path)
        known = gitrepo.existing_commits(path, repo.tips)
        history = sources.scan_history(scanner, path, all_refs=True, workers=workers, exclude=known)
        head = sources.scan_revision(scanner, path) if tips else []
    except (gitrepo.ScanError, RulesError, ValueError) as exc:
        repo.last_error = str(exc)
        repo.last_scan_at = timezone.now()
        repo.save(update_fields=["last_error", "last_scan_at"])
        logger.warning("secretscan: %s failed: %s", path, exc)
        result.error = str(exc)
        return result
    with transaction.atomic():
        result.new = _store(repo, baseline.filter(history))
        result.resolved = _resolve_gone(repo, {f.fingerprint for f in head})
        repo.tips, repo.last_scan_at, repo.last_error = tips, timezone.now(), ""
        repo.save(update_fields=["tips", "last_scan_at", "last_error"])
    logger.info(
        "secretscan: %s scanned in %.1f s: %d new, %d resolved",
        path,
        time.monotonic() - started,
        len(result.new),
        result.resolved,
    )
    return result


class ScanInProgress(Exception):
    permanent = False


def scan_configured_repositories() -> list[RepositoryScan]:
    if not _scan_lock.acquire(blocking=False):
        raise ScanInProgress("a secret scan of the configured repositories is still running")
    try:
        results = []
        for path in configured_repositories():
            result = scan_repository(path)
            if result.new:
                open_incident_for_new_findings(result)
            results.append(result)
        return results
    finally:
        _scan_lock.release()


def batch_id(findings: list[SecretFinding]) -> str:
    digest = hashlib.sha256()
    for f in sorted(findings, key=lambda f: (f.fingerprint, f.path, f.commit)):
        digest.update(f"{f.fingerprint}:{f.path}:{f.commit}\n".encode())
    return digest.hexdigest()[:16]


def incident_event(result: RepositoryScan) -> AlertEvent:
    repo_name = Path(result.path).name.removesuffix(".git") or result.path
    shown = result.new[:MAX_FINDINGS_IN_INCIDENT]
    findings = [
        {
            "rule": f.rule,
            "path": f.path,
            "line": f.line,
            "commit": f.commit,
            "author": f.author,
            "committed_at": f.committed_at.isoformat() if f.committed_at else None,
            "preview": f.preview,
            "fingerprint": f.fingerprint,
        }
        for f in shown
    ]
    lines = [f"{f.rule} in {f.path}:{f.line} (commit {f.commit[:12]})" for f in shown]
    more = len(result.new) - len(shown)
    if more:
        lines.append(f"... and {more} more (vigil admin: Secret findings)")
    return AlertEvent(
        source=SOURCE,
        # One alert per batch of new findings: an open incident for an earlier leak must
        # not swallow a new one as a duplicate.
        fingerprint=f"secretscan:{result.path}:{batch_id(result.new)}",
        name=f"secret detected in {repo_name}",
        status=FIRING,
        severity=CRITICAL,
        labels={"repository": result.path, "rules": ",".join(sorted({f.rule for f in result.new}))},
        annotations={"findings": findings, "new_findings": len(result.new)},
        description="\n".join(lines),
        started_at=timezone.now(),
    )


def open_incident_for_new_findings(result: RepositoryScan) -> int | None:
    """Raise "secret detected in <repo>" (critical) through the alert pipeline."""
    # The run this opens is a checker run (orchestration RunOrigin "checker").
    ingested = ingest_events(source=SOURCE, events=[incident_event(result)], origin="checker")
    incident_id = ingested.incident_ids[0] if ingested.incident_ids else None
    SecretFinding.objects.filter(pk__in=[f.pk for f in result.new]).update(incident_id=incident_id)
    return incident_id
