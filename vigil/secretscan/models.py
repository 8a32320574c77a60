from django.db import models
from django.utils import timezone


class ScannedRepository(models.Model):
    # The path as configured in SECRETSCAN_REPOSITORIES (resolved through the path guard).
    path = models.CharField(max_length=1024, unique=True)
    # Ref tips at the end of the last scan: the next scan reads only newer commits.
    tips = models.JSONField(default=list, blank=True)
    last_scan_at = models.DateTimeField(null=True, blank=True)
    last_history_scan_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    # The pre-commit hook as last seen: installed, missing, disabled, or "" for a bare
    # mirror (hooks run where people commit, not on a server's copy).
    hook_state = models.CharField(max_length=16, blank=True, default="")

    class Meta:
        verbose_name_plural = "scanned repositories"

    def __str__(self) -> str:
        return self.path


class Triage(models.TextChoices):
    """What a person decided about a leaked value (every row of the value shares it).

    open: nobody has decided yet; the value counts as leaked.
    false_positive: not a credential; the value is never reported again in this
        repository.
    revoked: the credential was revoked or rotated at its issuer, so the value is dead;
        later occurrences are not reported again.
    fixed: revoked and removed from the code (and from history, if purged); if the
        value shows up again it is reported as a new leak.
    """

    OPEN = "open", "open"
    FALSE_POSITIVE = "false_positive", "false positive"
    REVOKED = "revoked", "revoked"
    FIXED = "fixed", "fixed"


# Triage states that keep a value from being reported again.
SILENCING_TRIAGE = (Triage.FALSE_POSITIVE, Triage.REVOKED)


class Confidence(models.TextChoices):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class SecretFinding(models.Model):
    """One place (file, line, commit) where a leaked value occurs."""

    repository = models.ForeignKey(
        ScannedRepository, on_delete=models.CASCADE, related_name="findings"
    )
    rule = models.CharField(max_length=64)
    # What the credential is (aws, database, private-key, telegram…): its rotation steps.
    kind = models.CharField(max_length=32, default="token")
    # SHA-256 of the value; the value itself is never stored.
    fingerprint = models.CharField(max_length=71)
    path = models.CharField(max_length=1024)
    # For a value inside an archive: the member's name in the archive at `path`.
    member = models.CharField(max_length=1024, blank=True, default="")
    line = models.PositiveIntegerField(default=0)
    # Empty for a finding in a branch's tree that history has not attributed yet.
    commit = models.CharField(max_length=40, blank=True, default="")
    author = models.CharField(max_length=255, blank=True, default="")
    email = models.CharField(max_length=255, blank=True, default="")
    committed_at = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField(default=timezone.now)
    # Set when the value is no longer in the tree of HEAD.
    resolved_at = models.DateTimeField(null=True, blank=True)
    preview = models.CharField(max_length=64)
    confidence = models.CharField(
        max_length=8, choices=Confidence.choices, default=Confidence.MEDIUM
    )
    incident_id = models.PositiveIntegerField(null=True, blank=True)
    triage = models.CharField(max_length=16, choices=Triage.choices, default=Triage.OPEN)
    triage_note = models.TextField(blank=True, default="")
    triaged_by = models.CharField(max_length=150, blank=True, default="")
    triaged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-first_seen_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["repository", "fingerprint", "path", "member", "commit"],
                name="secretscan_one_finding_per_place",
            )
        ]
        indexes = [
            models.Index(fields=["repository", "resolved_at"]),
            models.Index(fields=["repository", "fingerprint"]),
            models.Index(fields=["triage"]),
        ]

    def __str__(self) -> str:
        return f"{self.rule} in {self.path}@{self.commit[:12]}"

    @property
    def time_to_detect(self):
        return self.first_seen_at - self.committed_at if self.committed_at else None

    @property
    def time_to_remediate(self):
        return self.resolved_at - self.first_seen_at if self.resolved_at else None


class AuthFailureBurst(models.Model):
    """A source that crossed the failed sign-in or refused API key threshold in a window.

    Written once per (kind, source, window) by the signal receivers in `watch.py`; the
    scheduler turns unsent rows into alerts.
    """

    SIGN_IN = "sign_in"
    API_KEY = "api_key"
    KINDS = [(SIGN_IN, "failed sign-ins"), (API_KEY, "refused API keys")]

    kind = models.CharField(max_length=16, choices=KINDS)
    source = models.CharField(max_length=64)  # the client's address
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField()
    last_username = models.CharField(max_length=150, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "source", "window_start"], name="secretscan_one_burst_per_window"
            )
        ]
        indexes = [models.Index(fields=["sent_at"])]

    def __str__(self) -> str:
        return f"{self.count} {self.get_kind_display()} from {self.source}"


class WatchedFile(models.Model):
    """The last seen state of a file in SECURITY_WATCHED_FILES; never its content."""

    path = models.CharField(max_length=1024, unique=True)
    exists = models.BooleanField(default=True)
    digest = models.CharField(max_length=71, blank=True, default="")
    mode = models.PositiveIntegerField(default=0)
    # Variable names (never values) of an environment file, to say which were added.
    names = models.JSONField(default=list, blank=True)
    checked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.path
