"""Every human action is heard: the channel that got [FIRING] gets the rest."""

import pytest
from django.contrib.auth.models import User
from django.core import checks
from django.core.exceptions import ValidationError

from vigil.alerts.drivers.base import AlertEvent
from vigil.alerts.lifecycle import acknowledge_incident
from vigil.alerts.models import Incident
from vigil.alerts.services import ingest_events
from vigil.notify.drivers import locmem
from vigil.notify.models import NotificationChannel
from vigil.orchestration.models import Lane, PipelineRun
from vigil.orchestration.services import execute_now

pytestmark = pytest.mark.django_db


@pytest.fixture
def paged(settings):
    """An incident whose [FIRING] went to channel 'ops' (the lanes as seeded, with it)."""
    settings.CONFIG_RELOAD_SECONDS = 0
    settings.ORCHESTRATION_STAGE_SERVICES = {
        "check": "tests.orchestration.stage_fakes.check_incident",
        "analyze": "tests.orchestration.stage_fakes.analyze_incident",
    }
    locmem.clear()
    NotificationChannel.objects.create(name="ops", driver="locmem", config={})
    Lane.objects.filter(name__in=["default", "resolved"]).update(channels=["ops"])
    ingest_events("generic", [AlertEvent(source="generic", fingerprint="a", name="Disk full")])
    _work()
    assert [m.message.status for m in locmem.outbox] == ["firing"]
    return Incident.objects.get()


def _work() -> None:
    for run in PipelineRun.objects.filter(status="pending").order_by("created_at"):
        execute_now(run)


def test_acknowledge_through_the_api_tells_the_channel_who_and_why(client, auth_headers, paged):
    response = client.post(
        f"/alerts/incidents/{paged.pk}/acknowledge/",
        {"note": "looking at it"},
        content_type="application/json",
        **auth_headers,
    )
    assert response.status_code == 200
    run = PipelineRun.objects.get(origin="action")
    assert run.options["action"] == {
        "status": "acknowledged", "by": "api-key:test-key", "note": "looking at it",
    }  # fmt: skip
    _work()
    sent = locmem.outbox[-1]
    assert sent.message.status == "acknowledged"
    assert sent.message.fields["acknowledged by"] == "api-key:test-key"
    assert sent.message.fields["note"] == "looking at it"
    run.refresh_from_db()
    assert run.status == "notified"
    # Nothing new to look at: only the notify stage ran.
    assert list(run.stages.values_list("stage", flat=True)) == ["notify"]


def test_resolve_from_the_admin_tells_the_channel(admin_client, paged):
    admin_client.post(
        "/admin/alerts/incident/", {"action": "resolve", "_selected_action": [paged.pk]}
    )
    _work()
    sent = locmem.outbox[-1]
    assert sent.message.status == "resolved"
    assert sent.message.fields["resolved by"] == "admin:admin"
    assert sent.message.text.startswith("Resolved by admin:admin after ")


def test_a_lane_may_keep_actions_quiet(paged):
    Lane.objects.update(notify_actions=False)
    acknowledge_incident(paged, "alice")
    _work()
    assert len(locmem.outbox) == 1
    assert PipelineRun.objects.get(origin="action").status == "skipped"


def test_the_admin_form_shows_status_read_only_and_cannot_add(admin_client, paged):
    page = admin_client.get(f"/admin/alerts/incident/{paged.pk}/change/")
    assert b'name="status"' not in page.content
    admin_client.post(
        f"/admin/alerts/incident/{paged.pk}/change/",
        {"status": "resolved", "title": paged.title, "severity": "warning", "source": "generic"},
    )
    paged.refresh_from_db()
    assert paged.status == "open"
    assert admin_client.get("/admin/alerts/incident/add/").status_code == 403


def test_a_lane_naming_an_unknown_channel_is_refused_when_saved(paged):
    lane = Lane(name="db", stages=["notify"], channels=["ops", "opps"])
    with pytest.raises(ValidationError) as info:
        lane.full_clean()
    assert info.value.message_dict["channels"] == [
        "no notification channel named 'opps'; defined: ops"
    ]


def test_the_admin_refuses_a_lane_with_a_typo_in_a_channel(admin_client, paged):
    response = admin_client.post(
        "/admin/orchestration/lane/add/",
        {
            "name": "db",
            "active": "on",
            "priority": "5",
            "match": "[]",
            "stages": '["notify"]',
            "channels": '["opps"]',
            "notify_actions": "on",
        },  # fmt: skip
    )
    assert response.status_code == 200
    assert b"no notification channel named &#x27;opps&#x27;" in response.content
    assert not Lane.objects.filter(name="db").exists()


def test_a_missing_channel_is_a_failed_delivery_in_trace_and_api(client, auth_headers, paged):
    Lane.objects.filter(name="default").update(channels=["ops", "opps"])
    ingest_events("generic", [AlertEvent(source="generic", fingerprint="b", name="CPU")])
    _work()
    run = PipelineRun.objects.filter(incident__title="CPU").get()
    detail = client.get(f"/orchestration/pipeline/{run.run_id}/", **auth_headers).json()
    missing = [d for d in detail["deliveries"] if d["channel"] == "opps"]
    assert missing == [
        {"channel": "opps", "driver": "", "status": "failed", "attempts": 0,
         "error": "no channel named 'opps'", "sent_at": None},
    ]  # fmt: skip


def test_preflight_warns_about_a_lane_naming_an_unknown_channel(paged):
    Lane.objects.filter(name="default").update(channels=["opps"])
    found = checks.run_checks(include_deployment_checks=True, databases=["default"])
    assert any(m.id == "orchestration.W007" and "'opps'" in m.msg for m in found)


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("admin", "admin@example.com", "pw-123456789")
