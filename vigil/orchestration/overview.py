"""The console's Overview figures, each one query over an indexed column."""

from datetime import timedelta

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncDay, TruncHour
from django.utils import timezone

from vigil.alerts.models import ACTIVE_INCIDENT_STATUSES, AlertHistory, Incident, Severity
from vigil.core.timefmt import iso
from vigil.notify.models import NotificationChannel
from vigil.orchestration.queue import queue_stats

ALERT_EVENTS = (AlertHistory.Event.CREATED, AlertHistory.Event.REFIRED)
NOISIEST = 10


def _volume(since, trunc, step: timedelta, buckets: int) -> list[dict]:
    rows = (
        AlertHistory.objects.filter(at__gte=since, event__in=ALERT_EVENTS)
        .annotate(bucket=trunc("at"))
        .order_by()
        .values("bucket")
        .annotate(n=Count("pk"))
    )
    found = {row["bucket"]: row["n"] for row in rows}
    first = timezone.localtime(since).replace(minute=0, second=0, microsecond=0)
    if step >= timedelta(days=1):
        first = first.replace(hour=0)
    return [
        {"at": iso(first + step * n), "alerts": found.get(first + step * n, 0)}
        for n in range(buckets + 1)
    ]


def _seconds(value) -> float | None:
    return round(value.total_seconds(), 1) if value is not None else None


def _mtta_mttr(since) -> dict:
    opened = Incident.objects.filter(opened_at__gte=since)
    spans = opened.aggregate(
        mtta=Avg(
            ExpressionWrapper(F("acknowledged_at") - F("opened_at"), output_field=DurationField()),
            filter=Q(acknowledged_at__isnull=False),
        ),
        mttr=Avg(
            ExpressionWrapper(F("resolved_at") - F("opened_at"), output_field=DurationField()),
            filter=Q(resolved_at__isnull=False),
        ),
        acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
        resolved=Count("pk", filter=Q(resolved_at__isnull=False)),
        opened=Count("pk"),
    )
    return {
        "mtta_seconds": _seconds(spans["mtta"]),
        "mttr_seconds": _seconds(spans["mttr"]),
        "incidents_opened": spans["opened"],
        "incidents_acknowledged": spans["acknowledged"],
        "incidents_resolved": spans["resolved"],
    }


def _noisiest(since) -> list[dict]:
    rows = (
        AlertHistory.objects.filter(at__gte=since, event__in=ALERT_EVENTS, alert__isnull=False)
        .order_by()
        .values("alert_id", "alert__name", "alert__source")
        .annotate(n=Count("pk"))
        .order_by("-n", "alert_id")[:NOISIEST]
    )
    return [
        {"alert_id": r["alert_id"], "name": r["alert__name"], "source": r["alert__source"],
         "firings": r["n"]}
        for r in rows
    ]  # fmt: skip


def _channels_in_error() -> list[dict]:
    rows = NotificationChannel.objects.filter(
        Q(active=False) | Q(consecutive_failures__gt=0) | Q(last_success_at__isnull=True,
                                                           last_error_at__isnull=False)
        | Q(last_error_at__gt=F("last_success_at"))
    ).order_by("name")  # fmt: skip
    return [
        {"name": row.name, "driver": row.driver, "active": row.active,
         "last_error": row.last_error, "last_error_at": iso(row.last_error_at),
         "consecutive_failures": row.consecutive_failures}
        for row in rows
    ]  # fmt: skip


def overview() -> dict:
    now = timezone.now()
    open_by_severity = dict(
        Incident.objects.filter(status__in=ACTIVE_INCIDENT_STATUSES)
        .order_by()
        .values_list("severity")
        .annotate(n=Count("pk"))
    )
    week = now - timedelta(days=7)
    return {
        "generated_at": iso(now),
        "open_by_severity": {level: open_by_severity.get(level, 0) for level in Severity.values},
        "alerts_24h": _volume(now - timedelta(hours=23), TruncHour, timedelta(hours=1), 23),
        "alerts_7d": _volume(now - timedelta(days=6), TruncDay, timedelta(days=1), 6),
        "last_7_days": _mtta_mttr(week),
        "noisiest_alerts": _noisiest(week),
        "channels_in_error": _channels_in_error(),
        "queue_depth": queue_stats().depth,
    }
