from django.db import models
from django.db.models import Q
from django.utils import timezone


class Severity(models.TextChoices):
    CRITICAL = "critical"
    WARNING = "warning"
    INFO = "info"


class AlertStatus(models.TextChoices):
    FIRING = "firing"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class IncidentStatus(models.TextChoices):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"
    CLOSED = "closed"


ACTIVE_INCIDENT_STATUSES = (IncidentStatus.OPEN, IncidentStatus.ACKNOWLEDGED)
SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.CRITICAL: 2}


class Incident(models.Model):
    title = models.CharField(max_length=500)
    status = models.CharField(
        max_length=16, choices=IncidentStatus.choices, default=IncidentStatus.OPEN
    )
    severity = models.CharField(max_length=16, choices=Severity.choices, default=Severity.WARNING)
    source = models.CharField(max_length=32)
    # Alerts with the same group key share one active incident (fingerprint by default).
    group_key = models.CharField(max_length=255)
    environment = models.CharField(max_length=64, blank=True, default="")
    labels = models.JSONField(default=dict, blank=True)
    flapping = models.BooleanField(default=False)
    opened_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.CharField(max_length=150, blank=True, default="")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.CharField(max_length=150, blank=True, default="")
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.CharField(max_length=150, blank=True, default="")
    resolution_note = models.TextField(blank=True, default="")
    # The user name of the person looking after it (empty: nobody yet).
    assignee = models.CharField(max_length=150, blank=True, default="")
    # Flap detection over a fixed window: counted on the row, so deciding costs no query.
    flap_window_started_at = models.DateTimeField(null=True, blank=True)
    flap_transitions = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-opened_at"]
        # One index per filter the console's list offers, each ending in its sort order,
        # so every filter reads a page from an index (bench/console.py shows the plans).
        indexes = [
            models.Index(fields=["status", "-opened_at"], name="incident_status_opened"),
            models.Index(fields=["-opened_at", "-id"], name="incident_opened"),
            models.Index(fields=["-updated_at", "-id"], name="incident_updated"),
            models.Index(fields=["severity", "-opened_at"], name="incident_severity_opened"),
            models.Index(fields=["source", "-opened_at"], name="incident_source_opened"),
            # Status and severity together (the list's usual pair): the two single
            # indexes left PostgreSQL a bitmap AND and a sort of every match, 8 ms a page.
            models.Index(
                fields=["status", "severity", "-opened_at", "-id"],
                name="incident_status_sev_opened",
            ),
            # Assigned incidents only: most have nobody, and scanning by opened_at for one
            # person's read 1.6 ms of rows a page.
            models.Index(
                fields=["assignee", "-opened_at", "-id"],
                name="incident_assignee_opened",
                condition=~Q(assignee=""),
            ),
        ]
        constraints = [
            # At most one active incident per group: the database, not the code, is the
            # last line against two concurrent webhooks opening the same incident twice.
            models.UniqueConstraint(
                fields=["group_key"],
                condition=Q(status__in=["open", "acknowledged"]),
                name="one_active_incident_per_group",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    def snapshot(self, alerts=None) -> dict:
        """Plain data handed to the pipeline stages. `alerts`: this incident's alerts in
        their default order, when the caller read them already (a worker's batch)."""
        return {
            "id": self.pk,
            "title": self.title,
            "status": self.status,
            "severity": self.severity,
            "source": self.source,
            "environment": self.environment,
            "flapping": self.flapping,
            "labels": self.labels,
            "opened_at": self.opened_at.isoformat() if self.opened_at else None,
            "acknowledged_by": self.acknowledged_by,
            "resolved_at": self.resolved_at.isoformat() if self.resolved_at else None,
            "resolved_by": self.resolved_by,
            "resolution_note": self.resolution_note,
            "alerts": [
                alert.snapshot() for alert in (self.alerts.all() if alerts is None else alerts)
            ],
        }


class Alert(models.Model):
    source = models.CharField(max_length=32)
    fingerprint = models.CharField(max_length=255)
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts"
    )
    name = models.CharField(max_length=500)
    status = models.CharField(max_length=16, choices=AlertStatus.choices)
    severity = models.CharField(max_length=16, choices=Severity.choices)
    severity_raw = models.CharField(max_length=64, blank=True, default="")
    labels = models.JSONField(default=dict, blank=True)
    annotations = models.JSONField(default=dict, blank=True)
    description = models.TextField(blank=True, default="")
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Set by the ingest service (bulk writes skip auto_now).
    first_seen_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    # Identical notifications received after the first: counted, not stored.
    duplicate_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-last_seen_at"]
        indexes = [models.Index(fields=["status", "-last_seen_at"], name="alert_status_seen")]
        constraints = [
            models.UniqueConstraint(fields=["source", "fingerprint"], name="alert_identity")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.name} ({self.status})"

    def snapshot(self) -> dict:
        return {
            "id": self.pk,
            "source": self.source,
            "fingerprint": self.fingerprint,
            "name": self.name,
            "status": self.status,
            "severity": self.severity,
            "labels": self.labels,
            "annotations": self.annotations,
            "description": self.description,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
        }


class AlertHistory(models.Model):
    """The timeline: alert transitions, and incident transitions (alert is then null)."""

    class Event(models.TextChoices):
        CREATED = "created"
        REFIRED = "refired"
        RESOLVED = "resolved"
        ACKNOWLEDGED = "acknowledged"
        SEVERITY_CHANGED = "severity_changed"
        INCIDENT_OPENED = "incident_opened"
        INCIDENT_REOPENED = "incident_reopened"
        INCIDENT_ACKNOWLEDGED = "incident_acknowledged"
        INCIDENT_RESOLVED = "incident_resolved"
        INCIDENT_CLOSED = "incident_closed"
        FLAPPING_STARTED = "flapping_started"
        FLAPPING_STOPPED = "flapping_stopped"
        COMMENTED = "commented"
        ASSIGNED = "assigned"

    alert = models.ForeignKey(
        Alert, null=True, blank=True, on_delete=models.CASCADE, related_name="history"
    )
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.SET_NULL, related_name="history"
    )
    event = models.CharField(max_length=32, choices=Event.choices)
    from_status = models.CharField(max_length=16, blank=True, default="")
    to_status = models.CharField(max_length=16, blank=True, default="")
    by = models.CharField(max_length=150, blank=True, default="")
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name_plural = "alert history"
        # The Overview's alert volume and noisiest alerts read recent events by time.
        indexes = [models.Index(fields=["at"], name="alerthistory_at")]

    def __str__(self) -> str:
        return f"{self.event} at {self.at:%Y-%m-%d %H:%M:%S}"
