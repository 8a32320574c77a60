"""/notify/ over HTTP with an API key: errors are JSON, secrets never come back."""

import json

import pytest

from tests.notify.conftest import BOT_TOKEN
from vigil.api import api
from vigil.notify.drivers import DRIVERS, locmem
from vigil.notify.models import Delivery, NotificationChannel

MESSAGE = {"title": "Disk full", "text": "97%", "severity": "critical", "fields": {"host": "db-1"}}


def post(client, auth_headers, path, body):
    return client.post(path, data=json.dumps(body), content_type="application/json", **auth_headers)


def test_requires_an_api_key(client, db):
    assert client.get("/notify/drivers/").status_code == 401


def test_send_to_channels(client, auth_headers, make_channel):
    make_channel("ops", config={"label": "ops"})
    response = post(
        client, auth_headers, "/notify/send/", {"channels": ["ops"], "message": MESSAGE}
    )
    assert response.status_code == 200
    [outcome] = response.json()["outcomes"]
    assert (outcome["channel"], outcome["status"]) == ("ops", "sent")
    assert locmem.outbox[0].message.fields == {"host": "db-1"}


def test_send_to_unknown_channel_sends_nothing(client, auth_headers, make_channel):
    make_channel("ops")
    body = {"channels": ["ops", "nope"], "message": MESSAGE}
    response = post(client, auth_headers, "/notify/send/", body)
    assert response.status_code == 404
    assert response.json() == {"error": "no channel named 'nope'"}
    assert locmem.outbox == [] and not Delivery.objects.exists()


def test_failed_delivery_is_a_502_with_the_outcome(client, auth_headers, make_channel):
    make_channel("bad", config={"fail": "permanent"})
    response = post(
        client, auth_headers, "/notify/send/", {"channels": ["bad"], "message": MESSAGE}
    )
    assert response.status_code == 502
    body = response.json()
    assert body["error"] == "delivery failed"
    assert body["detail"]["outcomes"][0]["error"] == "locmem: simulated permanent failure"


def test_transient_failure_is_accepted_for_retry(client, auth_headers, make_channel):
    make_channel("flaky", config={"fail": "transient"})
    response = post(
        client, auth_headers, "/notify/send/", {"channels": ["flaky"], "message": MESSAGE}
    )
    assert response.status_code == 202
    assert response.json()["outcomes"][0]["retry_at"]


def test_send_through_a_driver(client, auth_headers, recording_server):
    body = {"config": {"url": recording_server.url + "/hook"}, "message": MESSAGE}
    response = post(client, auth_headers, "/notify/send/slack/", body)
    assert response.status_code == 200
    assert recording_server.requests[0].path == "/hook"


def test_send_through_an_unknown_driver(client, auth_headers, db):
    response = post(client, auth_headers, "/notify/send/slak/", {"config": {}, "message": MESSAGE})
    assert response.status_code == 404
    assert response.json()["error"].startswith("unknown driver 'slak'; valid: console, discord")


def test_invalid_config_names_the_field_not_the_value(client, auth_headers, db):
    body = {"config": {"bot_token": "leaky-secret-value", "chat_id": "1"}, "message": MESSAGE}
    response = post(client, auth_headers, "/notify/send/telegram/", body)
    assert response.status_code == 422
    assert response.json()["error"].startswith("invalid telegram config: bot_token: Value error")
    assert "leaky-secret-value" not in response.content.decode()


def test_private_url_is_refused(client, auth_headers, db):
    body = {"config": {"url": "http://127.0.0.1:6379/"}, "message": MESSAGE}
    response = post(client, auth_headers, "/notify/send/webhook/", body)
    assert response.status_code == 422
    assert "loopback" in response.json()["error"]
    assert not Delivery.objects.exists()


@pytest.mark.parametrize(
    "message,field",
    [({"title": ""}, "title"), ({"title": "x", "severity": "meh"}, "severity"),
     ({"title": "x", "url": "javascript:alert(1)"}, "url")],
)  # fmt: skip
def test_bad_messages_are_422(client, auth_headers, make_channel, message, field):
    make_channel("ops")
    response = post(
        client, auth_headers, "/notify/send/", {"channels": ["ops"], "message": message}
    )
    assert response.status_code == 422
    assert field in json.dumps(response.json()["detail"])
    assert locmem.outbox == []


def test_batch_validates_everything_before_sending(client, auth_headers, make_channel):
    make_channel("ops")
    items = [{"channels": ["ops"], "message": MESSAGE},
             {"driver": "webhook", "config": {"url": "ftp://x"}, "message": MESSAGE}]  # fmt: skip
    response = post(client, auth_headers, "/notify/batch/", {"items": items})
    assert response.status_code == 422
    assert locmem.outbox == []


def test_batch_sends_each_item(client, auth_headers, make_channel):
    make_channel("ops", config={"label": "ops"})
    items = [{"channels": ["ops"], "message": MESSAGE},
             {"driver": "locmem", "config": {"label": "adhoc"}, "message": MESSAGE}]  # fmt: skip
    response = post(client, auth_headers, "/notify/batch/", {"items": items})
    assert response.status_code == 200
    assert [r[0]["status"] for r in response.json()["results"]] == ["sent", "sent"]
    assert [m.channel_label for m in locmem.outbox] == ["ops", "adhoc"]


def test_batch_item_needs_channels_or_driver(client, auth_headers, db):
    response = post(client, auth_headers, "/notify/batch/", {"items": [{"message": MESSAGE}]})
    assert response.status_code == 400
    assert response.json()["error"] == "items[0]: give either channels or driver and config"


def test_drivers_list_and_schema(client, auth_headers):
    listed = client.get("/notify/drivers/", **auth_headers).json()["items"]
    assert [d["slug"] for d in listed] == list(DRIVERS)
    schema = client.get("/notify/drivers/telegram/", **auth_headers).json()
    assert schema["secret_fields"] == ["bot_token"]
    assert schema["schema"]["properties"]["bot_token"]["secret"] is True
    assert schema["schema"]["properties"]["bot_token"]["writeOnly"] is True
    assert schema["schema"]["required"] == ["bot_token", "chat_id"]


def test_driver_answers_use_the_names_the_openapi_schema_gives(client, auth_headers):
    # The console's types come from the schema: a field the schema spells `schema_` while
    # the answer says `schema` leaves the channel form without its fields.
    described = set(api.get_openapi_schema()["components"]["schemas"]["DriverOut"]["properties"])
    listed = client.get("/notify/drivers/", **auth_headers).json()["items"][0]
    detail = client.get("/notify/drivers/telegram/", **auth_headers).json()

    assert set(detail) == described
    assert set(listed) <= described


def test_create_and_list_channels_with_masked_secrets(client, auth_headers, db):
    body = {
        "name": "tg",
        "driver": "telegram",
        "config": {"bot_token": BOT_TOKEN, "chat_id": "-100"},
    }
    response = post(client, auth_headers, "/notify/channels/", body)
    assert response.status_code == 201
    created = response.json()
    assert created["config"]["bot_token"] == "***Kl0Q"
    assert created["config"]["chat_id"] == "-100"
    listing = client.get("/notify/channels/", **auth_headers)
    assert BOT_TOKEN not in listing.content.decode()
    assert BOT_TOKEN.split(":")[1] not in listing.content.decode()
    assert NotificationChannel.objects.get().config["bot_token"] == BOT_TOKEN


def test_webhook_urls_are_masked_to_their_host(client, auth_headers, make_channel):
    make_channel("slack", "slack", {"url": "https://hooks.slack.com/services/T0/B0/abcdef"})
    channel = client.get("/notify/channels/", **auth_headers).json()["items"][0]
    assert channel["config"]["url"] == "https://hooks.slack.com/***"


def test_duplicate_channel_name_is_409(client, auth_headers, make_channel):
    make_channel("ops")
    response = post(client, auth_headers, "/notify/channels/", {"name": "ops", "driver": "locmem",
                                                                "config": {}})  # fmt: skip
    assert response.status_code == 409
    assert response.json() == {"error": "a channel named 'ops' already exists"}


def test_channel_test_endpoint(client, auth_headers, make_channel):
    good = make_channel("good")
    bad = make_channel("bad", config={"fail": "permanent"})
    assert post(client, auth_headers, f"/notify/channels/{good.pk}/test/", {}).status_code == 200
    response = post(client, auth_headers, f"/notify/channels/{bad.pk}/test/", {})
    assert response.status_code == 502
    assert response.json()["detail"]["error"] == "locmem: simulated permanent failure"
    bad.refresh_from_db()
    assert bad.last_error == "locmem: simulated permanent failure"
    shown = client.get(f"/notify/channels/{bad.pk}/", **auth_headers).json()
    assert shown["last_error"] == "locmem: simulated permanent failure"
    assert post(client, auth_headers, "/notify/channels/9999/test/", {}).status_code == 404


def test_openapi_schema_lists_the_notify_routes(client, auth_headers):
    paths = client.get("/api/openapi.json", **auth_headers).json()["paths"]
    for path in ["/notify/send/", "/notify/send/{driver}/", "/notify/batch/", "/notify/drivers/",
                 "/notify/drivers/{driver}/", "/notify/channels/",
                 "/notify/channels/{channel_id}/test/"]:  # fmt: skip
        assert path in paths, path


def test_a_disabled_channel_is_not_reported_as_delivered(client, auth_headers, make_channel):
    make_channel("off", active=False)
    response = post(
        client, auth_headers, "/notify/send/", {"channels": ["off"], "message": MESSAGE}
    )
    assert response.status_code == 502
    assert response.json()["detail"]["outcomes"][0]["status"] == "held"


def _patch(client, auth_headers, path, body):
    return client.patch(path, data=json.dumps(body), content_type="application/json",
                        **auth_headers)  # fmt: skip


def test_a_channel_is_updated_and_its_secret_kept_unless_retyped(
    client, auth_headers, make_channel
):
    channel = make_channel("tg", "telegram", {"bot_token": BOT_TOKEN, "chat_id": "-100"})
    path = f"/notify/channels/{channel.pk}/"
    response = _patch(client, auth_headers, path, {"config": {"chat_id": "-200"}, "active": False})
    assert response.status_code == 200, response.content
    assert response.json()["config"] == {"bot_token": "***Kl0Q", "chat_id": "-200"}
    channel.refresh_from_db()
    assert channel.config == {"bot_token": BOT_TOKEN, "chat_id": "-200"} and not channel.active
    masked_back = {"config": {"bot_token": "***Kl0Q", "chat_id": "-300"}}
    assert _patch(client, auth_headers, path, masked_back).status_code == 200
    channel.refresh_from_db()
    assert channel.config["bot_token"] == BOT_TOKEN
    new_token = "123456:" + "N" * 35
    _patch(client, auth_headers, path, {"config": {"bot_token": new_token, "chat_id": "-300"}})
    channel.refresh_from_db()
    assert channel.config["bot_token"] == new_token


def test_an_invalid_channel_update_is_422_and_changes_nothing(client, auth_headers, make_channel):
    channel = make_channel("tg", "telegram", {"bot_token": BOT_TOKEN, "chat_id": "-100"})
    response = _patch(client, auth_headers, f"/notify/channels/{channel.pk}/",
                      {"config": {"chat_id": "-1", "colour": "red"}})  # fmt: skip
    assert response.status_code == 422
    assert "colour" in response.json()["error"]
    channel.refresh_from_db()
    assert channel.config["chat_id"] == "-100"


def test_a_channel_is_deleted(client, auth_headers, make_channel):
    channel = make_channel("ops")
    assert client.delete(f"/notify/channels/{channel.pk}/", **auth_headers).status_code == 204
    assert not NotificationChannel.objects.filter(pk=channel.pk).exists()
    assert client.delete(f"/notify/channels/{channel.pk}/", **auth_headers).status_code == 404
