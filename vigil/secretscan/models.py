from django.db import models
from django.utils import timezone


class ScannedRepository(models.Model):
    # The path as configured in SECRETSCAN_REPOSITORIES (resolved through the path guard).
    path = models.CharField(max_length=1024, unique=True)
    # Ref tips at the end of the last scan: the next scan reads only newer commits.
    tips = models.JSONField(default=list, blank=True)
    last_scan_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")

    class Meta:
        verbose_name_plural = "scanned repositories"

    def __str__(self) -> str:
        return self.path


class SecretFinding(models.Model):
    repository = models.ForeignKey(
        ScannedRepository, on_delete=models.CASCADE, related_name="findings"
    )
    rule = models.CharField(max_length=64)
    # SHA-256 of the value; the value itself is never stored.
    fingerprint = models.CharField(max_length=71)
    path = models.CharField(max_length=1024)
    line = models.PositiveIntegerField(default=0)
    commit = models.CharField(max_length=40, blank=True, default="")
    author = models.CharField(max_length=255, blank=True, default="")
    email = models.CharField(max_length=255, blank=True, default="")
    committed_at = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField(default=timezone.now)
    # Set when the value is no longer in the tree of HEAD.
    resolved_at = models.DateTimeField(null=True, blank=True)
    preview = models.CharField(max_length=64)
    incident_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-first_seen_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["repository", "fingerprint", "path", "commit"],
                name="secretscan_one_finding_per_place",
            )
        ]
        indexes = [models.Index(fields=["repository", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.rule} in {self.path}@{self.commit[:12]}"

    @property
    def time_to_detect(self):
        return self.first_seen_at - self.committed_at if self.committed_at else None

    @property
    def time_to_remediate(self):
        return self.resolved_at - self.first_seen_at if self.resolved_at else None
