"""The bot's settings as the rest of the bot reads them; light (no python-telegram-bot),
so that `vigil serve`'s webhook route loads the bot only when an update arrives."""

import hashlib
import hmac

from django.conf import settings


class BotNotConfigured(ValueError):
    """The bot cannot run as configured; the message says what to set."""


def token() -> str:
    value = settings.TELEGRAM_BOT_TOKEN
    if not value:
        raise BotNotConfigured(
            "TELEGRAM_BOT_TOKEN is not set; create a bot with @BotFather (docs/bot.md) "
            "and set TELEGRAM_BOT_TOKEN or TELEGRAM_BOT_TOKEN_FILE"
        )
    return value


def webhook_secret() -> str:
    """The secret_token Telegram sends back with each webhook update; derived, so it is
    nothing more to configure and changes with the bot token."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"telegram-webhook:" + token().encode(), hashlib.sha256).hexdigest()
