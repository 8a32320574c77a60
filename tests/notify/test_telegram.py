"""Telegram against a fake Bot API (the recording server)."""

import socket

import pytest

from tests.notify.conftest import BOT_TOKEN
from tests.support.recording_server import Reply
from vigil.notify.drivers import NotifyError
from vigil.notify.drivers.base import ConfigError
from vigil.notify.drivers.telegram import TelegramDriver, truncate_html, utf16_len
from vigil.notify.message import Notification
from vigil.notify.models import NotificationChannel
from vigil.notify.services import notify_run

OK = Reply(body={"ok": True, "result": {"message_id": 77}})


def driver_for(server, **extra):
    config = {"bot_token": BOT_TOKEN, "chat_id": "-100200300", "api_base_url": server.url}
    return TelegramDriver.from_config({**config, **extra})


def test_send_message_request_is_exact(recording_server, message):
    recording_server.reply(OK)
    result = driver_for(recording_server, message_thread_id=12).send(message)
    [request] = recording_server.requests
    assert (request.method, request.path) == ("POST", f"/bot{BOT_TOKEN}/sendMessage")
    assert request.json() == {
        "chat_id": -100200300,
        "text": "<b>[FIRING] [CRITICAL] Disk full on db-1</b>\n/var is 97% used\n"
        "<b>host:</b> db-1\n<b>environment:</b> prod\n"
        '<a href="https://vigil.example.com/admin/alerts/incident/42/change/">Open incident</a>',
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
        "message_thread_id": 12,
    }
    assert result.external_id == "77"


def test_text_is_html_escaped(recording_server):
    recording_server.reply(OK)
    driver_for(recording_server).send(Notification(title="<b>x</b> & y", text="a<script>"))
    text = recording_server.requests[0].json()["text"]
    assert text == "<b>[FIRING] [WARNING] &lt;b&gt;x&lt;/b&gt; &amp; y</b>\na&lt;script&gt;"


def test_channel_username_is_sent_as_a_string(recording_server, message):
    recording_server.reply(OK)
    driver_for(recording_server, chat_id="@vigil_alerts").send(message)
    assert recording_server.requests[0].json()["chat_id"] == "@vigil_alerts"


def test_429_honours_retry_after_from_parameters(recording_server, message):
    recording_server.reply(Reply(status=429, body={
        "ok": False, "error_code": 429, "description": "Too Many Requests: retry after 5",
        "parameters": {"retry_after": 5}}))  # fmt: skip
    with pytest.raises(NotifyError) as info:
        driver_for(recording_server).send(message)
    assert (info.value.permanent, info.value.retry_after) == (False, 5.0)
    assert str(info.value) == "Telegram error 429: Too Many Requests: retry after 5"


def test_bad_request_is_permanent_and_never_shows_the_token(recording_server, message):
    recording_server.reply(
        Reply(
            status=400,
            body={"ok": False, "error_code": 400, "description": "Bad Request: chat not found"},
        )
    )
    with pytest.raises(NotifyError) as info:
        driver_for(recording_server).send(message)
    assert info.value.permanent
    assert str(info.value) == "Telegram error 400: Bad Request: chat not found"


def test_migrated_chat_is_followed_and_stored(recording_server, make_channel, message):
    recording_server.reply(
        Reply(status=400, body={
            "ok": False, "error_code": 400,
            "description": "Bad Request: group chat was upgraded to a supergroup chat",
            "parameters": {"migrate_to_chat_id": -1001234567890}}),
        OK,
    )  # fmt: skip
    channel = make_channel("tg", "telegram", {"bot_token": BOT_TOKEN, "chat_id": "-4567",
                                              "api_base_url": recording_server.url})  # fmt: skip
    [outcome] = notify_run(run_id="run-1", channel_names=["tg"], message=message)
    assert outcome.status == "sent"
    first, second = recording_server.requests
    assert first.json()["chat_id"] == -4567
    assert second.json()["chat_id"] == -1001234567890
    assert NotificationChannel.objects.get(pk=channel.pk).config["chat_id"] == "-1001234567890"


@pytest.mark.parametrize("token", ["", "nope", "123:short", BOT_TOKEN + "/../getMe?x="])
def test_malformed_tokens_are_refused_at_save_time(token):
    with pytest.raises(ConfigError, match="^bot_token: Value error, not a bot token"):
        TelegramDriver.from_config({"bot_token": token, "chat_id": "1"})


def test_long_messages_are_cut_below_4096_without_breaking_markup(recording_server):
    recording_server.reply(OK)
    long_text = "x & y < z " * 1000
    driver_for(recording_server).send(Notification(title="t", text=long_text))
    text = recording_server.requests[0].json()["text"]
    assert utf16_len(text) <= 4096
    assert text.endswith("…") or text.endswith("…</b>")


def test_truncation_never_cuts_a_tag_or_an_entity():
    html = "<b>" + "a" * 10 + "</b><i>" + "&amp;" * 10 + "</i>"
    for limit in range(5, len(html)):
        cut = truncate_html(html, limit)
        assert utf16_len(cut) <= limit, limit
        assert cut.count("<b>") == cut.count("</b>") and cut.count("<i>") == cut.count("</i>")
        body = cut.replace("<b>", "").replace("</b>", "").replace("<i>", "").replace("</i>", "")
        assert body.replace("&amp;", "").replace("…", "").strip("a") == "", cut


def test_truncation_closes_nested_tags_and_keeps_links_whole():
    html = '<b>bold <a href="https://e.com/?a=1&amp;b=2">link text here</a> more</b>'
    assert truncate_html(html, 50) == "<b>bold …</b>"
    assert truncate_html(html, 60) == '<b>bold <a href="https://e.com/?a=1&amp;b=2">link t…</a></b>'
    assert truncate_html(html, 70).endswith("</a> m…</b>")


def test_truncation_counts_utf16_units():
    cut = truncate_html("😀" * 3000, 4096)
    assert utf16_len(cut) <= 4096 and cut.endswith("…")
    assert truncate_html("short", 4096) == "short"


def test_connection_errors_never_show_the_token(settings, message):
    settings.SSRF_ALLOWED_HOSTS = ["127.0.0.1"]
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    driver = TelegramDriver.from_config(
        {"bot_token": BOT_TOKEN, "chat_id": "1", "api_base_url": f"http://127.0.0.1:{port}"}
    )
    with pytest.raises(NotifyError) as info:
        driver.send(message)
    assert not info.value.permanent
    assert "/bot***/sendMessage" in str(info.value)
    assert BOT_TOKEN.split(":")[1] not in str(info.value)
