"""Webhook mode: Telegram POSTs each update to /telegram/webhook/ of `vigil serve`.

The request must carry X-Telegram-Bot-Api-Secret-Token, the secret_token given to
setWebhook, compared in constant time; anything else gets 403 and nothing is done.
"""

import asyncio
import hmac
import json
import logging

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from vigil.bot import client, dispatch
from vigil.bot.replies import perform
from vigil.bot.runner import ALLOWED_UPDATES, prepare
from vigil.core.responses import json_error

logger = logging.getLogger(__name__)
SECRET_HEADER = "HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN"  # noqa: S105 - a header name
MAX_BODY = 1024 * 1024
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
        await bot.set_webhook(url, secret_token=client.webhook_secret(),
                              allowed_updates=ALLOWED_UPDATES)  # fmt: skip


async def unregister() -> None:
    bot = client.make_bot()
    async with bot:
        await bot.delete_webhook(drop_pending_updates=False)


async def _answer(replies) -> None:
    bot = client.make_bot()
    async with bot:
        await perform(bot, replies)


@csrf_exempt
@require_POST
def receive(request):
    if not settings.TELEGRAM_BOT_TOKEN:
        return json_error(404, "the Telegram bot is not configured")
    given = request.META.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), client.webhook_secret().encode()):
        return json_error(403, "wrong or missing X-Telegram-Bot-Api-Secret-Token")
    if len(request.body) > MAX_BODY:
        return json_error(413, f"an update is at most {MAX_BODY} bytes")
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return json_error(400, "the body is not JSON")
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        return json_error(400, "not a Telegram update: no integer update_id")
    replies = dispatch.handle(data)
    if replies:
        try:
            asyncio.run(_answer(replies))
        except Exception as exc:  # the update is handled; a lost reply is only logged
            logger.warning("telegram webhook reply failed: %s", exc.__class__.__name__)
    return HttpResponse(status=200)
