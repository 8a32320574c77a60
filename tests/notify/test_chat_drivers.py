"""Slack, Mattermost, Discord and Teams against a real HTTP server on 127.0.0.1."""

import pytest

from tests.support.recording_server import Reply
from vigil.notify.drivers import NotifyError
from vigil.notify.drivers.discord import DiscordDriver
from vigil.notify.drivers.mattermost import MattermostDriver
from vigil.notify.drivers.slack import SlackDriver
from vigil.notify.drivers.teams import TeamsDriver
from vigil.notify.message import Notification


def test_slack_posts_block_kit_to_the_webhook(recording_server, message):
    driver = SlackDriver.from_config({"url": f"{recording_server.url}/services/T0/B0/xyz"})
    driver.send(message)
    [request] = recording_server.requests
    assert (request.method, request.path) == ("POST", "/services/T0/B0/xyz")
    assert request.headers["Content-Type"] == "application/json"
    body = request.json()
    assert body["text"] == "[FIRING] [CRITICAL] Disk full on db-1"
    header, section, fields, actions, context = body["blocks"]
    assert header == {"type": "header", "text": {"type": "plain_text",
                      "text": "[FIRING] [CRITICAL] Disk full on db-1"}}  # fmt: skip
    assert section["text"] == {"type": "mrkdwn", "text": "/var is 97% used"}
    assert fields["fields"][0] == {"type": "mrkdwn", "text": "*host*\ndb-1"}
    assert actions["elements"][0]["url"] == message.url
    assert context["elements"][0]["text"] == "Vigil · vigil"


def test_slack_escapes_mrkdwn_control_characters(recording_server):
    driver = SlackDriver.from_config({"url": recording_server.url + "/hook"})
    driver.send(Notification(title="t", text="<!channel> & <http://evil|click>"))
    section = recording_server.requests[0].json()["blocks"][1]
    assert section["text"]["text"] == "&lt;!channel&gt; &amp; &lt;http://evil|click&gt;"


@pytest.mark.parametrize(
    "reply,permanent,retry_after",
    [
        (Reply(status=404, body="no_service"), True, None),
        (Reply(status=500, body="oops"), False, None),
        (Reply(status=429, body="rate_limited", headers={"Retry-After": "7"}), False, 7.0),
    ],
)
def test_slack_errors_are_classified(recording_server, message, reply, permanent, retry_after):
    recording_server.reply(reply)
    driver = SlackDriver.from_config({"url": recording_server.url + "/hook"})
    with pytest.raises(NotifyError) as info:
        driver.send(message)
    assert info.value.permanent is permanent
    assert info.value.retry_after == retry_after
    assert str(info.value) == f"Slack answered HTTP {reply.status}: {reply.body}"


def test_mattermost_uses_slack_attachments(recording_server, message):
    driver = MattermostDriver.from_config(
        {"url": recording_server.url + "/hooks/abc", "channel": "town-square", "username": "vigil"}
    )
    driver.send(message)
    body = recording_server.requests[0].json()
    assert body["text"] == "**[FIRING] [CRITICAL] Disk full on db-1**"
    assert body["channel"] == "town-square" and body["username"] == "vigil"
    [attachment] = body["attachments"]
    assert attachment["color"] == "#d62728"
    assert attachment["title_link"] == message.url
    assert attachment["fields"][0] == {"title": "host", "value": "db-1", "short": True}


def test_discord_sends_an_embed_and_never_pings(recording_server, message):
    recording_server.reply(Reply(status=204, body=b""))
    DiscordDriver.from_config({"url": recording_server.url + "/api/webhooks/1/tok"}).send(message)
    body = recording_server.requests[0].json()
    assert body["allowed_mentions"] == {"parse": []}
    [embed] = body["embeds"]
    assert embed["title"] == "[FIRING] [CRITICAL] Disk full on db-1"
    assert embed["color"] == 0xD62728
    assert embed["url"] == message.url
    assert embed["fields"][1] == {"name": "environment", "value": "prod", "inline": True}


def test_discord_429_uses_retry_after_from_the_body(recording_server, message):
    recording_server.reply(Reply(status=429, body={"retry_after": 1.5, "global": False}))
    driver = DiscordDriver.from_config({"url": recording_server.url + "/api/webhooks/1/tok"})
    with pytest.raises(NotifyError) as info:
        driver.send(message)
    assert (info.value.permanent, info.value.retry_after) == (False, 1.5)


def test_teams_posts_an_adaptive_card(recording_server, message):
    recording_server.reply(Reply(status=202, body=b""))
    TeamsDriver.from_config({"url": recording_server.url + "/workflows/x/triggers/manual"}).send(
        message
    )
    body = recording_server.requests[0].json()
    assert body["type"] == "message"
    [attachment] = body["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    assert card["body"][0]["text"] == "[FIRING] [CRITICAL] Disk full on db-1"
    assert card["body"][2]["facts"] == [{"title": "host", "value": "db-1"},
                                        {"title": "environment", "value": "prod"}]  # fmt: skip
    assert card["actions"] == [{"type": "Action.OpenUrl", "title": "Open incident",
                                "url": message.url}]  # fmt: skip


def test_resolved_messages_are_green(recording_server):
    driver = MattermostDriver.from_config({"url": recording_server.url + "/h"})
    driver.send(Notification(title="ok now", status="resolved", severity="critical"))
    attachment = recording_server.requests[0].json()["attachments"][0]
    assert attachment["color"] == "#2ca02c"
    assert attachment["title"] == "[RESOLVED] [CRITICAL] ok now"


def test_inline_template_replaces_the_body(recording_server, message):
    template = {"type": "inline", "source": "{{ title|upper }} on {{ fields.host }}"}
    SlackDriver.from_config({"url": recording_server.url + "/h", "template": template}).send(
        message
    )
    assert recording_server.requests[0].json()["blocks"][1]["text"]["text"] == (
        "DISK FULL ON DB-1 on db-1"
    )


def test_private_address_is_refused_without_the_allow_list(db, message):
    driver = SlackDriver.from_config({"url": "https://hooks.example.com/x"})
    driver.config.url = "http://10.1.2.3/hook"
    with pytest.raises(NotifyError) as info:
        driver.send(message)
    assert info.value.permanent
    assert "10.1.2.3" in str(info.value) and "private" in str(info.value)
