from django.db import models
from django.db.models import Q

from vigil.core.security.crypto import EncryptedJSONField


def driver_choices() -> list[tuple[str, str]]:
    # The drivers (pydantic, the HTTP client, Jinja) load when the choices are first
    # listed (a form, a validation), not at every command's set-up.
    from vigil.notify.drivers import DRIVERS

    return [(slug, cls.label) for slug, cls in DRIVERS.items()]


class NotificationChannel(models.Model):
    name = models.CharField(max_length=100, unique=True)
    driver = models.CharField(max_length=32, choices=driver_choices)
    # The driver's Config as a dict; credentials inside, so encrypted at rest.
    config = EncryptedJSONField(default=dict)
    active = models.BooleanField(default=True)
    min_interval_seconds = models.FloatField(
        default=0, help_text="at least this many seconds between two messages (0: driver default)"
    )
    last_error = models.TextField(blank=True, default="")
    last_error_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    # Permanent failures in a row; the channel is disabled at NOTIFY_DISABLE_AFTER.
    consecutive_failures = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.driver})"


class Delivery(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued"
        SENDING = "sending"
        SENT = "sent"
        FAILED = "failed"  # permanent error: retrying cannot help
        DEAD = "dead"  # transient errors until the attempts ran out

    # "<run_id>:<channel id>" for pipeline runs, so a resumed run finds its row;
    # "api:<uuid>:<n>" for direct sends.
    idempotency_key = models.CharField(max_length=200, unique=True)
    run_id = models.CharField(max_length=64, blank=True, default="", db_index=True)
    channel = models.ForeignKey(
        NotificationChannel, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="deliveries",
    )  # fmt: skip
    channel_name = models.CharField(max_length=100, blank=True, default="")
    driver = models.CharField(max_length=32)
    # Only for a send to a driver without a saved channel, so a retry can be made.
    config = EncryptedJSONField(null=True, blank=True)
    message = models.JSONField(default=dict)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # While SENDING: another worker may take the row over after this time.
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    external_id = models.CharField(max_length=255, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "deliveries"
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["queued", "sending"]),
                name="delivery_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel_name or self.driver} {self.status} ({self.idempotency_key})"
