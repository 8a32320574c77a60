import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class SignIn(models.Model):
    """One console sign-in: the family of refresh tokens handed out since the login.

    Access tokens name it (`sid`), so revoking it (logout, a reused refresh token)
    ends every token of the family at once.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_ins"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_refreshed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=100, blank=True, default="")
    ip = models.CharField(max_length=64, blank=True, default="")
    user_agent = models.CharField(max_length=300, blank=True, default="")

    def __str__(self) -> str:
        return f"sign-in {self.id} ({self.user_id})"


class RefreshToken(models.Model):
    """A refresh token, stored as its SHA-256 digest; it may be used once."""

    digest = models.CharField(max_length=64, unique=True)
    sign_in = models.ForeignKey(SignIn, on_delete=models.CASCADE, related_name="tokens")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"refresh token {self.pk} of {self.sign_in_id}"


class AuditEvent(models.Model):
    """Who did what to access, when, from where. Written, never edited."""

    class Kind(models.TextChoices):
        LOGIN = "login"
        LOGIN_FAILED = "login_failed"
        LOGIN_THROTTLED = "login_throttled"
        LOGOUT = "logout"
        REFRESH_REUSED = "refresh_reused"
        USER_CREATED = "user_created"
        USER_CHANGED = "user_changed"
        KEY_CREATED = "key_created"
        KEY_REVOKED = "key_revoked"
        TELEGRAM_CODE = "telegram_code"
        TELEGRAM_LINKED = "telegram_linked"
        TELEGRAM_UNLINKED = "telegram_unlinked"
        TELEGRAM_ACTION = "telegram_action"
        TELEGRAM_CHAT_BOUND = "telegram_chat_bound"

    at = models.DateTimeField(default=timezone.now)
    event = models.CharField(max_length=32, choices=Kind.choices)
    # The account concerned, as typed at sign-in (kept when the user is deleted).
    username = models.CharField(max_length=150, blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who acted, when not the account itself (an admin creating a user or a key).
    actor = models.CharField(max_length=200, blank=True, default="")
    ip = models.CharField(max_length=64, blank=True, default="")
    user_agent = models.CharField(max_length=300, blank=True, default="")
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["-at", "-id"], name="audit_at")]

    def __str__(self) -> str:
        return f"{self.event} {self.username} at {self.at:%Y-%m-%d %H:%M:%S}"
