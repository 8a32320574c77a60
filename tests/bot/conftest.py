import asyncio
import itertools

import pytest
from django.contrib.auth.models import Group

from tests.support.fake_telegram import TOKEN, FakeTelegram
from vigil.alerts.models import Incident
from vigil.bot import client, dispatch, linking
from vigil.bot.models import ChatBinding
from vigil.bot.replies import perform
from vigil.core.roles import Role

_groups = itertools.count(1)


@pytest.fixture
def fake_telegram(settings):
    """The fake Bot API, and the bot configured to use it (127.0.0.1 let through the
    outbound guard for this test only)."""
    fake = FakeTelegram().start()
    settings.TELEGRAM_BOT_TOKEN = TOKEN
    settings.TELEGRAM_API_BASE_URL = fake.url
    settings.SSRF_ALLOWED_HOSTS = [*settings.SSRF_ALLOWED_HOSTS, "127.0.0.1"]
    yield fake
    fake.stop()


@pytest.fixture
def incident(db):
    def make(title="Disk full on db-1", **fields):
        defaults = {"source": "generic", "group_key": f"g{next(_groups)}", "severity": "critical"}
        return Incident.objects.create(title=title, **(defaults | fields))

    return make


@pytest.fixture
def linked(make_user):
    """A Vigil user with `role`, linked to Telegram user `telegram_id`."""

    def make(username="alice", role="responder", telegram_id=42):
        # A transactional test flushed the role groups that a migration made.
        for name in Role.values:
            Group.objects.get_or_create(name=name)
        user = make_user(username, role)
        code = linking.issue_code(user).code
        linking.link(code, telegram_id, f"{username}_tg")
        return user

    return make


@pytest.fixture
def bound_group(db):
    def make(chat_id=-100200, lanes=()):
        return ChatBinding.objects.create(chat_id=chat_id, title="ops", lanes=list(lanes))

    return make


@pytest.fixture
def talk(fake_telegram, db):
    """Hand one update (as the fake holds it) to the bot and send its replies through the
    real python-telegram-bot to the fake; returns the replies."""

    def send(update: dict):
        replies = dispatch.handle(update, "vigil_test_bot")

        async def answer():
            bot = client.make_bot()
            async with bot:
                await perform(bot, replies)

        if replies:
            asyncio.run(answer())
        return replies

    return send
