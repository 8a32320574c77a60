"""Callback data of the bot's buttons, authenticated: `<action>:<arg>:<expiry>:<mac>`.

Telegram hands a button's data back as the user pressed it, but anyone can send a
callback query with data of their choosing: each one carries an HMAC (a key derived
from DJANGO_SECRET_KEY) over the action, its argument and an expiry, so a forged or
stale press is refused. The whole string stays within Telegram's 64 bytes.
"""

import base64
import hashlib
import hmac
import time
from dataclasses import dataclass

from django.conf import settings

# Acknowledge, resolve, show an incident, a page of the incident list.
ACTIONS = frozenset({"ack", "res", "inc", "page"})
BUTTON_SECONDS = 7 * 24 * 3600  # a notification's buttons work for a week
MAX_DATA = 64


class CallbackError(ValueError):
    """A press that is refused; the message is safe to show the person."""


@dataclass(frozen=True)
class Callback:
    action: str
    arg: int


def _key() -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), b"vigil.bot.callback", hashlib.sha256).digest()


def _mac(payload: str) -> str:
    digest = hmac.new(_key(), payload.encode(), hashlib.sha256).digest()[:12]
    return base64.urlsafe_b64encode(digest).decode()


def sign(action: str, arg: int, *, now: float | None = None, seconds: int = BUTTON_SECONDS) -> str:
    if action not in ACTIONS:
        raise ValueError(f"unknown button action {action!r}")
    expiry = int((time.time() if now is None else now) + seconds)
    payload = f"{action}:{int(arg)}:{expiry:x}"
    data = f"{payload}:{_mac(payload)}"
    assert len(data.encode()) <= MAX_DATA
    return data


def verify(data: str, *, now: float | None = None) -> Callback:
    payload, _, mac = (data or "").rpartition(":")
    if not payload or not hmac.compare_digest(_mac(payload), mac):
        raise CallbackError("this button is not one of Vigil's; nothing was done")
    action, arg, expiry = payload.split(":")
    if int(expiry, 16) < (time.time() if now is None else now):
        raise CallbackError("this button has expired; use /incident to act on the incident")
    return Callback(action, int(arg))
