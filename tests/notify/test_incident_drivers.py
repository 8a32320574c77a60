"""PagerDuty Events v2 and Opsgenie against the recording server as their base URL."""

import pytest

from tests.support.recording_server import Reply
from vigil.notify.drivers import NotifyError
from vigil.notify.drivers.base import ConfigError
from vigil.notify.drivers.opsgenie import OpsgenieDriver
from vigil.notify.drivers.pagerduty import PagerDutyDriver
from vigil.notify.message import Notification

ROUTING_KEY = "R0uT1nGk3yR0uT1nGk3yR0uT1nGk3y12"
PD_OK = Reply(status=202, body={"status": "success", "message": "Event processed",
                                "dedup_key": "vigil-incident-42"})  # fmt: skip


def pagerduty(server):
    return PagerDutyDriver.from_config({"routing_key": ROUTING_KEY, "base_url": server.url})


def test_pagerduty_trigger_event(recording_server, message):
    recording_server.reply(PD_OK)
    result = pagerduty(recording_server).send(message)
    [request] = recording_server.requests
    assert (request.method, request.path) == ("POST", "/v2/enqueue")
    assert request.json() == {
        "routing_key": ROUTING_KEY,
        "event_action": "trigger",
        "dedup_key": "vigil-incident-42",
        "payload": {
            "summary": "Disk full on db-1",
            "source": "vigil",
            "severity": "critical",
            "custom_details": {
                "host": "db-1",
                "environment": "prod",
                "summary": "/var is 97% used",
            },
        },  # fmt: skip
        "client": "Vigil",
        "client_url": message.url,
        "links": [{"href": message.url, "text": "Open incident in Vigil"}],
    }
    assert result.external_id == "vigil-incident-42"


@pytest.mark.parametrize(
    "status,action", [("acknowledged", "acknowledge"), ("resolved", "resolve")]
)
def test_pagerduty_ack_and_resolve_use_the_same_dedup_key(recording_server, status, action):
    recording_server.reply(PD_OK)
    pagerduty(recording_server).send(Notification(title="x", status=status, incident_id=42))
    assert recording_server.requests[0].json() == {
        "routing_key": ROUTING_KEY,
        "event_action": action,
        "dedup_key": "vigil-incident-42",
    }


def test_pagerduty_resolve_without_dedup_key_is_permanent(recording_server):
    with pytest.raises(NotifyError, match="without a dedup_key") as info:
        pagerduty(recording_server).send(Notification(title="x", status="resolved"))
    assert info.value.permanent and recording_server.requests == []


def test_pagerduty_400_quotes_its_errors(recording_server, message):
    recording_server.reply(Reply(status=400, body={
        "status": "invalid event", "message": "Event object is invalid",
        "errors": ["Length of 'routing_key' is incorrect (should be 32 characters)"]}))  # fmt: skip
    with pytest.raises(NotifyError) as info:
        pagerduty(recording_server).send(message)
    assert info.value.permanent
    assert str(info.value) == (
        "PagerDuty answered HTTP 400: Event object is invalid; "
        "Length of 'routing_key' is incorrect (should be 32 characters)"
    )


def test_pagerduty_429_is_transient(recording_server, message):
    recording_server.reply(Reply(status=429, body={}))
    with pytest.raises(NotifyError) as info:
        pagerduty(recording_server).send(message)
    assert not info.value.permanent


def test_pagerduty_base_url_is_validated():
    with pytest.raises(ConfigError, match="base_url"):
        PagerDutyDriver.from_config({"routing_key": ROUTING_KEY, "base_url": "file:///etc/passwd"})


def opsgenie(server):
    return OpsgenieDriver.from_config(
        {"api_key": "0pS-g3n1e-k3y-0000", "base_url": server.url, "tags": ["vigil"], "team": "ops"}
    )


def test_opsgenie_creates_an_alert_with_the_incident_alias(recording_server, message):
    recording_server.reply(Reply(status=202, body={"result": "Request will be processed",
                                                   "requestId": "req-1"}))  # fmt: skip
    result = opsgenie(recording_server).send(message)
    [request] = recording_server.requests
    assert (request.method, request.path) == ("POST", "/v2/alerts")
    assert request.headers["Authorization"] == "GenieKey 0pS-g3n1e-k3y-0000"
    assert request.json() == {
        "message": "Disk full on db-1",
        "description": "/var is 97% used",
        "priority": "P1",
        "source": "Vigil",
        "details": {"host": "db-1", "environment": "prod"},
        "tags": ["vigil"],
        "alias": "vigil-incident-42",
        "responders": [{"type": "team", "name": "ops"}],
    }
    assert result.external_id == "req-1"


@pytest.mark.parametrize("status,action", [("acknowledged", "acknowledge"), ("resolved", "close")])
def test_opsgenie_acknowledges_and_closes_by_alias(recording_server, status, action):
    recording_server.reply(Reply(status=202, body={"requestId": "r"}))
    opsgenie(recording_server).send(Notification(title="x", status=status, dedup_key="a b/c"))
    request = recording_server.requests[0]
    assert request.path == f"/v2/alerts/a%20b%2Fc/{action}?identifierType=alias"
    assert request.json() == {"source": "Vigil", "note": "x"}


def test_opsgenie_bad_key_is_permanent(recording_server, message):
    recording_server.reply(Reply(status=401, body={"message": "Could not authenticate"}))
    with pytest.raises(NotifyError) as info:
        opsgenie(recording_server).send(message)
    assert info.value.permanent
    assert str(info.value) == "Opsgenie answered HTTP 401: Could not authenticate"
