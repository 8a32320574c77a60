"""Webhook mode: /telegram/webhook/ of `vigil serve`, and registering it."""

import json

import pytest
from django.core.management import CommandError, call_command

from vigil.alerts.models import Incident
from vigil.bot import config
from vigil.bot.models import ProcessedUpdate

URL = "/telegram/webhook/"


def post(django_client, update: dict, secret: str | None):
    headers = {} if secret is None else {"HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN": secret}
    return django_client.post(URL, json.dumps(update), content_type="application/json", **headers)


@pytest.mark.parametrize("secret", [None, "", "wrong", "x" * 64])
def test_wrong_secret_is_403_and_nothing_is_done(client, fake_telegram, linked, incident, secret):
    linked()
    one = incident()
    update = fake_telegram.message(f"/ack {one.pk}")
    response = post(client, update, secret)
    assert response.status_code == 403
    assert response.json() == {"error": "wrong or missing X-Telegram-Bot-Api-Secret-Token"}
    assert Incident.objects.get(pk=one.pk).status == "open"
    assert not ProcessedUpdate.objects.exists()
    assert fake_telegram.calls == []


def test_update_with_the_secret_is_handled_once(client, fake_telegram, linked, incident):
    linked()
    one = incident()
    update = fake_telegram.message(f"/ack {one.pk}")
    assert post(client, update, client_secret()).status_code == 200
    assert post(client, update, client_secret()).status_code == 200  # Telegram retried
    assert Incident.objects.get(pk=one.pk).status == "acknowledged"
    (reply,) = fake_telegram.of("sendMessage")
    assert reply.params["chat_id"] == 42 and "Acknowledged by <b>alice</b>" in reply.params["text"]


def client_secret() -> str:
    return config.webhook_secret()


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"update_id": "1"}'])
def test_bad_bodies_are_400(client, fake_telegram, body):
    response = client.post(URL, body, content_type="application/json",
                           HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN=client_secret())  # fmt: skip
    assert response.status_code == 400 and "error" in response.json()


def test_without_a_bot_the_route_is_404(client, settings, db):
    settings.TELEGRAM_BOT_TOKEN = ""
    assert post(client, {"update_id": 1}, "x").status_code == 404


def test_set_webhook_registers_secret_and_allowed_updates(fake_telegram, db):
    call_command("bot", set_webhook="https://vigil.example.com/telegram/webhook/")
    assert [c.method for c in fake_telegram.calls] == [
        "getMe", "deleteWebhook", "setMyCommands", "setWebhook",
    ]  # fmt: skip
    assert fake_telegram.webhook == {
        "url": "https://vigil.example.com/telegram/webhook/",
        "secret_token": config.webhook_secret(),
        "allowed_updates": ["message", "callback_query"],
    }
    call_command("bot", delete_webhook=True)
    assert fake_telegram.calls[-1].method == "deleteWebhook"


@pytest.mark.parametrize(
    "url", ["http://vigil.example.com/telegram/webhook/", "https://x.example/"]
)
def test_set_webhook_refuses_other_urls(fake_telegram, db, url):
    with pytest.raises(CommandError, match="needs an https URL ending in /telegram/webhook/"):
        call_command("bot", set_webhook=url)
    assert fake_telegram.calls == []


def test_bot_without_token_exits_2(settings, db):
    settings.TELEGRAM_BOT_TOKEN = ""
    with pytest.raises(CommandError, match="TELEGRAM_BOT_TOKEN is not set") as caught:
        call_command("bot")
    assert caught.value.returncode == 2


def test_api_base_url_is_checked_like_every_outbound_url(settings, db):
    settings.TELEGRAM_BOT_TOKEN = "123456789:AAHfake-token-for-the-tests-0123456789"
    settings.TELEGRAM_API_BASE_URL = "http://169.254.169.254"
    with pytest.raises(CommandError, match="TELEGRAM_API_BASE_URL is refused"):
        call_command("bot")
