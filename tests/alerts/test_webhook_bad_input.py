"""Every kind of bad input is a 4xx JSON error naming the problem, and writes nothing."""

import json

import pytest

from tests.alerts.conftest import sample
from vigil.alerts.models import Alert, AlertHistory, Incident
from vigil.orchestration.models import PipelineRun


@pytest.fixture(autouse=True)
def nothing_written(db):
    yield
    assert Alert.objects.count() == 0
    assert Incident.objects.count() == 0
    assert AlertHistory.objects.count() == 0
    assert PipelineRun.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        (b"{not json", 400, "invalid JSON"),
        (b"\xff\xfe{}", 400, "body is not valid UTF-8"),
        (b'{"name": NaN}', 400, "invalid JSON"),
        (b'{"name": "x", "value": Infinity}', 400, "invalid JSON"),
        (b"[1, 2]", 400, "top level must be a JSON object"),
        (b'"text"', 400, "top level must be a JSON object"),
        (b"", 400, "empty body"),
        (b'{"a":' * 40 + b"1" + b"}" * 40, 400, "JSON nested too deeply"),
        (b'{"a":' + b"[" * 100_000 + b"]" * 100_000 + b"}", 400, "JSON nested too deeply"),
        (b'{"hello": "world"}', 422, "no driver recognises this payload"),
        (b'{"name": "disk\\u0000full"}', 400, "JSON strings must not contain NUL (\\u0000)"),
        (
            b'{"name": "x", "labels": {"k\\u0000": "v"}}',
            400,
            "JSON strings must not contain NUL (\\u0000)",
        ),
    ],
)
def test_bad_body_is_refused_with_a_named_reason(post_webhook, body, status, error):
    response = post_webhook(body)
    assert response.status_code == status
    assert response.json()["error"] == error


def test_body_over_the_limit_is_413(post_webhook, settings):
    settings.WEBHOOK_MAX_BODY_BYTES = 2048
    payload = {"name": "big", "description": "x" * 4096}
    response = post_webhook(payload, "generic")
    assert response.status_code == 413
    assert response.json() == {"error": "body too large", "detail": "the limit is 2048 bytes"}


def test_missing_driver_field_is_422_naming_it(post_webhook):
    payload = sample("alertmanager", "firing")
    del payload["alerts"][1]["status"]
    response = post_webhook(payload)
    assert response.status_code == 422
    assert response.json()["detail"] == {
        "message": "required field 'alerts[1].status' is missing",
        "field": "alerts[1].status",
    }


def test_one_bad_alert_rejects_the_whole_payload(post_webhook):
    payload = sample("generic", "batch")
    payload["alerts"][1]["status"] = "burning"
    assert post_webhook(payload).status_code == 422


def test_unknown_driver_is_404_listing_the_valid_ones(post_webhook):
    response = post_webhook({"name": "x"}, "grafna")
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "unknown driver 'grafna'"
    assert body["detail"]["valid_drivers"][:2] == ["alertmanager", "grafana"]


def test_forced_driver_refuses_another_vendors_payload(post_webhook):
    response = post_webhook(sample("pagerduty", "incident_triggered"), "generic")
    assert response.status_code == 422
    assert "'name' is missing" in response.json()["detail"]["message"]


def test_webhook_needs_an_api_key_to_post(client):
    response = client.post(
        "/alerts/webhook/", data=json.dumps({"name": "x"}), content_type="application/json"
    )
    assert response.status_code == 401


def test_other_methods_are_405(client, auth_headers):
    response = client.put("/alerts/webhook/", data="{}", **auth_headers)
    assert response.status_code == 405
    assert response.json()["error"].startswith("method PUT not allowed")


def test_get_is_an_unauthenticated_readiness_answer(client):
    response = client.get("/alerts/webhook/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert "cluster" in response.json()["drivers"]
