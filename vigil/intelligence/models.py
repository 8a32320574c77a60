from django.db import models
from django.db.models import Q

from vigil.core.security.crypto import EncryptedJSONField


def provider_choices() -> list[tuple[str, str]]:
    # The registry loads every provider (about 0.1 s): imported when the choices are
    # first listed (a form, a validation), not at every command's set-up.
    from vigil.intelligence.providers import provider_choices as registered

    return registered()


class IntelligenceProvider(models.Model):
    """A configured provider. The active one analyses incidents; none active means local."""

    name = models.CharField(max_length=100, unique=True)
    provider = models.CharField(max_length=32, choices=provider_choices)
    # Model name, base URL, API key…: validated by the provider's Config, encrypted at rest.
    config = EncryptedJSONField(default=dict, blank=True)
    is_active = models.BooleanField(default=False)
    last_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # The database, not the code, guarantees one active provider at a time.
            models.UniqueConstraint(
                fields=["is_active"],
                condition=Q(is_active=True),
                name="one_active_intelligence_provider",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.provider}{', active' if self.is_active else ''})"


class AnalysisRun(models.Model):
    class Outcome(models.TextChoices):
        OK = "ok"
        FALLBACK = "fallback"  # the chosen provider failed; local answered
        FAILED = "failed"

    run_id = models.CharField(max_length=64, blank=True, default="", db_index=True)
    incident_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    scope = models.CharField(max_length=16, default="incident")
    # What was asked for, and what answered (they differ when the fallback was used).
    requested_provider = models.CharField(max_length=32)
    provider_name = models.CharField(max_length=100, blank=True, default="")
    provider = models.CharField(max_length=32)
    model = models.CharField(max_length=200, blank=True, default="")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    fallback_used = models.BooleanField(default=False)
    error = models.TextField(blank=True, default="")
    summary = models.TextField(blank=True, default="")
    recommendations = models.JSONField(default=list, blank=True)
    prompt_tokens = models.PositiveIntegerField(null=True, blank=True)
    completion_tokens = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    provider_duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["incident_id", "-started_at"]),
            models.Index(fields=["started_at"]),  # retention purge
        ]

    def __str__(self) -> str:
        return f"analysis {self.pk} by {self.provider} ({self.outcome})"
