"""Nothing lost at the door: what a sender's request must never silently become."""

import io
import json
from datetime import UTC, datetime

import pytest

from tests.alerts.conftest import sample
from vigil.alerts.drivers import DRIVERS
from vigil.alerts.models import Alert, Incident
from vigil.orchestration.models import PipelineRun
from vigil.wsgi import application

pytestmark = pytest.mark.django_db


def test_webhook_without_its_trailing_slash_is_accepted_not_redirected(client, auth_headers):
    body = json.dumps(sample("alertmanager", "firing"))
    response = client.post(
        "/alerts/webhook/alertmanager", body, content_type="application/json", **auth_headers
    )
    assert response.status_code == 202
    assert response.json()["alerts_created"] == 2
    assert Alert.objects.count() == 2


def test_api_route_without_its_trailing_slash_is_served(client, auth_headers):
    response = client.get("/alerts/incidents", **auth_headers)
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_a_path_that_does_not_exist_either_way_is_still_404(client, auth_headers):
    assert client.post("/alerts/webhook/alertmanager/extra", **auth_headers).status_code == 404


def test_the_key_restriction_applies_to_the_path_without_its_slash(client, settings, db):
    from vigil.core.services import create_api_key

    raw = create_api_key("grafana", ["/alerts/webhook/"]).raw
    response = client.get("/alerts/incidents", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 403


def test_resolve_for_an_alert_never_seen_is_a_warning_and_counted(post_webhook):
    body = post_webhook(sample("alertmanager", "resolved"), "alertmanager").json()
    assert body["incident_ids"] == []
    assert body["resolved_unknown"] == 1
    assert len(body["warnings"]) == 1
    assert "never seen firing" in body["warnings"][0]


def test_resolved_delivered_before_its_firing_leaves_no_open_incident(post_webhook):
    resolved = sample("alertmanager", "resolved")
    firing = sample("alertmanager", "firing")
    post_webhook(resolved, "alertmanager")
    firing["alerts"] = firing["alerts"][:1]  # the alert that resolved, delivered late
    body = post_webhook(firing, "alertmanager").json()
    assert body["out_of_order"] == 1
    assert body["run_ids"] == []
    assert Incident.objects.count() == 0
    assert Alert.objects.get().status == "resolved"


def test_resolved_then_late_firing_does_not_reopen_the_incident(post_webhook):
    alert = {"name": "Disk full", "fingerprint": "d1", "started_at": "2026-11-23T10:00:00Z"}
    post_webhook(alert, "generic")
    post_webhook({**alert, "status": "resolved", "ended_at": "2026-11-23T10:05:00Z"}, "generic")
    body = post_webhook(alert, "generic").json()  # the first firing, retried by the sender
    assert body["out_of_order"] == 1
    assert Incident.objects.get().status == "resolved"


def test_a_real_refire_after_the_resolution_still_reopens(post_webhook):
    alert = {"name": "Disk full", "fingerprint": "d1", "started_at": "2026-11-23T10:00:00Z"}
    post_webhook(alert, "generic")
    post_webhook({**alert, "status": "resolved", "ended_at": "2026-11-23T10:05:00Z"}, "generic")
    body = post_webhook({**alert, "started_at": "2026-11-23T10:09:00Z"}, "generic").json()
    assert body["out_of_order"] == 0
    assert Incident.objects.get().status == "open"


def test_datadog_refuses_a_title_alone(post_webhook):
    response = post_webhook({"title": "x"}, "datadog")
    assert response.status_code == 422
    assert response.json()["detail"]["field"] == "id"
    assert Alert.objects.count() == 0


def test_pagerduty_event_without_data_is_422_not_ignored(post_webhook):
    response = post_webhook({"event": {"event_type": "incident.triggered"}}, "pagerduty")
    assert response.status_code == 422
    response = post_webhook(
        {"event": {"event_type": "incident.triggered", "resource_type": "incident"}}, "pagerduty"
    )
    assert response.status_code == 422
    assert response.json()["detail"]["field"] == "event.data"


def test_form_encoded_note_on_an_action_route_is_refused(client, auth_headers):
    incident = Incident.objects.create(title="x", source="generic", group_key="g")
    response = client.post(
        f"/alerts/incidents/{incident.pk}/resolve/",
        "note=rebooted",
        content_type="application/x-www-form-urlencoded",
        **auth_headers,
    )
    assert response.status_code == 415
    assert "JSON" in response.json()["error"]
    incident.refresh_from_db()
    assert incident.status == "open"


@pytest.mark.parametrize("slug", list(DRIVERS))
@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b'{"n": ' + b"7" * 5000 + b"}", "number out of range"),
        (b'{"n": 1e999}', "number out of range"),
        (b'{"name": "x\\ud800y"}', "JSON strings must not contain a lone UTF-16 surrogate"),
    ],
)
def test_unstorable_values_are_4xx_naming_the_field_on_every_driver(post_webhook, slug, raw, error):
    response = post_webhook(raw, slug)
    assert response.status_code == 400
    assert response.json()["error"] == error
    assert response.json()["detail"].startswith(("n", "name"))
    assert Alert.objects.count() == 0


def test_a_deep_unstorable_value_is_named_by_its_path(post_webhook):
    raw = b'{"alerts": [{"name": "ok"}, {"name": "x", "labels": {"k": "\\udfff"}}]}'
    response = post_webhook(raw, "generic")
    assert response.json()["detail"] == "alerts[1].labels.k"


def test_a_surrogate_pair_is_a_character_and_accepted(post_webhook):
    response = post_webhook(b'{"name": "fire \\ud83d\\udd25"}', "generic")
    assert response.status_code == 202
    assert Alert.objects.get().name == "fire \U0001f525"


def test_labels_null_is_422_and_a_bad_alert_rejects_the_whole_group(post_webhook):
    payload = sample("alertmanager", "firing")
    payload["alerts"][1]["labels"] = None
    response = post_webhook(payload, "alertmanager")
    assert response.status_code == 422
    assert response.json()["detail"] == {
        "field": "alerts[1].labels",
        "message": "required field 'alerts[1].labels' must be an object, not null",
    }
    assert Alert.objects.count() == 0
    assert PipelineRun.objects.count() == 0


def test_a_wrongly_typed_timestamp_is_422_for_the_whole_batch(post_webhook):
    payload = {"alerts": [{"name": "a"}, {"name": "b", "started_at": {"when": "now"}}]}
    response = post_webhook(payload, "generic")
    assert response.status_code == 422
    assert response.json()["detail"]["field"] == "alerts[1].started_at"
    assert Alert.objects.count() == 0


def test_a_long_name_is_kept_whole_in_the_description_with_a_warning(post_webhook):
    name = "Replication lag " + "x" * 700
    body = post_webhook({"name": name, "description": "on db-2"}, "generic").json()
    alert = Alert.objects.get()
    assert len(alert.name) == 500
    assert alert.description == f"{name}\n\non db-2"
    assert "cut to 500" in body["warnings"][0]


def test_new_relic_classic_keeps_its_targets_labels(post_webhook):
    payload = sample("newrelic", "classic_open")
    payload["targets"][0]["labels"] = {"env": "prod", "region": ["eu-west-1", "eu-west-2"]}
    post_webhook(payload, "newrelic")
    labels = Alert.objects.get().labels
    assert labels["env"] == "prod"
    assert labels["region"] == "eu-west-1, eu-west-2"


def _wsgi(body: bytes, path: str, headers: dict) -> tuple[str, dict]:
    """The request as granian hands it to the WSGI app: chunks decoded, no length."""
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "CONTENT_TYPE": "application/json",
        "HTTP_TRANSFER_ENCODING": "chunked",
        **headers,
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = status

    content = b"".join(application(environ, start_response))
    return answer["status"], json.loads(content)


@pytest.mark.django_db(transaction=True)
def test_chunked_body_is_read(api_key):
    status, body = _wsgi(
        b'{"name": "Backup failed"}',
        "/alerts/webhook/generic/",
        {"HTTP_AUTHORIZATION": f"Bearer {api_key}"},
    )
    assert status.startswith("202"), body
    assert Alert.objects.get().name == "Backup failed"


@pytest.mark.django_db(transaction=True)
def test_chunked_body_over_the_limit_is_413(api_key, settings):
    settings.WEBHOOK_MAX_BODY_BYTES = 100
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    payload = json.dumps({"name": "x", "description": "y" * 500}).encode()
    status, body = _wsgi(
        payload, "/alerts/webhook/generic/", {"HTTP_AUTHORIZATION": f"Bearer {api_key}"}
    )
    assert status.startswith("413")
    assert Alert.objects.count() == 0


def test_timestamps_of_both_events_are_the_vendors(post_webhook):
    post_webhook(sample("pagerduty", "incident_resolved"), "pagerduty")
    body = post_webhook(sample("pagerduty", "incident_triggered"), "pagerduty").json()
    assert body["out_of_order"] == 1
    alert = Alert.objects.get()
    assert alert.status == "resolved"
    assert alert.ended_at > datetime(2020, 1, 1, tzinfo=UTC)


def test_a_pagerduty_incident_reopened_after_its_resolution_reopens(post_webhook):
    triggered = sample("pagerduty", "incident_triggered")
    resolved = sample("pagerduty", "incident_resolved")
    post_webhook(triggered, "pagerduty")
    post_webhook(resolved, "pagerduty")
    reopened = json.loads(json.dumps(triggered))
    reopened["event"]["event_type"] = "incident.reopened"
    reopened["event"]["occurred_at"] = "2099-01-01T00:00:00Z"  # after the resolution
    body = post_webhook(reopened, "pagerduty").json()
    assert body["out_of_order"] == 0
    assert Incident.objects.get().status == "open"
