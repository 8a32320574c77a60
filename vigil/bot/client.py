"""The bot's Bot API client: python-telegram-bot's ExtBot on the outbound guard.

Every request goes through `AsyncSafeTransport` (URL check, address pinning, size cap)
as `HTTPXRequest`'s httpx client, and through a rate limiter that keeps to Telegram's
flood limits and sleeps out a `retry_after`.
"""

import contextlib

from aiolimiter import AsyncLimiter
from django.conf import settings
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from vigil.bot.config import BotNotConfigured, token
from vigil.core.security.outbound import RefusedURLError, validated
from vigil.core.security.transports import safe_async_client_options

LONG_POLL_SECONDS = 25
# Telegram: about one message a second in one chat (groups: 20 a minute, all chats:
# 30 a second, which AIORateLimiter applies).
PER_CHAT_RATE = 1.0
RETRIES_AFTER_FLOOD = 3


def api_base_url() -> str:
    """TELEGRAM_API_BASE_URL, checked like every outbound URL."""
    base = settings.TELEGRAM_API_BASE_URL.rstrip("/")
    try:
        validated(base + "/", None, None)
    except RefusedURLError as exc:
        raise BotNotConfigured(f"TELEGRAM_API_BASE_URL is refused: {exc}") from None
    return base


class FloodLimiter(AIORateLimiter):
    """PTB's limiter (30/s overall, 20/min per group, retries after a RetryAfter) plus
    Telegram's one message a second in a private chat."""

    def __init__(self) -> None:
        super().__init__(max_retries=RETRIES_AFTER_FLOOD)
        self._chats: dict[int, AsyncLimiter] = {}

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        chat_id = data.get("chat_id")
        chat = None
        if isinstance(chat_id, int) and chat_id > 0:
            if len(self._chats) > 4096:  # forget chats whose capacity is back to full
                self._chats = {k: v for k, v in self._chats.items() if not v.has_capacity(1)}
            chat = self._chats.setdefault(chat_id, AsyncLimiter(1, 1 / PER_CHAT_RATE))
        async with chat or contextlib.nullcontext():
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )


def make_bot() -> ExtBot:
    secret = token()
    base = api_base_url()
    options = safe_async_client_options(timeout=LONG_POLL_SECONDS + 15)
    updates_options = safe_async_client_options(timeout=LONG_POLL_SECONDS + 15)
    return ExtBot(
        secret,
        base_url=f"{base}/bot",
        base_file_url=f"{base}/file/bot",
        request=HTTPXRequest(connection_pool_size=64, httpx_kwargs=options),
        get_updates_request=HTTPXRequest(
            connection_pool_size=1,
            read_timeout=LONG_POLL_SECONDS + 10,
            httpx_kwargs=updates_options,
        ),
        rate_limiter=FloodLimiter(),
    )
