"""The issue's case end to end: Alertmanager's HostDiskAlmostFull for web-7's /var, through
the webhook, the worker's stages and a notification, with web-7's node_exporter serving
the recorded metrics."""

import json

import pytest

from tests.nodes.conftest import disk_alert
from vigil.notify.drivers import locmem
from vigil.notify.models import NotificationChannel
from vigil.orchestration.models import Lane, PipelineRun, StageExecution
from vigil.orchestration.services import execute_now

pytestmark = pytest.mark.django_db


@pytest.fixture
def ops(db):
    locmem.outbox.clear()
    NotificationChannel.objects.create(name="ops", driver="locmem", config={})
    Lane.objects.filter(name="default").update(channels=["ops"])
    yield
    locmem.outbox.clear()


def alertmanager_payload(instance: str) -> dict:
    alert = disk_alert(instance)["alerts"][0]
    return {
        "version": "4", "groupKey": '{}:{alertname="HostDiskAlmostFull"}', "status": "firing",
        "receiver": "vigil", "groupLabels": {"alertname": "HostDiskAlmostFull"},
        "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://alertmanager:9093",
        "alerts": [{"status": "firing", "labels": alert["labels"], "annotations": alert["annotations"],
                    "startsAt": "2026-11-23T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
                    "generatorURL": "http://prometheus:9090/graph", "fingerprint": "d15c0001"}],
    }  # fmt: skip


def run_alert(client, auth_headers, instance: str) -> dict:
    answer = client.post(
        "/alerts/webhook/alertmanager/", data=json.dumps(alertmanager_payload(instance)),
        content_type="application/json", **auth_headers,
    )  # fmt: skip
    assert answer.status_code == 202, answer.content
    [run_id] = answer.json()["run_ids"]
    run = execute_now(PipelineRun.objects.get(run_id=run_id))
    assert run.status == "notified", run.last_error_message
    return {e.stage: e.output_snapshot for e in StageExecution.objects.filter(run=run)}


def test_the_host_and_its_mount_are_checked_explained_and_notified(
    client, auth_headers, ops, exporter
):
    outputs = run_alert(client, auth_headers, f"127.0.0.2:{exporter.port}")

    check = outputs["check"]
    [disk] = [r for r in check["results"] if r["check"] == "disk"]
    assert (disk["host"], disk["via"], disk["target"], disk["status"]) == (
        "127.0.0.2",
        "node_exporter",
        "/var",
        "critical",
    )
    titles = [r["title"] for r in outputs["analyze"]["recommendations"]]
    assert "Find what fills /var on 127.0.0.2" in titles
    assert not any("APT" in title or "apt" in title for title in titles), titles
    assert "127.0.0.2 /var 95% used" in outputs["analyze"]["summary"]
    [sent] = locmem.outbox
    # The page says what was checked and found, generically (vigil/notify/page.py).
    assert "Found: disk /var on 127.0.0.2 critical: 127.0.0.2 /var 95% used" in sent.message.text


def test_an_unreachable_host_is_said_plainly_and_the_hub_is_not_described(
    client, auth_headers, ops
):
    outputs = run_alert(client, auth_headers, "web-7:9100")

    results = outputs["check"]["results"]
    assert {r["host"] for r in results} == {"web-7"}
    assert results[-1]["message"] == "no data for web-7: every way to look at it failed (see above)"
    recommendations = outputs["analyze"]["recommendations"]
    assert "Find what fills /var on web-7" in [r["title"] for r in recommendations]
    # Nothing about this server's own disks (its roots, caches or logs).
    assert not any(r["title"].startswith(("See what fills", "Trim the")) for r in recommendations)
