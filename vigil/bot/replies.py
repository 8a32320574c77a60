"""What handling an update asks the bot to send: plain data, sent by `perform`.

Handling (`dispatch.py`) runs in a worker thread against the database and returns these;
only `perform` touches the network, on the event loop, after the handling committed.
"""

import logging
from dataclasses import dataclass, field

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from vigil.notify.telegram_html import truncate_html

logger = logging.getLogger(__name__)

# Rows of (label, callback data).
Buttons = list[list[tuple[str, str]]]


@dataclass(frozen=True)
class Send:
    chat_id: int
    text: str
    buttons: Buttons = field(default_factory=list)


@dataclass(frozen=True)
class Edit:
    chat_id: int
    message_id: int
    text: str
    buttons: Buttons = field(default_factory=list)


@dataclass(frozen=True)
class Answer:
    callback_id: str
    text: str = ""
    alert: bool = False


Reply = Send | Edit | Answer


def markup(buttons: Buttons) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=data) for label, data in row]
            for row in buttons
        ]
    )


async def perform(bot, replies: list[Reply]) -> None:
    """Send each reply in order. A Telegram refusal of one (a message since deleted, an
    edit that changes nothing) is logged and the others still go out; flood waits are
    the rate limiter's (it sleeps retry_after and tries again)."""
    for reply in replies:
        try:
            await _perform(bot, reply)
        except BadRequest as exc:
            logger.warning("telegram refused %s: %s", type(reply).__name__, exc.message[:200])
        except TelegramError as exc:
            logger.warning("telegram %s failed: %s", type(reply).__name__, exc.__class__.__name__)


async def _perform(bot, reply: Reply) -> None:
    if isinstance(reply, Answer):
        await bot.answer_callback_query(
            reply.callback_id, text=reply.text[:200] or None, show_alert=reply.alert
        )
    elif isinstance(reply, Edit):
        await bot.edit_message_text(
            truncate_html(reply.text), chat_id=reply.chat_id, message_id=reply.message_id,
            parse_mode=ParseMode.HTML, reply_markup=markup(reply.buttons),
            disable_web_page_preview=True,
        )  # fmt: skip
    else:
        await bot.send_message(
            reply.chat_id, truncate_html(reply.text), parse_mode=ParseMode.HTML,
            reply_markup=markup(reply.buttons), disable_web_page_preview=True,
        )  # fmt: skip
