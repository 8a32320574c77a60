"""A node's pushed results (push_to_hub, `vigil agent`) as the CHECK stage's answer, and
fresh runs asked of its agent through the API it polls."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.nodes.conftest import disk_alert
from vigil.checkers import hub
from vigil.checkers.checkers.base import CheckResult, Status
from vigil.nodes.models import CheckRequest, Node, NodeReport
from vigil.nodes.services import check_incident

pytestmark = pytest.mark.django_db


def payload(node="web-7", used=95.0, status="critical"):
    results = [
        CheckResult(
            "disk", Status(status), f"/var {used:.0f}% used", "/var", {"used_percent": used}
        ),
        CheckResult("memory", Status.OK, "memory 40% used", "", {"used_percent": 40.0}),
    ]
    return hub.build_payload(results, node=node)


def push(client, auth_headers, body: dict):
    return client.post(
        "/alerts/webhook/cluster/", data=hub.encode(body), content_type="application/json",
        **auth_headers,
    )  # fmt: skip


def test_a_pushed_report_registers_the_node_and_its_latest_results(client, auth_headers):
    assert push(client, auth_headers, payload()).status_code == 202

    node = Node.objects.get(name="web-7")
    assert node.origin == "agent" and node.last_report_at is not None
    [report] = NodeReport.objects.filter(node=node)
    assert report.status == "critical"
    assert [r["check"] for r in report.results] == ["disk", "memory"]


def test_fresh_agent_results_answer_the_stage(client, auth_headers):
    push(client, auth_headers, payload())
    answer = check_incident(disk_alert("web-7:9100"), timeout=5)
    # The disk alert's checkers: the agent's disk result, not its memory one.
    assert [(r["host"], r["via"], r["check"], r["status"]) for r in answer.results] == [
        ("web-7", "agent", "disk", "critical")
    ]
    assert answer.to_dict()["hosts"][0]["age_seconds"] < 5


# The agent's requests come from another thread: a committed, shared database (SQLite's
# in-memory test database locks whole tables between threads).
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_older_results_ask_the_agent_for_a_fresh_run_and_use_it(client, auth_headers, settings):
    settings.NODES_AGENT_WAIT_SECONDS = 5
    push(client, auth_headers, payload(used=95.0))
    NodeReport.objects.update(received_at=timezone.now() - timedelta(minutes=10))

    def agent():  # what `vigil agent` does on its poll: take the request, run, push
        try:
            for _ in range(100):
                taken = client.get("/api/nodes/agent/requests/?node=web-7", **auth_headers).json()
                if taken["run"]:
                    assert taken["checks"] == ["disk", "inodes", "large_dirs"]
                    assert taken["mountpoints"] == ["/var"]
                    push(client, auth_headers, payload(used=60.0, status="ok"))
                    return
                threading.Event().wait(0.05)
        finally:
            connection.close()

    thread = threading.Thread(target=agent)
    thread.start()
    answer = check_incident(disk_alert("web-7:9100"), timeout=8)
    thread.join()

    assert [(r["via"], r["status"], r["message"]) for r in answer.results] == [
        ("agent", "ok", "/var 60% used")
    ]
    assert CheckRequest.objects.get().taken_at is not None


def test_an_agent_that_does_not_answer_is_named_with_its_last_results_age(
    client, auth_headers, settings
):
    settings.NODES_AGENT_WAIT_SECONDS = 0
    push(client, auth_headers, payload())
    NodeReport.objects.update(received_at=timezone.now() - timedelta(minutes=14))

    answer = check_incident(disk_alert("web-7:9100"), timeout=5)

    messages = [r["message"] for r in answer.results]
    assert messages[0] == (
        "web-7: the agent's last results are 14 min old; a fresh run was asked for and none "
        "arrived within 0 s: is `vigil agent` running there?"
    )
    assert CheckRequest.objects.filter(node__name="web-7", taken_at=None).count() == 1


def test_an_agent_not_heard_from_lately_is_not_waited_for(client, auth_headers, settings):
    settings.NODES_AGENT_WAIT_SECONDS = 8
    push(client, auth_headers, payload())
    long_ago = timezone.now() - timedelta(hours=3)
    NodeReport.objects.update(received_at=long_ago)
    Node.objects.update(last_seen_at=long_ago)

    started = time.monotonic()
    answer = check_incident(disk_alert("web-7:9100"), timeout=10)

    assert time.monotonic() - started < 2
    assert answer.results[0]["message"] == (
        "web-7: the agent has not been heard from lately and its last results are 3 h old: "
        "is `vigil agent` running there?"
    )
    assert not CheckRequest.objects.exists()


def test_a_late_delivered_run_is_as_old_as_when_it_was_taken(client, auth_headers, settings):
    settings.NODES_AGENT_WAIT_SECONDS = 0
    # Sent from the spool an hour after it was taken (the hub was down): not fresh.
    push(client, auth_headers, payload() | {"sent_at": "2020-01-01T00:00:00Z"})
    answer = check_incident(disk_alert("web-7:9100"), timeout=5)
    assert answer.results[0]["message"].startswith("web-7: the agent's last results are ")
