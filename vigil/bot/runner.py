"""`vigil bot`'s loop: long polling, handling, pushing new incidents to subscribed chats.

An offset is confirmed to Telegram (the next getUpdates) only after every update of the
batch before it was handled and committed: a process killed at any point gets the
unconfirmed updates again at its next start, and `ProcessedUpdate` skips those it had
already handled. Updates of one chat are handled in order; chats in parallel.
"""

import asyncio
import contextlib
import logging
import random
import time
from collections import defaultdict

from telegram import BotCommand
from telegram.error import InvalidToken, NetworkError, RetryAfter, TelegramError

from vigil.bot import client, dispatch, push
from vigil.bot.commands import COMMANDS
from vigil.bot.replies import perform

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query"]
PARALLEL_CHATS = 8
BACKOFF_BASE, BACKOFF_MAX = 1.0, 60.0


def backoff(failures: int) -> float:
    """Seconds before the next try after `failures` network errors in a row (jittered)."""
    ceiling = min(BACKOFF_MAX, BACKOFF_BASE * 2 ** min(failures - 1, 10))
    return ceiling / 2 + random.random() * ceiling / 2  # noqa: S311 - jitter, not a secret


async def prepare(bot) -> None:
    """Before polling: no webhook (Telegram refuses getUpdates while one is set), and the
    command list that clients show."""
    await bot.delete_webhook(drop_pending_updates=False)
    await bot.set_my_commands([BotCommand(name, c.description) for name, c in COMMANDS.items()])


class Outbox:
    """Replies go out in the background, in order within each chat: the next long poll
    (which confirms the batch) waits only for the handling to commit, not for Telegram to
    take the answers."""

    def __init__(self, bot) -> None:
        self._bot = bot
        self._last: dict[object, asyncio.Task] = {}

    def send(self, chat, replies: list) -> None:
        if not replies:
            return
        task = asyncio.create_task(self._send(self._last.get(chat), replies))
        self._last[chat] = task
        task.add_done_callback(lambda done: self._last.get(chat) is done and self._last.pop(chat))

    async def _send(self, previous: asyncio.Task | None, replies: list) -> None:
        if previous is not None:
            await asyncio.wait([previous])
        await perform(self._bot, replies)

    async def drain(self, timeout: float = 10.0) -> None:
        if self._last:
            await asyncio.wait(list(self._last.values()), timeout=timeout)


async def handle_batch(bot, updates: list[dict], outbox: Outbox) -> None:
    """Handle (and commit) each update, chats in parallel, one chat's in order."""
    chats: dict[object, list[dict]] = defaultdict(list)
    for data in updates:
        chats[_chat_of(data)].append(data)
    gate = asyncio.Semaphore(PARALLEL_CHATS)

    async def one_chat(chat, items: list[dict]) -> None:
        async with gate:
            for data in items:
                started = time.monotonic()
                replies = await asyncio.to_thread(dispatch.handle, data, bot.username)
                outbox.send(chat, replies)
                logger.info("telegram update %s handled in %.1f ms", data.get("update_id"),
                            (time.monotonic() - started) * 1000)  # fmt: skip

    await asyncio.gather(*(one_chat(chat, items) for chat, items in chats.items()))


def _chat_of(data: dict):
    for kind in ("message", "edited_message"):
        if isinstance(data.get(kind), dict):
            return (data[kind].get("chat") or {}).get("id")
    query = data.get("callback_query")
    if isinstance(query, dict):
        return ((query.get("message") or {}).get("chat") or {}).get("id")
    return None


async def poll(bot, stop: asyncio.Event, *, timeout: int = client.LONG_POLL_SECONDS) -> None:
    outbox = Outbox(bot)
    try:
        await _poll(bot, stop, timeout, outbox)
    finally:
        await outbox.drain()


async def _poll(bot, stop: asyncio.Event, timeout: int, outbox: Outbox) -> None:
    offset = None
    failures = 0
    while not stop.is_set():
        try:
            updates = await bot.get_updates(
                offset=offset, timeout=timeout, allowed_updates=ALLOWED_UPDATES
            )
        except RetryAfter as exc:
            await _sleep(stop, exc.retry_after.total_seconds()
                         if hasattr(exc.retry_after, "total_seconds") else exc.retry_after)  # fmt: skip
            continue
        except InvalidToken:
            raise
        except (NetworkError, TelegramError) as exc:
            failures += 1
            wait = backoff(failures)
            logger.warning("telegram getUpdates failed (%s); again in %.1f s",
                           exc.__class__.__name__, wait)  # fmt: skip
            await _sleep(stop, wait)
            continue
        failures = 0
        if updates:
            await handle_batch(bot, [update.to_dict() for update in updates], outbox)
            offset = updates[-1].update_id + 1


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


async def push_loop(bot, stop: asyncio.Event, every: float) -> None:
    while not stop.is_set():
        try:
            for chat_id, replies in (await asyncio.to_thread(push.due)).items():
                await perform(bot, replies)
                logger.info("telegram pushed %d incidents to chat %s", len(replies), chat_id)
        except Exception:
            logger.exception("telegram push failed; again in %.0f s", every)
        await _sleep(stop, every)


async def run(stop: asyncio.Event, *, push_every: float = push.PUSH_SECONDS) -> None:
    bot = client.make_bot()
    async with bot:  # getMe, the rate limiter started
        await prepare(bot)
        logger.info("telegram bot @%s polling", bot.username)
        tasks = [
            asyncio.create_task(poll(bot, stop)),
            asyncio.create_task(push_loop(bot, stop, push_every)),
        ]
        waiter = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait([*tasks, waiter], return_when=asyncio.FIRST_COMPLETED)
        for task in [*tasks, waiter]:
            task.cancel()
        await asyncio.gather(*tasks, waiter, return_exceptions=True)
        for task in done:
            if task is not waiter and task.exception() is not None:
                raise task.exception()
