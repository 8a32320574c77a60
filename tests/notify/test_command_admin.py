"""`vigil test_notify` and the admin pages."""

import io
import json
import logging

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command

from tests.notify.conftest import BOT_TOKEN
from tests.support.recording_server import Reply
from vigil.notify.drivers import locmem
from vigil.notify.models import Delivery, NotificationChannel
from vigil.notify.services import notify_run


def run(*args):
    out = io.StringIO()
    call_command("test_notify", *args, stdout=out)
    return out.getvalue()


def test_sends_to_a_channel(make_channel):
    make_channel("ops")
    assert run("ops", "--title", "hello").strip() == "sent to channel 'ops' (locmem)"
    assert locmem.outbox[0].message.title == "hello"


def test_failure_prints_exactly_what_went_wrong(make_channel):
    make_channel("ops", config={"fail": "permanent"})
    with pytest.raises(CommandError) as info:
        run("ops")
    assert str(info.value) == "channel 'ops' (locmem): locmem: simulated permanent failure"


def test_sends_through_a_driver_with_a_config(recording_server, db):
    recording_server.reply(Reply(status=404, body="no_service"))
    config = json.dumps({"url": recording_server.url + "/services/x"})
    with pytest.raises(CommandError) as info:
        run("slack", "--config", config)
    assert str(info.value) == "slack: Slack answered HTTP 404: no_service (permanent)"
    assert run("slack", "--config", config, "--severity", "critical").strip() == (
        "sent through the slack driver"
    )
    assert recording_server.requests[1].json()["text"].startswith("[FIRING] [CRITICAL] ")


@pytest.mark.parametrize(
    "args,problem",
    [
        (
            ["nothing"],
            "'nothing' is neither a channel nor a driver; channels: none; drivers: slack",
        ),
        (["slack"], "the slack driver needs --config"),
        (["slack", "--config", "{nope"], "--config is not valid JSON"),
        (["slack", "--config", '{"url": "http://10.0.0.1/"}'], "invalid slack config: url"),
    ],
)
def test_bad_invocations_say_why(db, args, problem):
    with pytest.raises(CommandError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        run(*args)


def test_console_driver_prints_the_message(db, capsys):
    out = run("console", "--title", "hi there")
    assert "sent through the console driver" in out
    assert "[FIRING] [INFO] hi there" in capsys.readouterr().out


@pytest.fixture
def admin_client(client, db):
    user = User.objects.create_superuser("admin", "a@example.com", "pw")
    client.force_login(user)
    return client


def test_admin_shows_masked_secrets_and_the_last_error(admin_client, make_channel):
    channel = make_channel("tg", "telegram", {"bot_token": BOT_TOKEN, "chat_id": "-100"},
                           last_error="Telegram error 400: Bad Request: chat not found")  # fmt: skip
    page = admin_client.get(f"/admin/notify/notificationchannel/{channel.pk}/change/")
    html = page.content.decode()
    assert page.status_code == 200
    assert BOT_TOKEN.split(":")[1] not in html
    assert "***Kl0Q" in html
    assert "chat not found" in html
    listing = admin_client.get("/admin/notify/notificationchannel/").content.decode()
    assert "chat not found" in listing


def test_admin_keeps_a_secret_left_masked(admin_client, make_channel):
    channel = make_channel("tg", "telegram", {"bot_token": BOT_TOKEN, "chat_id": "-100"})
    form = {"name": "tg", "driver": "telegram", "min_interval_seconds": "0", "active": "on",
            "config": json.dumps({"bot_token": "***Kl0Q", "chat_id": "-200"})}  # fmt: skip
    response = admin_client.post(f"/admin/notify/notificationchannel/{channel.pk}/change/", form)
    assert response.status_code == 302
    channel.refresh_from_db()
    assert channel.config == {"bot_token": BOT_TOKEN, "chat_id": "-200"}


def test_admin_refuses_an_invalid_config(admin_client, make_channel):
    form = {"name": "w", "driver": "webhook", "min_interval_seconds": "0", "active": "on",
            "config": json.dumps({"url": "http://169.254.169.254/"})}  # fmt: skip
    response = admin_client.post("/admin/notify/notificationchannel/add/", form)
    assert response.status_code == 200
    assert "refused URL" in response.content.decode()
    assert not NotificationChannel.objects.exists()


def test_admin_test_action(admin_client, make_channel):
    channel = make_channel("ops", config={"fail": "permanent"})
    response = admin_client.post("/admin/notify/notificationchannel/", {
        "action": "send_test", "index": "0", "_selected_action": [str(channel.pk)]})  # fmt: skip
    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == ["ops: locmem: simulated permanent failure"]


def test_admin_delivery_page_never_shows_driver_credentials(admin_client, db, message):
    from vigil.notify.services import send_message

    send_message(message, driver="locmem", config={"label": "S3CRET-LABEL"})
    delivery = Delivery.objects.get()
    html = admin_client.get(f"/admin/notify/delivery/{delivery.pk}/change/").content.decode()
    assert "Disk full on db-1" in html and "S3CRET-LABEL" not in html


def test_secrets_are_not_logged(recording_server, make_channel, message, caplog):
    recording_server.reply(Reply(status=400, body={"ok": False, "error_code": 400,
                                                   "description": "Bad Request"}))  # fmt: skip
    make_channel("tg", "telegram", {"bot_token": BOT_TOKEN, "chat_id": "-1",
                                    "api_base_url": recording_server.url})  # fmt: skip
    with caplog.at_level(logging.INFO):
        [outcome] = notify_run(run_id="r", channel_names=["tg"], message=message)
    assert outcome.status == "failed"
    assert "delivery r:" in caplog.text and "failed" in caplog.text
    assert BOT_TOKEN.split(":")[1] not in caplog.text
    assert BOT_TOKEN.split(":")[1] not in outcome.error


def test_admin_asks_for_the_secret_again_when_the_destination_moves(admin_client, make_channel):
    channel = make_channel("tg", "telegram", {"bot_token": BOT_TOKEN, "chat_id": "-100"})
    form = {"name": "tg", "driver": "telegram", "min_interval_seconds": "0", "active": "on",
            "config": json.dumps({"bot_token": "***Kl0Q", "chat_id": "-100",
                                  "api_base_url": "https://bots.example.com"})}  # fmt: skip
    response = admin_client.post(f"/admin/notify/notificationchannel/{channel.pk}/change/", form)
    assert response.status_code == 200
    assert "api_base_url changed: type bot_token again" in response.content.decode()
    channel.refresh_from_db()
    assert "api_base_url" not in channel.config
