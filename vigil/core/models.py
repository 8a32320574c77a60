import hashlib
import secrets

from django.db import models

from vigil.core.roles import Role

KEY_PREFIX = "vgl_"
DISPLAY_PREFIX_LENGTH = 8


def digest_key(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


class ApiKey(models.Model):
    """An API credential. Only the SHA-256 digest is stored; the raw key is shown once."""

    name = models.CharField(max_length=100, unique=True)
    prefix = models.CharField(max_length=DISPLAY_PREFIX_LENGTH, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(default=True)
    # What the key may do, like a user's role; its allowed endpoints narrow it further.
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.ADMIN)
    allowed_endpoints = models.JSONField(
        default=list,
        blank=True,
        help_text='Path prefixes this key may call, e.g. ["/alerts/webhook/"]. Empty: all.',
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "API key"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.masked})"

    @property
    def masked(self) -> str:
        return f"{self.prefix}***"

    @staticmethod
    def new_raw_key() -> str:
        return KEY_PREFIX + secrets.token_urlsafe(32)

    def set_key(self, raw_key: str) -> None:
        self.prefix = raw_key[:DISPLAY_PREFIX_LENGTH]
        self.digest = digest_key(raw_key)

    def allows(self, path: str) -> bool:
        return not self.allowed_endpoints or any(
            path.startswith(prefix) for prefix in self.allowed_endpoints
        )
