"""One Telegram update in, the replies out: who is asking, may they, and what to do.

`handle()` is what both the polling loop and the webhook view call. It runs the whole
handling in one transaction that also stores the update's id, so an update fetched
again after a restart (even a kill -9 between fetching and handling) is acted on once.
"""

import logging

from django.db import IntegrityError, transaction
from telegram import Update

from vigil.bot import commands
from vigil.bot.asker import asker_for
from vigil.bot.models import ProcessedUpdate
from vigil.bot.replies import Answer, Reply, Send

logger = logging.getLogger(__name__)


def handle(data: dict, bot_username: str = "") -> list[Reply]:
    """The replies to one update (a dict as Telegram sent it); [] for one already handled."""
    update_id = data.get("update_id")
    if not isinstance(update_id, int):
        return []
    with transaction.atomic():
        try:
            with transaction.atomic():
                ProcessedUpdate.objects.create(update_id=update_id)
        except IntegrityError:
            logger.info("telegram update %s already handled; skipped", update_id)
            return []
        try:
            with transaction.atomic():  # a failure undoes the handling, not the id
                return _route(Update.de_json(data, None), bot_username)
        except Exception:
            # A bug must not wedge the bot on one update that fails at every restart:
            # it is logged, answered, and counted as handled.
            logger.exception("telegram update %s failed", update_id)
            return _failure_reply(data)


def _route(update: Update, bot_username: str) -> list[Reply]:
    if update.callback_query is not None:
        query = update.callback_query
        if query.message is None or query.from_user is None:
            return [Answer(query.id, "This button no longer works.")]
        asker = asker_for(query.message.chat, query.from_user)
        return commands.press(asker, query)
    message = update.message
    if message is None or message.from_user is None or not message.text:
        return []  # edits, joins, channel posts: nothing to answer
    text = message.text.strip()
    if not text.startswith("/"):
        return []  # plain chatter (groups see it only with privacy mode off)
    word, _, rest = text.partition(" ")
    name, _, addressee = word[1:].partition("@")
    if addressee and bot_username and addressee.lower() != bot_username.lower():
        return []  # a command for another bot in the same group
    asker = asker_for(message.chat, message.from_user)
    asker.rest = rest.strip()
    asker.args = asker.rest.split()
    return commands.run(asker, name.lower())


def _failure_reply(data: dict) -> list[Reply]:
    query = data.get("callback_query")
    if isinstance(query, dict) and query.get("id"):
        return [Answer(str(query["id"]), "Something went wrong; nothing was changed.", alert=True)]
    chat = ((data.get("message") or {}).get("chat") or {}).get("id")
    if isinstance(chat, int):
        return [Send(chat, "Something went wrong handling that; nothing was changed.")]
    return []
