"""The polling loop in this process against the fake Bot API: what it asks Telegram,
in what order, and how it waits after flood limits and network errors."""

import asyncio
import threading
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from vigil.alerts.models import Incident
from vigil.bot import runner
from vigil.bot.models import ChatSubscription, ProcessedUpdate


@pytest.fixture
def running_bot(fake_telegram, transactional_db):
    started = []

    def start(push_every: float = 60.0):
        state = {}

        def main():
            async def go():
                state["loop"], state["stop"] = asyncio.get_running_loop(), asyncio.Event()
                await runner.run(state["stop"], push_every=push_every)

            asyncio.run(go())

        thread = threading.Thread(target=main, daemon=True)
        thread.start()
        started.append((thread, state))
        fake_telegram.wait_for("getUpdates")

    yield start
    for thread, state in started:
        state["loop"].call_soon_threadsafe(state["stop"].set)
        thread.join(10)
        assert not thread.is_alive()


def test_polls_handles_and_confirms_the_offset(fake_telegram, running_bot, linked, incident):
    linked()
    one = incident()
    update = fake_telegram.message(f"/ack {one.pk}")
    running_bot()
    fake_telegram.wait_for("sendMessage")
    assert [c.method for c in fake_telegram.calls[:4]] == [
        "getMe", "deleteWebhook", "setMyCommands", "getUpdates",
    ]  # fmt: skip
    assert fake_telegram.calls[1].params == {"drop_pending_updates": False}
    assert [c["command"] for c in fake_telegram.commands] == [
        "help", "link", "unlink", "incidents", "incident", "ack", "resolve", "status",
        "report", "scan", "subscribe", "mute", "bind",
    ]  # fmt: skip
    first = fake_telegram.of("getUpdates")[0].params
    assert first["timeout"] == 25 and first["allowed_updates"] == ["message", "callback_query"]
    assert Incident.objects.get(pk=one.pk).status == "acknowledged"
    assert ProcessedUpdate.objects.filter(update_id=update["update_id"]).exists()
    # The next long poll confirms the update: Telegram forgets it.
    confirm = fake_telegram.wait_for("getUpdates", 2)[1].params
    assert confirm["offset"] == update["update_id"] + 1
    assert fake_telegram.pending() == []


def test_retry_after_is_honoured(fake_telegram, running_bot, db):
    fake_telegram.fail_next("sendMessage", 429, description="Too Many Requests: retry after 1",
                            parameters={"retry_after": 1})  # fmt: skip
    fake_telegram.message("/help")
    running_bot()
    first, second = fake_telegram.wait_for("sendMessage", 2)
    assert second.at - first.at >= 1.0
    assert first.params == second.params


def test_network_errors_back_off(fake_telegram, running_bot, db):
    for _ in range(2):
        fake_telegram.fail_next("getUpdates", 502, description="Bad Gateway")
    running_bot()
    calls = fake_telegram.wait_for("getUpdates", 3)
    assert calls[1].at - calls[0].at >= 0.5  # backoff(1): 0.5–1 s
    assert calls[2].at - calls[1].at >= 1.0  # backoff(2): 1–2 s


def test_backoff_grows_to_a_ceiling():
    assert 0.5 <= runner.backoff(1) <= 1.0
    assert 4.0 <= runner.backoff(4) <= 8.0
    assert 30.0 <= runner.backoff(50) <= 60.0


def test_new_incidents_reach_subscribed_chats_once(fake_telegram, running_bot, linked, incident):
    ChatSubscription.objects.create(chat_id=42, severities=["critical"])
    wanted = incident("db down")
    incident("noise", severity="info")
    running_bot(push_every=0.05)
    (pushed,) = fake_telegram.wait_for("sendMessage")
    assert pushed.params["chat_id"] == 42
    assert pushed.params["text"].startswith(f"🚨 🔴 <b>#{wanted.pk}</b> db down · open")
    labels = [b["text"] for b in pushed.params["reply_markup"]["inline_keyboard"][0]]
    assert labels == ["✅ Acknowledge", "✔️ Resolve"]
    time.sleep(0.3)  # several more rounds
    assert len(fake_telegram.of("sendMessage")) == 1


def test_muted_chat_gets_nothing(fake_telegram, running_bot, incident):
    ChatSubscription.objects.create(chat_id=42, muted_until=timezone.now() + timedelta(hours=1))
    incident()
    running_bot(push_every=0.05)
    time.sleep(0.3)
    assert fake_telegram.of("sendMessage") == []
