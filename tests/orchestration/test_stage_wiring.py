"""The real CHECK, ANALYZE and NOTIFY services behind the orchestrator (skipped where a
stage's app is not installed). NOTIFY goes to the product's locmem driver."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from vigil.orchestration import publish
from vigil.orchestration.models import Lane, PipelineRun, StageExecution
from vigil.orchestration.scheduler import run_health_checks
from vigil.orchestration.services import execute_now

pytest.importorskip("vigil.checkers.services")
pytest.importorskip("vigil.intelligence.services")
notify_services = pytest.importorskip("vigil.notify.services")
alerts_services = pytest.importorskip("vigil.alerts.services")

from vigil.alerts.models import Alert  # noqa: E402
from vigil.notify.drivers import locmem  # noqa: E402
from vigil.notify.models import Delivery, NotificationChannel  # noqa: E402

pytestmark = pytest.mark.django_db


@pytest.fixture
def ops(db):
    locmem.outbox.clear()
    channel = NotificationChannel.objects.create(name="ops", driver="locmem", config={})
    Lane.objects.filter(name__in=["default", "resolved"]).update(channels=["ops"])
    yield channel
    locmem.outbox.clear()


def _incident_with_alert(make_incident, **fields):
    incident = make_incident(**fields)
    Alert.objects.create(
        source="alertmanager", fingerprint=f"fp-{incident.pk}", name="DiskFull",
        status="firing", severity="critical", incident=incident,
        labels={"host": "127.0.0.1"}, description="disk / is 97% full",
    )  # fmt: skip
    return incident


def test_real_stages_check_analyze_and_notify_once(make_incident, make_run, ops):
    run = execute_now(make_run(_incident_with_alert(make_incident)))

    assert run.status == "notified", run.last_error_message
    stages = {e.stage: e for e in StageExecution.objects.filter(run=run)}
    assert set(stages) == {"check", "analyze", "notify"}
    assert isinstance(stages["check"].output_snapshot["results"], list)
    assert stages["analyze"].output_snapshot["provider"] == "local"
    assert stages["notify"].output_snapshot["outcomes"][0]["status"] == "sent"
    assert Delivery.objects.filter(run_id=str(run.run_id)).count() == 1
    assert len(locmem.outbox) == 1 and "97% full" in locmem.outbox[0].text


def test_transient_delivery_failure_reschedules_and_never_resends(make_incident, make_run, ops):
    ops.config = {"fail": "transient", "retry_after": 30}
    ops.save()
    before = timezone.now()
    run = execute_now(make_run(_incident_with_alert(make_incident)))

    assert run.status == "retrying" and run.last_error_type == "DeliveryRetry"
    assert "ops:" in run.last_error_message
    assert run.not_before >= before + timedelta(seconds=29)

    ops.config = {}
    ops.save()
    Delivery.objects.filter(run_id=str(run.run_id)).update(next_attempt_at=timezone.now())
    PipelineRun.objects.filter(pk=run.pk).update(not_before=timezone.now())
    run = execute_now(run)

    assert run.status == "notified", run.last_error_message
    assert len(locmem.outbox) == 1
    assert Delivery.objects.filter(run_id=str(run.run_id)).count() == 1
    executions = list(
        StageExecution.objects.filter(run=run).values_list("stage", "attempt", "status")
    )
    assert ("check", 1, "succeeded") in executions and ("check", 2, "succeeded") not in executions
    assert ("notify", 1, "failed") in executions and ("notify", 2, "succeeded") in executions


def test_permanent_delivery_failure_fails_the_run(make_incident, make_run, ops):
    ops.config = {"fail": "permanent"}
    ops.save()
    run = execute_now(make_run(_incident_with_alert(make_incident)))

    assert run.status == "failed" and run.last_error_type == "DeliveryFailed"
    assert run.last_error_retryable is False
    assert locmem.outbox == []


def test_api_payload_goes_through_the_driver_and_unknown_channels_are_refused(
    client, auth_headers, ops, django_capture_on_commit_callbacks
):
    payload = {
        "name": "Backup failed",
        "status": "firing",
        "severity": "critical",
        "fingerprint": "bk-1",
    }
    publish.wake_event.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/orchestration/pipeline/",
            {"payload": payload, "driver": "generic", "channels": ["ops"], "trace_id": "api-1"},
            content_type="application/json",
            **auth_headers,
        )
    assert response.status_code == 202, response.json()
    run = PipelineRun.objects.get(run_id=response.json()["run_id"])
    assert run.origin == "api" and run.trace_id == "api-1" and run.options["channels"] == ["ops"]
    assert run.incident.alerts.get().name == "Backup failed"
    assert publish.wake_event.is_set()  # alerts' runs_created reached the worker

    response = client.post(
        "/orchestration/pipeline/",
        {"payload": payload, "channels": ["nope"]},
        content_type="application/json",
        **auth_headers,
    )
    assert response.status_code == 404
    assert response.json()["error"] == "unknown notification channel(s): nope"
    response = client.post(
        "/orchestration/pipeline/",
        {"payload": {"no": "name"}, "driver": "generic"},
        content_type="application/json",
        **auth_headers,
    )
    assert response.status_code == 422
    assert response.json()["error"].startswith("driver 'generic' refused the payload")
    response = client.post(
        "/orchestration/pipeline/",
        {"payload": payload, "driver": "grafna"},
        content_type="application/json",
        **auth_headers,
    )
    assert response.status_code == 404 and "valid: alertmanager" in response.json()["error"]
    assert PipelineRun.objects.count() == 1


def test_run_pipeline_sample_notifies(ops):
    out = StringIO()
    call_command("run_pipeline", "--sample", "generic", "--json", stdout=out)
    runs = json.loads(out.getvalue())["runs"]
    assert runs and {run["status"] for run in runs} == {"notified"}
    assert {run["origin"] for run in runs} == {"manual"}
    assert len(locmem.outbox) == len(runs)


def test_run_pipeline_dry_run_on_a_payload_writes_nothing(ops):
    out = StringIO()
    call_command("run_pipeline", "--sample", "alertmanager", "--dry-run", stdout=out)
    assert "lane default stages check, analyze, notify channels ops" in out.getvalue()
    assert PipelineRun.objects.count() == 0 and Alert.objects.count() == 0


def test_scheduled_health_checks_become_alerts_and_runs(settings):
    settings.CHECKER_DEFAULT_SUITE = ["memory"]
    summary = run_health_checks()

    assert summary["results"]
    assert Alert.objects.filter(source="cluster").exists()
    if summary["run_ids"]:
        assert set(PipelineRun.objects.values_list("origin", flat=True)) == {"checker"}
