"""Acknowledge / Resolve buttons on the notify driver's Telegram messages.

Only on messages sent with the bot's own token: a press reaches the bot that sent the
message, so a channel on another bot gets no buttons that nobody would answer.
"""

import hmac

from django.conf import settings

from vigil.bot import callbacks
from vigil.notify import hooks


def incident_buttons(message, config) -> dict | None:
    token = settings.TELEGRAM_BOT_TOKEN
    if not token or message.incident_id is None or message.status == "resolved":
        return None
    if not hmac.compare_digest(config.bot_token.encode(), token.encode()):
        return None
    row = []
    if message.status == "firing":
        row.append(
            {"text": "✅ Acknowledge", "callback_data": callbacks.sign("ack", message.incident_id)}
        )
    row.append({"text": "✔️ Resolve", "callback_data": callbacks.sign("res", message.incident_id)})
    return {"inline_keyboard": [row]}


def register() -> None:
    hooks.register_telegram_buttons(incident_buttons)
