"""What a higher layer adds to notifications, registered at its start-up: notify never
imports the bot. Light on purpose (no drivers, no pydantic): apps register in ready()."""

from collections.abc import Callable
from typing import Any

# (Notification, TelegramConfig) -> a Bot API reply_markup, or None.
TelegramButtons = Callable[[Any, Any], dict[str, Any] | None]
_telegram_buttons: list[TelegramButtons] = []


def register_telegram_buttons(hook: TelegramButtons) -> None:
    if hook not in _telegram_buttons:
        _telegram_buttons.append(hook)


def telegram_buttons(message, config) -> dict[str, Any] | None:
    """The first inline keyboard a registered hook gives for this message."""
    for hook in _telegram_buttons:
        markup = hook(message, config)
        if markup:
            return markup
    return None
