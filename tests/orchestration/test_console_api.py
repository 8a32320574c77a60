"""What the console reads from /orchestration/: overview, timeline, queue, trace, lanes."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from vigil.alerts.drivers.base import AlertEvent
from vigil.alerts.lifecycle import acknowledge_incident
from vigil.alerts.models import Incident
from vigil.alerts.services import ingest_events
from vigil.notify.models import NotificationChannel
from vigil.orchestration.models import Lane, PipelineRun
from vigil.orchestration.services import execute_now

pytestmark = pytest.mark.django_db


def _post(client, path, body, headers, method="post"):
    return getattr(client, method)(
        path, data=json.dumps(body), content_type="application/json", **headers
    )


@pytest.fixture
def ops_channel(db):
    return NotificationChannel.objects.create(name="ops", driver="locmem", config={})


@pytest.fixture
def pipeline_incident(ops_channel, fake_stages):
    Lane.objects.create(name="all", stages=["check", "analyze", "notify"],
                                      channels=["ops"])  # fmt: skip
    result = ingest_events("generic", [AlertEvent(source="generic", fingerprint="f1",
                                                  name="Disk full", severity="critical")])  # fmt: skip
    run = PipelineRun.objects.get(run_id=result.run_ids[0])
    execute_now(run)
    return Incident.objects.get(pk=result.incident_ids[0])


def test_the_timeline_tells_the_whole_story_in_order(client, auth_headers, pipeline_incident):
    acknowledge_incident(pipeline_incident, "rita")
    response = client.get(
        f"/orchestration/incidents/{pipeline_incident.pk}/timeline/", **auth_headers
    )
    assert response.status_code == 200
    body = response.json()
    kinds = [entry["kind"] for entry in body["items"]]
    for kind in ("alert", "state", "run", "health_check", "analysis_stage", "notify_stage",
                 "delivery"):  # fmt: skip
        assert kind in kinds, kinds
    assert body["count"] == len(kinds)
    stamps = [entry["at"] for entry in body["items"]]
    assert stamps == sorted(stamps)
    delivery = next(entry for entry in body["items"] if entry["kind"] == "delivery")
    assert delivery["detail"]["channel"] == "ops" and delivery["detail"]["status"] == "sent"
    ack = next(entry for entry in reversed(body["items"]) if entry["kind"] == "state")
    assert (ack["kind"], ack["by"], ack["title"]) == ("state", "rita", "incident acknowledged")
    # The acknowledgement's own run, which tells the channels, closes the story.
    assert body["items"][-1]["kind"] == "run"
    assert stamps[0].endswith("Z")


def test_overview_figures(client, auth_headers, pipeline_incident):
    ops = NotificationChannel.objects.get(name="ops")
    NotificationChannel.objects.filter(pk=ops.pk).update(
        last_error="boom", last_error_at=timezone.now(), consecutive_failures=2
    )
    Incident.objects.filter(pk=pipeline_incident.pk).update(
        acknowledged_at=pipeline_incident.opened_at + timedelta(seconds=90),
        resolved_at=pipeline_incident.opened_at + timedelta(seconds=600),
        status="resolved",
    )
    Incident.objects.create(title="cpu", source="generic", group_key="cpu", severity="warning")
    body = client.get("/orchestration/overview/", **auth_headers).json()
    assert body["open_by_severity"] == {"critical": 0, "warning": 1, "info": 0}
    assert len(body["alerts_24h"]) == 24 and len(body["alerts_7d"]) == 7
    assert body["alerts_24h"][-1]["alerts"] == 1 and body["alerts_7d"][-1]["alerts"] == 1
    assert body["last_7_days"]["mtta_seconds"] == 90.0
    assert body["last_7_days"]["mttr_seconds"] == 600.0
    assert body["noisiest_alerts"][0]["name"] == "Disk full"
    assert [c["name"] for c in body["channels_in_error"]] == ["ops"]
    assert body["queue_depth"] == 0


def test_queue_shows_depth_workers_and_jobs(client, auth_headers, make_run):
    make_run(status="pending")
    make_run(status="processing", claimed_by="worker:a",
             lease_expires_at=timezone.now() + timedelta(seconds=30))  # fmt: skip
    body = client.get("/orchestration/queue/", **auth_headers).json()
    assert body["depth"] == 1 and body["processing"] == 1
    assert [w["owner"] for w in body["workers"]] == ["worker:a"]


def test_runs_list_carries_stage_timings(client, auth_headers, pipeline_incident):
    item = client.get("/orchestration/pipelines/", **auth_headers).json()["items"][0]
    assert [s["stage"] for s in item["stages"]] == ["check", "analyze", "notify"]
    assert all(isinstance(s["duration_ms"], int) for s in item["stages"])
    assert "output" not in item["stages"][0]


def test_trace_as_json_and_404(client, auth_headers, pipeline_incident):
    run = PipelineRun.objects.get(incident=pipeline_incident)
    body = client.get(f"/orchestration/trace/{run.run_id}/", **auth_headers).json()
    assert body["matched_as"] == "run" and body["runs"][0]["deliveries"][0]["channel"] == "ops"
    missing = client.get("/orchestration/trace/nothing-here/", **auth_headers)
    assert missing.status_code == 404


def test_trace_text_is_what_vigil_trace_prints(client, auth_headers, pipeline_incident):
    run = PipelineRun.objects.get(incident=pipeline_incident)
    printed = io.StringIO()
    call_command("trace", str(run.run_id), stdout=printed)

    body = client.get(f"/orchestration/trace/{run.run_id}/text/", **auth_headers).json()

    assert body["text"] + "\n" == printed.getvalue()
    assert f"run {run.run_id} " in body["text"] and "  notify " in body["text"]
    missing = client.get("/orchestration/trace/nothing-here/text/", **auth_headers)
    assert missing.status_code == 404


def test_lanes_are_created_changed_and_deleted(client, auth_headers, ops_channel):
    lane = {"name": "db", "priority": 10, "channels": ["ops"],
            "match": [{"field": "label:team", "op": "is", "value": "db"}]}  # fmt: skip
    created = _post(client, "/orchestration/definitions/", lane, auth_headers)
    assert created.status_code == 201, created.content
    assert created.json()["stages"] == ["check", "analyze", "notify"]
    changed = _post(client, "/orchestration/definitions/db/", {"priority": 5}, auth_headers,
                    "patch")  # fmt: skip
    assert changed.status_code == 200 and changed.json()["priority"] == 5
    assert Lane.objects.get(name="db").priority == 5
    listed = client.get("/orchestration/definitions/", **auth_headers).json()
    names = [item["name"] for item in listed["items"]]
    assert names[0] == "db" and listed["count"] == len(names)
    deleted = client.delete("/orchestration/definitions/db/", **auth_headers)
    assert deleted.status_code == 204
    assert not Lane.objects.filter(name="db").exists()
    assert client.delete("/orchestration/definitions/db/", **auth_headers).status_code == 404


def test_a_lane_naming_an_unknown_channel_is_refused(client, auth_headers, ops_channel):
    response = _post(client, "/orchestration/definitions/",
                     {"name": "db", "channels": ["ops", "opps"]}, auth_headers)  # fmt: skip
    assert response.status_code == 422
    assert response.json() == {
        "error": "invalid lane",
        "detail": ["channels: no notification channel named 'opps'; defined: ops"],
    }
    assert not Lane.objects.filter(name="db").exists()


def test_an_invalid_lane_update_changes_nothing(client, auth_headers, ops_channel):
    Lane.objects.create(name="db", stages=["notify"], channels=["ops"])
    response = _post(client, "/orchestration/definitions/db/",
                     {"stages": ["notify", "dance"]}, auth_headers, "patch")  # fmt: skip
    assert response.status_code == 422
    assert "stages" in response.json()["detail"][0]
    assert Lane.objects.get(name="db").stages == ["notify"]


def test_dry_run_says_which_lane_an_alert_would_take(client, sign_in):
    Lane.objects.create(
        name="db", priority=1, stages=["notify"],
        match=[{"field": "label:team", "op": "is", "value": "db"}],
    )  # fmt: skip
    Lane.objects.create(name="rest", priority=2, stages=["notify"])
    headers = sign_in("viewer")
    payload = {"name": "Disk", "severity": "critical", "labels": {"team": "web"}}
    response = _post(client, "/orchestration/definitions/dry-run/",
                     {"driver": "generic", "payload": payload}, headers)  # fmt: skip
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["lane"]["name"] == "rest"
    assert body["lanes"][0] == {
        "name": "db", "active": True, "matched": False,
        "failed_rules": [{"field": "label:team", "op": "is", "value": "db"}],
    }  # fmt: skip
    assert not Incident.objects.exists()
    bad = _post(client, "/orchestration/definitions/dry-run/",
                {"driver": "grafna", "payload": payload}, headers)  # fmt: skip
    assert bad.status_code == 422 and "unknown driver 'grafna'" in bad.json()["detail"][0]
