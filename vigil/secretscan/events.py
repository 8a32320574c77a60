"""Security events worded as alerts of the `secretscan` ingest driver (the generic JSON
contract under a marker), for the scheduler to hand to ingest like any outside tool.

One alert per leaked value (its incident carries the rotation checklist for its kind
and the clean-up steps), per suspicious file, per failing scan or missing hook, per
burst of failed sign-ins, per change to a watched file. Never a secret's value.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from vigil.secretscan import hooks, runbooks
from vigil.secretscan.models import AuthFailureBurst, SecretFinding
from vigil.secretscan.services import RepositoryScan
from vigil.secretscan.watch import FileChange

MARKER = "vigil_security"
# Leaked values raised one by one in a scan; the rest share one summary alert.
MAX_VALUE_ALERTS = 20
MAX_PLACES = 20


@dataclass
class SecurityAlert:
    alert: dict  # one alert object of the generic contract
    finding_ids: list[int] = field(default_factory=list)
    burst_id: int | None = None


def payload(alert: SecurityAlert) -> dict:
    return {MARKER: 1, "alerts": [alert.alert]}


def _repo_name(path: str) -> str:
    return Path(path).name.removesuffix(".git") or path


def _alert(name, fingerprint, severity, description, labels, annotations, group, status="firing"):
    return {
        "name": name,
        "status": status,
        "severity": severity,
        "fingerprint": fingerprint,
        "labels": labels,
        "annotations": annotations,
        "description": description,
        "started_at": timezone.now().isoformat(),
        "group": group,
    }


def _place(row: SecretFinding) -> dict:
    return {
        "path": row.path,
        "member": row.member,
        "line": row.line,
        "commit": row.commit,
        "author": row.author,
        "committed_at": row.committed_at.isoformat() if row.committed_at else None,
    }


def _where(row: SecretFinding) -> str:
    where = f"{row.path}:{row.line}" + (f" (member {row.member})" if row.member else "")
    if row.commit:
        when = row.committed_at.date().isoformat() if row.committed_at else "?"
        where += f", commit {row.commit[:12]} by {row.author or '?'} on {when}"
    return where


def _numbered(title: str, steps: list[str]) -> str:
    return "\n".join([title, *(f"{n}. {step}" for n, step in enumerate(steps, start=1))])


def secret_alert(
    scan: RepositoryScan, fingerprint: str, rows: list[SecretFinding]
) -> SecurityAlert:
    first, repo = rows[0], _repo_name(scan.path)
    kind = first.kind
    rotation = runbooks.rotation(kind)
    lines = [f"{first.rule} {first.preview} in {repo}: {_where(first)}"]
    lines += [f"also {_where(r)}" for r in rows[1:MAX_PLACES]]
    if len(rows) > MAX_PLACES:
        lines.append(f"… and {len(rows) - MAX_PLACES} more place(s) (admin: Secret findings)")
    description = "\n\n".join(
        ["\n".join(lines), _numbered("Rotate:", rotation), _numbered("Clean up:", runbooks.CLEANUP)]
    )
    alert = _alert(
        name=f"secret leaked in {repo}: {first.rule}",
        fingerprint=f"secretscan:{scan.path}:{fingerprint}",
        severity="warning" if first.confidence == "low" else "critical",
        description=description,
        labels={"repository": scan.path, "rule": first.rule, "kind": kind, "check": "secret"},
        annotations={
            "fingerprint": fingerprint,
            "preview": first.preview,
            "confidence": first.confidence,
            "places": [_place(r) for r in rows[:MAX_PLACES]],
            "place_count": len(rows),
            "rotation": rotation,
            "cleanup": runbooks.CLEANUP,
        },
        group=scan.path,
    )
    return SecurityAlert(alert, [r.pk for r in rows])


def repository_alerts(scan: RepositoryScan) -> list[SecurityAlert]:
    alerts = []
    values = list(scan.new.items())
    for fingerprint, rows in values[:MAX_VALUE_ALERTS]:
        alerts.append(secret_alert(scan, fingerprint, rows))
    if len(values) > MAX_VALUE_ALERTS:
        alerts.append(_more_values(scan, values[MAX_VALUE_ALERTS:]))
    alerts += [_suspicious(scan, added) for added in scan.suspicious[:MAX_VALUE_ALERTS]]
    alerts += _scan_health(scan)
    return alerts


def _more_values(scan: RepositoryScan, rest) -> SecurityAlert:
    repo = _repo_name(scan.path)
    rules = sorted({rows[0].rule for _, rows in rest})
    ids = [r.pk for _, rows in rest for r in rows]
    description = (
        f"{len(rest)} more leaked value(s) in {repo} ({', '.join(rules)}): review them in "
        "the admin (Secret findings) or the console, rotate each, then clean the history.\n\n"
        + _numbered("Clean up:", runbooks.CLEANUP)
    )
    alert = _alert(
        f"{len(rest)} more secrets leaked in {repo}",
        f"secretscan:{scan.path}:more:{min(fp for fp, _ in rest)}",
        "critical",
        description,
        {"repository": scan.path, "rule": "several", "check": "secret"},
        {"values": len(rest), "rules": rules, "cleanup": runbooks.CLEANUP},
        scan.path,
    )
    return SecurityAlert(alert, ids)


def _suspicious(scan: RepositoryScan, added) -> SecurityAlert:
    repo = _repo_name(scan.path)
    description = (
        f"{added.path} was added to {repo} in commit {added.commit[:12]} by {added.author} "
        f"on {added.date[:10]}. Files like it hold credentials: remove it from the "
        "repository, add it to .gitignore, rotate what it holds, and clean the history.\n\n"
        + _numbered("Clean up:", runbooks.CLEANUP)
    )
    alert = _alert(
        f"sensitive file added to {repo}: {added.path}",
        f"secretscan:file:{scan.path}:{added.path}:{added.commit}",
        "warning",
        description,
        {"repository": scan.path, "path": added.path, "check": "suspicious_file"},
        {"commit": added.commit, "author": added.author, "email": added.email, "date": added.date},
        scan.path,
    )
    return SecurityAlert(alert)


def _scan_health(scan: RepositoryScan) -> list[SecurityAlert]:
    repo, alerts = _repo_name(scan.path), []
    failed = f"secret scan of {repo} fails"
    if scan.error:
        description = f"{scan.path} could not be scanned: {scan.error}"
        alerts.append(SecurityAlert(_health(scan, failed, "scan", description)))
    elif scan.previous_error:
        alerts.append(SecurityAlert(_health(scan, failed, "scan", "scanned again", "resolved")))
    if scan.hook in (hooks.MISSING, hooks.DISABLED):
        description = (
            f"The pre-commit secret hook is {scan.hook} in {scan.path}: new commits are not "
            f"checked before they leave the machine. Install it: vigil scan_secrets "
            f"--install-hook {scan.path} (or the pre-commit framework hook vigil-secretscan)."
        )
        name = f"pre-commit secret hook {scan.hook} in {repo}"
        alerts.append(SecurityAlert(_health(scan, name, "hook", description)))
    elif scan.hook == hooks.INSTALLED and scan.previous_hook in (hooks.MISSING, hooks.DISABLED):
        name = f"pre-commit secret hook {scan.previous_hook} in {repo}"
        alerts.append(SecurityAlert(_health(scan, name, "hook", "installed again", "resolved")))
    return alerts


def _health(scan, name, what, description, status="firing") -> dict:
    return _alert(
        name,
        f"secretscan:{what}:{scan.path}",
        "warning",
        description,
        {"repository": scan.path, "check": f"secret_{what}"},
        {},
        scan.path,
        status=status,
    )


def burst_alert(burst: AuthFailureBurst) -> SecurityAlert:
    what = burst.get_kind_display()
    window = f"{burst.window_start:%Y-%m-%d %H:%M} UTC"
    description = (
        f"At least {burst.count} {what} from {burst.source} in the window starting {window}"
        + (f" (last user name tried: {burst.last_username})" if burst.last_username else "")
        + ". If this is not someone you know, block the address at the firewall or proxy, "
        "and check the audit log for a sign-in that succeeded from it."
    )
    alert = _alert(
        f"{what} from {burst.source}",
        f"secretscan:auth:{burst.kind}:{burst.source}",
        "warning",
        description,
        {"source_ip": burst.source, "kind": burst.kind, "check": "auth_failures"},
        {"count": burst.count, "window_start": burst.window_start.isoformat()},
        burst.source,
    )
    return SecurityAlert(alert, burst_id=burst.pk)


def file_alert(change: FileChange) -> SecurityAlert:
    parts = [f"{change.path} was {change.what}."]
    if change.names_added or change.names_removed:
        parts.append(
            f"Variables added: {', '.join(change.names_added) or 'none'}; "
            f"removed: {', '.join(change.names_removed) or 'none'}."
        )
    if change.mode_before != change.mode_after:
        parts.append(f"Permissions {change.mode_before:o} → {change.mode_after:o}.")
    parts.append("If nobody you know changed it, treat its secrets as exposed and rotate them.")
    alert = _alert(
        f"watched file {change.what}: {change.path}",
        f"secretscan:watched:{change.path}:{timezone.now().isoformat()}",
        "warning",
        " ".join(parts),
        {"path": change.path, "check": "watched_file"},
        {
            "what": change.what,
            "names_added": list(change.names_added),
            "names_removed": list(change.names_removed),
            "mode_before": oct(change.mode_before),
            "mode_after": oct(change.mode_after),
        },
        change.path,
    )
    return SecurityAlert(alert)
