from django.db import models


class CheckRun(models.Model):
    """One checker's result for one target, as run by a command, the API or a schedule."""

    class Status(models.TextChoices):
        OK = "ok"
        WARNING = "warning"
        CRITICAL = "critical"
        UNKNOWN = "unknown"

    class Source(models.TextChoices):
        CLI = "cli"
        API = "api"
        PIPELINE = "pipeline"
        SCHEDULE = "schedule"

    # A slug from CHECKERS. Not `choices=`: a new checker is then one registry line, not
    # also a migration in this app. Rows come only from run_checks, which refuses names
    # that are not in the registry.
    checker = models.CharField(max_length=32)
    target = models.CharField(max_length=500, blank=True, default="")
    status = models.CharField(max_length=16, choices=Status.choices)
    message = models.TextField()
    metrics = models.JSONField(default=dict, blank=True)
    thresholds = models.JSONField(default=dict, blank=True)
    duration_ms = models.FloatField(default=0)
    node = models.CharField(max_length=255, blank=True, default="")
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.CLI)
    # The results of one suite run share a batch id, so "the last run" is one query.
    batch = models.UUIDField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["checker", "-created_at"])]

    def __str__(self) -> str:
        target = f" {self.target}" if self.target else ""
        return f"{self.checker}{target}: {self.status}"
