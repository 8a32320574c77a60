"""System checks for the bot's settings (light: no python-telegram-bot at start-up)."""

import re

from django.conf import settings
from django.core.checks import Error, Warning, register

TOKEN = re.compile(r"[0-9]{5,16}:[A-Za-z0-9_-]{30,64}")


@register()
def bot_settings(app_configs, **kwargs):
    if not settings.TELEGRAM_BOT_TOKEN:
        return []
    errors = []
    if not TOKEN.fullmatch(settings.TELEGRAM_BOT_TOKEN):
        errors.append(Warning(
            "TELEGRAM_BOT_TOKEN does not look like a bot token (<digits>:<30+ characters>)",
            hint="Copy the token @BotFather gave you, whole.", id="vigil.bot.W001",
        ))  # fmt: skip
    base = settings.TELEGRAM_API_BASE_URL
    if not base.startswith(("https://", "http://")):
        errors.append(Error(
            f"TELEGRAM_API_BASE_URL={base[:100]!r} is not an http(s) URL",
            hint="Leave it unset for https://api.telegram.org.", id="vigil.bot.E001",
        ))  # fmt: skip
    return errors
