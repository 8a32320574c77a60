"""The read-only answers: an incident, the open list, /status, /report and /scan, as
Telegram HTML."""

import html
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone

from vigil.alerts.models import ACTIVE_INCIDENT_STATUSES, Incident, IncidentStatus
from vigil.bot import callbacks
from vigil.bot.replies import Buttons
from vigil.checkers.models import CheckRun
from vigil.notify.models import NotificationChannel
from vigil.orchestration.models import PipelineRun, RunStatus
from vigil.orchestration.queue import queue_stats
from vigil.orchestration.timeline import timeline
from vigil.secretscan.models import ScannedRepository, SecretFinding, Triage

PAGE_SIZE = 5
SEVERITY_MARK = {"critical": "🔴", "warning": "🟠", "info": "🔵"}


def esc(value) -> str:
    return html.escape(str(value), quote=False)


def when(at: datetime | None) -> str:
    if at is None:
        return "—"
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M %Z")


def in_lanes(queryset, lanes: list[str]):
    """Incidents that a run routed on one of `lanes` (no lanes: every incident)."""
    if not lanes:
        return queryset
    return queryset.filter(
        pk__in=PipelineRun.objects.filter(definition_name__in=lanes).values("incident_id")
    )


def action_buttons(incident: Incident) -> Buttons:
    row = []
    if incident.status == IncidentStatus.OPEN:
        row.append(("✅ Acknowledge", callbacks.sign("ack", incident.pk)))
    if incident.status in ACTIVE_INCIDENT_STATUSES:
        row.append(("✔️ Resolve", callbacks.sign("res", incident.pk)))
    return [row] if row else []


def incident_line(incident: Incident) -> str:
    mark = SEVERITY_MARK.get(incident.severity, "•")
    return f"{mark} <b>#{incident.pk}</b> {esc(incident.title[:120])} · {incident.status}"


@dataclass(frozen=True)
class ListPage:
    text: str
    buttons: Buttons


def incident_page(offset: int, lanes: list[str]) -> ListPage:
    active = in_lanes(Incident.objects.filter(status__in=ACTIVE_INCIDENT_STATUSES), lanes)
    total = active.count()
    offset = max(0, min(offset, max(total - 1, 0)))
    rows = list(active.order_by("-opened_at", "-id")[offset : offset + PAGE_SIZE])
    if not rows:
        return ListPage("No open incidents. 🎉", [])
    head = f"<b>Open incidents</b> {offset + 1}–{offset + len(rows)} of {total}"
    buttons: Buttons = [
        [(f"#{row.pk} {row.title[:40]}", callbacks.sign("inc", row.pk))] for row in rows
    ]
    nav = []
    if offset > 0:
        nav.append(("‹ Newer", callbacks.sign("page", max(offset - PAGE_SIZE, 0))))
    if offset + PAGE_SIZE < total:
        nav.append(("Older ›", callbacks.sign("page", offset + PAGE_SIZE)))
    if nav:
        buttons.append(nav)
    return ListPage("\n".join([head, *map(incident_line, rows)]), buttons)


def incident_detail(incident: Incident) -> str:
    lines = [
        incident_line(incident),
        f"Severity: {incident.severity} · source: {esc(incident.source)}",
        f"Opened: {when(incident.opened_at)}",
    ]
    if incident.acknowledged_at:
        lines.append(
            f"Acknowledged: {when(incident.acknowledged_at)} by {esc(incident.acknowledged_by)}"
        )
    if incident.resolved_at:
        lines.append(f"Resolved: {when(incident.resolved_at)} by {esc(incident.resolved_by)}")
    story = timeline(incident)
    checks = [entry for entry in story if entry["kind"] == "health_check"][-3:]
    for entry in checks:
        lines.append(f"Check: {esc(entry['title'])} at {when(entry['at'])}")
    analyses = [entry for entry in story if entry["kind"] == "analysis"]
    if analyses:
        lines.append(f"<i>Analysis:</i> {esc(analyses[-1]['title'])}")
    return "\n".join(lines)


def status_text() -> str:
    stats = queue_stats()
    workers = (
        PipelineRun.objects.filter(status=RunStatus.PROCESSING, lease_expires_at__gt=timezone.now())
        .order_by()
        .values("claimed_by")
        .distinct()
        .count()
    )
    last_check = CheckRun.objects.order_by("-created_at").first()
    failing = list(
        NotificationChannel.objects.filter(
            Q(active=False) | Q(consecutive_failures__gt=0)
        ).order_by("name")[:10]
    )
    lines = [
        "<b>Vigil status</b>",
        f"Queue: {stats.depth} waiting ({stats.due} due), {stats.processing} processing, "
        f"{stats.stuck} stuck, {stats.failed_last_hour} failed in the last hour",
        f"Workers holding runs: {workers}",
    ]
    if last_check is None:
        lines.append("Last health check: none yet")
    else:
        lines.append(
            f"Last health check: {esc(last_check.checker)} {last_check.status} at "
            f"{when(last_check.created_at)}"
        )
    if failing:
        names = ", ".join(
            f"{esc(c.name)} ({'disabled' if not c.active else f'{c.consecutive_failures} failures'})"
            for c in failing
        )
        lines.append(f"Channels in error: {names}")
    else:
        lines.append("Channels in error: none")
    return "\n".join(lines)


def _minutes(duration: timedelta | None) -> str:
    if duration is None:
        return "—"
    minutes = duration.total_seconds() / 60
    return f"{minutes:.0f} min" if minutes < 120 else f"{minutes / 60:.1f} h"


def _period(since: datetime) -> str:
    opened = Incident.objects.filter(opened_at__gte=since)
    acked = Incident.objects.filter(acknowledged_at__gte=since)
    resolved = Incident.objects.filter(resolved_at__gte=since)
    mtta = acked.aggregate(
        d=Avg(
            ExpressionWrapper(F("acknowledged_at") - F("opened_at"), output_field=DurationField())
        )
    )["d"]
    mttr = resolved.aggregate(
        d=Avg(ExpressionWrapper(F("resolved_at") - F("opened_at"), output_field=DurationField()))
    )["d"]
    by_severity = dict(
        opened.order_by()
        .values_list("severity")
        .annotate(n=Count("pk"))
        .values_list("severity", "n")
    )
    severities = ", ".join(f"{name} {n}" for name, n in sorted(by_severity.items())) or "none"
    return (
        f"opened {opened.count()} ({severities}), acknowledged {acked.count()}, "
        f"resolved {resolved.count()}; MTTA {_minutes(mtta)}, MTTR {_minutes(mttr)}"
    )


def report_text(now: datetime | None = None) -> str:
    now = now or timezone.now()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return "\n".join(
        [
            "<b>Incident report</b>",
            f"<b>Today:</b> {_period(today)}",
            f"<b>Last 7 days:</b> {_period(now - timedelta(days=7))}",
            f"Open now: {Incident.objects.filter(status__in=ACTIVE_INCIDENT_STATUSES).count()}",
        ]
    )


def scan_text() -> str:
    findings = SecretFinding.objects.filter(resolved_at__isnull=True, triage=Triage.OPEN)
    by_confidence = dict(
        findings.order_by()
        .values_list("confidence")
        .annotate(n=Count("pk"))
        .values_list("confidence", "n")
    )
    repositories = ScannedRepository.objects.count()
    last = ScannedRepository.objects.exclude(last_scan_at=None).order_by("-last_scan_at").first()
    errors = ScannedRepository.objects.exclude(last_error="").count()
    confidence = ", ".join(f"{name} {n}" for name, n in sorted(by_confidence.items())) or "none"
    return "\n".join(
        [
            "<b>Secret scanning</b>",
            f"Repositories: {repositories} ({errors} with errors)",
            f"Open findings: {sum(by_confidence.values())} ({confidence})",
            f"Last scan: {when(last.last_scan_at) if last else 'never'}",
        ]
    )
