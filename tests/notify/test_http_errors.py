"""Every HTTP driver, through the delivery service, against a real server that fails:
the exact error is stored on the delivery and the channel, and classified."""

import pytest

from tests.notify.conftest import BOT_TOKEN
from tests.support.recording_server import Reply
from vigil.notify.models import Delivery, NotificationChannel
from vigil.notify.services import notify_run

KEY = "R0uT1nGk3yR0uT1nGk3yR0uT1nGk3y12"
CASES = {
    "slack": ({"url": "{url}/s"}, "Slack answered HTTP {code}: boom"),
    "mattermost": ({"url": "{url}/m"}, "Mattermost answered HTTP {code}: boom"),
    "discord": ({"url": "{url}/d"}, "Discord answered HTTP {code}: boom"),
    "teams": ({"url": "{url}/t"}, "Teams answered HTTP {code}: boom"),
    "webhook": ({"url": "{url}/w"}, "the webhook endpoint answered HTTP {code}: boom"),
    "pagerduty": ({"routing_key": KEY, "base_url": "{url}"}, "PagerDuty answered HTTP {code}: boom"),
    "opsgenie": ({"api_key": "k3y-k3y-k3y", "base_url": "{url}"}, "Opsgenie answered HTTP {code}: boom"),
    "telegram": ({"bot_token": BOT_TOKEN, "chat_id": "1", "api_base_url": "{url}"},
                 "Telegram answered HTTP {code} without JSON"),
}  # fmt: skip


def channel_for(driver, server):
    config, _ = CASES[driver]
    filled = {k: v.format(url=server.url) if isinstance(v, str) else v for k, v in config.items()}
    return NotificationChannel.objects.create(name=driver, driver=driver, config=filled)


@pytest.mark.parametrize("driver", CASES)
@pytest.mark.parametrize("code,status", [(503, "retry"), (403, "failed")])
def test_failure_is_stored_exactly(db, recording_server, message, driver, code, status):
    recording_server.default = Reply(status=code, body="boom")
    channel = channel_for(driver, recording_server)
    [outcome] = notify_run(run_id="r", channel_names=[driver], message=message)
    expected = CASES[driver][1].format(code=code)
    assert (outcome.status, outcome.error) == (status, expected)
    delivery = Delivery.objects.get()
    assert delivery.last_error == expected
    assert delivery.status == ("queued" if status == "retry" else "failed")
    channel.refresh_from_db()
    assert channel.last_error == expected
    assert channel.consecutive_failures == (0 if status == "retry" else 1)
    assert len(recording_server.requests) == 1
