import pytest
from django.core.checks import run_checks
from django.urls import reverse

from vigil.orchestration.models import Lane, PipelineRun

pytestmark = pytest.mark.django_db


def test_queue_view_shows_depth_and_stuck_runs(admin_client, make_run, settings):
    settings.ORCHESTRATION_STALE_SECONDS = 60
    old = make_run()
    PipelineRun.objects.filter(pk=old.pk).update(created_at="2020-01-01T00:00:00Z")
    make_run()
    response = admin_client.get(reverse("admin:orchestration_pipelinerun_queue"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "<th>Queue depth (pending + retrying)</th><td>2</td>" in text
    assert str(old.run_id) in text


def test_changelist_and_run_page_render(admin_client, make_run):
    run = make_run()
    changelist = admin_client.get(reverse("admin:orchestration_pipelinerun_changelist"))
    assert changelist.status_code == 200
    assert reverse("admin:orchestration_pipelinerun_queue") in changelist.content.decode()
    page = admin_client.get(reverse("admin:orchestration_pipelinerun_change", args=[run.pk]))
    assert page.status_code == 200
    assert admin_client.get(reverse("admin:orchestration_lane_changelist")).status_code == 200


def test_retry_and_mark_failed_actions(admin_client, make_run):
    failed = make_run(status="failed", attempts=2)
    done = make_run(status="notified")
    pending = make_run()
    url = reverse("admin:orchestration_pipelinerun_changelist")

    admin_client.post(url, {"action": "retry_runs", "_selected_action": [failed.pk, done.pk]})
    failed.refresh_from_db()
    done.refresh_from_db()
    assert failed.status == "pending" and failed.attempts_in_budget == 0
    assert done.status == "notified"

    admin_client.post(
        url, {"action": "mark_runs_failed", "_selected_action": [pending.pk, done.pk]}
    )
    pending.refresh_from_db()
    done.refresh_from_db()
    assert pending.status == "failed" and pending.last_error_type == "marked_failed"
    assert "in the admin" in pending.last_error_message
    assert done.status == "notified"


def test_admin_refuses_an_invalid_lane(admin_client):
    response = admin_client.post(
        reverse("admin:orchestration_lane_add"),
        {
            "name": "bad",
            "active": "on",
            "priority": 5,
            "match": '[{"field": "source", "op": "regex", "value": ".*"}]',
            "stages": '["check"]',
            "channels": "[]",
            "skip_if_condition": "__import__('os')",
            "description": "",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "op &#x27;regex&#x27; is not valid" in text
    assert not Lane.objects.filter(name="bad").exists()


def _ids():
    return {
        m.id
        for m in run_checks(databases=["default"], include_deployment_checks=True)
        if m.id.startswith("orchestration")
    }


def test_checks_warn_about_lanes():
    assert "orchestration.W003" not in _ids()
    Lane.objects.filter(name="default").update(active=False)
    assert "orchestration.W004" in _ids()
    Lane.objects.filter(name="default").update(active=True, skip_if_condition="x")
    assert "orchestration.W005" in _ids()
    Lane.objects.update(active=False)
    assert "orchestration.W003" in _ids()


def test_check_warns_about_a_non_redis_broker(settings):
    settings.CELERY_BROKER_URL = "sqs://example"
    assert "orchestration.W001" in {m.id for m in run_checks()}
