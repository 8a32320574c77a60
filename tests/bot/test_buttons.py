"""Acknowledge / Resolve buttons: authenticated callback data, one change per press."""

import time

from tests.support.fake_telegram import TOKEN
from vigil.alerts.models import AlertHistory, Incident
from vigil.bot import callbacks
from vigil.notify.drivers.telegram import TelegramDriver
from vigil.notify.message import Notification


def answers(fake) -> list[dict]:
    return [call.params for call in fake.of("answerCallbackQuery")]


def edits(fake) -> list[dict]:
    return [call.params for call in fake.of("editMessageText")]


def test_press_acknowledges_edits_the_message_and_answers(fake_telegram, talk, linked, incident):
    linked()
    one = incident()
    talk(fake_telegram.press(callbacks.sign("ack", one.pk), text="[FIRING] Disk full on db-1"))
    one.refresh_from_db()
    assert (one.status, one.acknowledged_by) == ("acknowledged", "alice")
    (edit,) = edits(fake_telegram)
    assert edit["chat_id"] == 42 and edit["message_id"] == 77
    assert edit["text"].startswith(
        "[FIRING] Disk full on db-1\n\n✅ Acknowledged by <b>alice</b> at "
    )
    assert [b["text"] for b in edit["reply_markup"]["inline_keyboard"][0]] == ["✔️ Resolve"]
    (answer,) = answers(fake_telegram)
    assert answer["text"] == f"Acknowledged #{one.pk}"


def test_second_press_is_idempotent(fake_telegram, talk, linked, incident):
    linked()
    one = incident()
    data = callbacks.sign("ack", one.pk)
    talk(fake_telegram.press(data))
    talk(fake_telegram.press(data))
    assert len(edits(fake_telegram)) == 1
    assert answers(fake_telegram)[1]["text"] == f"#{one.pk} is already acknowledged (by alice)"
    assert AlertHistory.objects.filter(incident=one, event="incident_acknowledged").count() == 1


def test_resolve_press(fake_telegram, talk, linked, incident):
    linked()
    one = incident(status="acknowledged")
    talk(fake_telegram.press(callbacks.sign("res", one.pk)))
    assert Incident.objects.get(pk=one.pk).status == "resolved"
    (edit,) = edits(fake_telegram)
    assert "✔️ Resolved by <b>alice</b>" in edit["text"] and "reply_markup" not in edit


def test_forged_callback_is_refused(fake_telegram, talk, linked, incident):
    linked()
    one = incident()
    genuine = callbacks.sign("ack", one.pk)
    action, _, expiry, mac = genuine.split(":")
    forged = f"{action}:{one.pk + 1}:{expiry}:{mac}"  # another incident, the same MAC
    other = incident("other")
    assert other.pk == one.pk + 1
    talk(fake_telegram.press(forged))
    talk(fake_telegram.press("ack:1:ffffffff:AAAAAAAAAAAAAAAA"))
    assert [a["text"] for a in answers(fake_telegram)] == [
        "this button is not one of Vigil's; nothing was done"
    ] * 2
    assert all(a["show_alert"] is True for a in answers(fake_telegram))
    assert Incident.objects.filter(status="acknowledged").count() == 0
    assert edits(fake_telegram) == []


def test_expired_callback_is_refused(fake_telegram, talk, linked, incident):
    linked()
    one = incident()
    stale = callbacks.sign("ack", one.pk, now=time.time() - callbacks.BUTTON_SECONDS - 1)
    talk(fake_telegram.press(stale))
    (answer,) = answers(fake_telegram)
    assert answer["text"].startswith("this button has expired")
    assert Incident.objects.get(pk=one.pk).status == "open"


def test_viewer_press_is_refused(fake_telegram, talk, linked, incident):
    linked("vera", "viewer")
    one = incident()
    talk(fake_telegram.press(callbacks.sign("ack", one.pk)))
    (answer,) = answers(fake_telegram)
    assert answer["text"] == "This needs the responder role; vera is viewer."
    assert Incident.objects.get(pk=one.pk).status == "open"


def test_unlinked_press_is_refused(fake_telegram, talk, incident):
    one = incident()
    talk(fake_telegram.press(callbacks.sign("ack", one.pk), user_id=999))
    (answer,) = answers(fake_telegram)
    assert answer["text"].startswith("You are not linked to a Vigil user.")
    assert "<code>" not in answer["text"]
    assert Incident.objects.get(pk=one.pk).status == "open"


def test_callback_data_fits_telegram(db):
    assert len(callbacks.sign("page", 10**12).encode()) <= 64


def _telegram_body(fake, token: str, status: str = "firing") -> dict:
    """What the notify driver sent to the (fake) Bot API for an incident's message."""
    driver = TelegramDriver.from_config(
        {"bot_token": token, "chat_id": "-100", "api_base_url": fake.url}
    )
    fake.token = token
    before = len(fake.of("sendMessage"))
    driver.send(Notification(title="Disk full", incident_id=5, status=status))
    return fake.of("sendMessage")[before].params


def test_notifications_carry_buttons_when_the_bot_sends_them(fake_telegram):
    markup = _telegram_body(fake_telegram, TOKEN)["reply_markup"]["inline_keyboard"][0]
    assert [b["text"] for b in markup] == ["✅ Acknowledge", "✔️ Resolve"]
    assert callbacks.verify(markup[0]["callback_data"]) == callbacks.Callback("ack", 5)
    acked = _telegram_body(fake_telegram, TOKEN, "acknowledged")["reply_markup"]
    assert [b["text"] for b in acked["inline_keyboard"][0]] == ["✔️ Resolve"]
    assert "reply_markup" not in _telegram_body(fake_telegram, TOKEN, "resolved")


def test_no_buttons_for_another_bot_or_without_the_bot(settings, fake_telegram):
    other = "987654321:AAHanother-bot-token-0123456789abc"
    assert "reply_markup" not in _telegram_body(fake_telegram, other)
    settings.TELEGRAM_BOT_TOKEN = ""
    assert "reply_markup" not in _telegram_body(fake_telegram, TOKEN)
