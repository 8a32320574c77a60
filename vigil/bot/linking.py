"""Linking a Telegram user to a Vigil user with a one-time code, and unlinking."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from vigil.accounts.audit import Kind, record
from vigil.bot.models import LinkCode, TelegramLink

LINK_CODE_MINUTES = 10
# 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L): ~40 bits, typed once.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


class LinkError(ValueError):
    """Why a code did not link; safe to show."""


@dataclass(frozen=True)
class IssuedCode:
    code: str
    expires_at: object


def _digest(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def issue_code(user, *, actor: str = "") -> IssuedCode:
    """A new code for `user`; earlier unused codes of theirs stop working."""
    code = "".join(secrets.choice(_ALPHABET) for _ in range(CODE_LENGTH))
    now = timezone.now()
    expires = now + timedelta(minutes=LINK_CODE_MINUTES)
    with transaction.atomic():
        LinkCode.objects.filter(user=user, used_at__isnull=True).delete()
        LinkCode.objects.create(digest=_digest(code), user=user, created_at=now, expires_at=expires)
    record(Kind.TELEGRAM_CODE, user=user, actor=actor or user.username)
    return IssuedCode(code, expires)


@transaction.atomic
def link(code: str, telegram_user_id: int, telegram_username: str = "") -> TelegramLink:
    now = timezone.now()
    if not code or len(code) > 32:
        raise LinkError("usage: /link CODE (the code from your Vigil profile page)")
    entry = (
        LinkCode.objects.select_for_update()
        .select_related("user")
        .filter(digest=_digest(code), used_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if entry is None or not entry.user.is_active:
        raise LinkError("that code is unknown, used or expired; create a new one in Vigil")
    entry.used_at = now
    entry.save(update_fields=["used_at"])
    TelegramLink.objects.filter(telegram_user_id=telegram_user_id).delete()
    TelegramLink.objects.filter(user=entry.user).delete()
    try:
        with transaction.atomic():
            found = TelegramLink.objects.create(
                user=entry.user,
                telegram_user_id=telegram_user_id,
                telegram_username=telegram_username[:64],
            )
    except IntegrityError:  # a concurrent /link of the same person won
        raise LinkError(
            "this Telegram account was linked a moment ago; try /unlink first"
        ) from None
    record(Kind.TELEGRAM_LINKED, user=entry.user, actor=f"telegram:{telegram_user_id}",
           telegram_user_id=telegram_user_id, telegram_username=telegram_username[:64])  # fmt: skip
    return found


def unlink(telegram_user_id: int) -> bool:
    found = TelegramLink.objects.select_related("user").filter(telegram_user_id=telegram_user_id)
    entry = found.first()
    if entry is None:
        return False
    entry.delete()
    record(Kind.TELEGRAM_UNLINKED, user=entry.user, actor=f"telegram:{telegram_user_id}",
           telegram_user_id=telegram_user_id)  # fmt: skip
    return True
