"""The bot's state, in the main database: who is linked, which chats hear what, which
updates were already handled."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class LinkCode(models.Model):
    """A one-time code that links a Telegram user to this Vigil user: stored as its
    SHA-256 digest, valid LINK_CODE_MINUTES, used at most once."""

    digest = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="telegram_codes"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"link code {self.pk} for user {self.user_id}"


class TelegramLink(models.Model):
    """One Telegram user acts as one Vigil user, with that user's role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="telegram_link"
    )
    telegram_user_id = models.BigIntegerField(unique=True)
    telegram_username = models.CharField(max_length=64, blank=True, default="")
    linked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"telegram {self.telegram_user_id} -> user {self.user_id}"


class ChatBinding(models.Model):
    """A group chat an admin allowed the bot to answer in, and the lanes whose
    incidents it sees (none listed: every lane)."""

    chat_id = models.BigIntegerField(unique=True)
    title = models.CharField(max_length=255, blank=True, default="")
    lanes = models.JSONField(default=list, blank=True)
    bound_by = models.CharField(max_length=150, blank=True, default="")
    bound_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.title or 'chat'} ({self.chat_id})"


class ChatSubscription(models.Model):
    """What a chat is sent as incidents open: severities and lanes (empty: all), and a
    mute until a time."""

    chat_id = models.BigIntegerField(unique=True)
    severities = models.JSONField(default=list, blank=True)
    lanes = models.JSONField(default=list, blank=True)
    muted_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"subscription of chat {self.chat_id}"


class ProcessedUpdate(models.Model):
    """A Telegram update already handled, written in the handling's own transaction:
    one fetched again after a restart is skipped, never acted on twice."""

    update_id = models.BigIntegerField(primary_key=True)
    processed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["processed_at"], name="bot_update_processed")]

    def __str__(self) -> str:
        return f"update {self.update_id}"


class PushedIncident(models.Model):
    """An incident already announced to a subscribed chat (sent at most once)."""

    chat_id = models.BigIntegerField()
    incident_id = models.BigIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["chat_id", "incident_id"], name="bot_pushed_once")
        ]

    def __str__(self) -> str:
        return f"incident {self.incident_id} to chat {self.chat_id}"
