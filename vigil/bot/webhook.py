"""Webhook mode: registering the webhook, and answering an update that views.receive
let through."""

import asyncio
import logging

from vigil.bot import client, dispatch
from vigil.bot.config import webhook_secret
from vigil.bot.replies import perform
from vigil.bot.runner import ALLOWED_UPDATES, prepare

logger = logging.getLogger(__name__)
PATH = "/telegram/webhook/"


class WebhookURLError(ValueError):
    pass


async def register(url: str) -> None:
    if not url.startswith("https://") or not url.endswith(PATH):
        raise WebhookURLError(
            f"--set-webhook needs an https URL ending in {PATH}, got {url[:200]!r}"
        )
    bot = client.make_bot()
    async with bot:
        await prepare(bot)  # also drops any earlier webhook
        await bot.set_webhook(url, secret_token=webhook_secret(),
                              allowed_updates=ALLOWED_UPDATES)  # fmt: skip


async def unregister() -> None:
    bot = client.make_bot()
    async with bot:
        await bot.delete_webhook(drop_pending_updates=False)


async def _answer(replies) -> None:
    bot = client.make_bot()
    async with bot:
        await perform(bot, replies)


def handle_update(data: dict) -> None:
    replies = dispatch.handle(data)
    if replies:
        try:
            asyncio.run(_answer(replies))
        except Exception as exc:  # the update is handled; a lost reply is only logged
            logger.warning("telegram webhook reply failed: %s", exc.__class__.__name__)
