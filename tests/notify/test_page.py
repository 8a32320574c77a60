"""What the page says, from vendors' payloads to what each driver sends."""

from datetime import timedelta

import pytest
from django.core import checks

from tests.alerts.conftest import sample
from tests.notify.conftest import BOT_TOKEN
from tests.support.recording_server import Reply
from vigil.alerts.drivers import get_driver
from vigil.alerts.lifecycle import resolve_incident
from vigil.alerts.models import Incident
from vigil.alerts.services import ingest_events
from vigil.notify.drivers import get_driver as get_notify_driver
from vigil.notify.message import Notification

pytestmark = pytest.mark.django_db


def page_for(driver: str, payload: str, analysis=None, checks=None) -> Notification:
    ingest_events(driver, get_driver(driver).parse(sample(driver, payload)))
    incident = Incident.objects.order_by("pk").last()
    return Notification.from_incident(incident.snapshot(), analysis, checks)


def test_alertmanager_page_has_the_alerts_words_host_labels_and_source(settings):
    settings.NOTIFY_LINK_BASE_URL = "https://vigil.example.com"
    page = page_for("alertmanager", "firing")
    assert page.text.splitlines()[:2] == ["Disk almost full", "/var on web-2 is 91% full"]
    assert page.fields["host"] == "web-2:9100"
    assert (page.fields["job"], page.fields["mountpoint"]) == ("node", "/var")
    assert "alertname" not in page.fields and "severity" not in page.fields
    assert page.links["Source"].startswith("http://prometheus.example.com:9090/graph")
    assert page.url == f"https://vigil.example.com/admin/alerts/incident/{page.incident_id}/change/"


def test_grafana_page_links_the_panel_and_the_dashboard():
    page = page_for("grafana", "unified_firing")
    assert page.links["Grafana panel"] == "https://grafana.example.com/d/servers?viewPanel=3"
    assert page.links["Grafana dashboard"] == "https://grafana.example.com/d/servers"


@pytest.mark.parametrize(
    ("driver", "payload", "label"),
    [
        ("pagerduty", "incident_triggered", "PagerDuty incident"),
        ("newrelic", "workflow_activated", "New Relic issue"),
        ("newrelic", "classic_open", "New Relic incident"),
    ],
)
def test_the_vendors_own_incident_page_is_linked(driver, payload, label):
    assert page_for(driver, payload).links[label].startswith("https://")


def test_a_runbook_in_any_of_its_common_spellings_is_linked():
    for key in ("runbook_url", "runbook", "runbookURL"):
        event = get_driver("generic").parse(
            {"name": f"x-{key}", "annotations": {key: "https://wiki.example.com/rb/disk"}}
        )
        ingest_events("generic", event)
        incident = Incident.objects.order_by("pk").last()
        page = Notification.from_incident(incident.snapshot())
        assert page.links["Runbook"] == "https://wiki.example.com/rb/disk"


def test_a_link_that_is_not_http_is_never_a_link():
    event = get_driver("generic").parse({"name": "x", "annotations": {"runbook": "javascript:1"}})
    ingest_events("generic", event)
    page = Notification.from_incident(Incident.objects.get().snapshot())
    assert "Runbook" not in page.links


def test_what_was_checked_and_found_without_configuration_nags():
    checks = [
        {"check": "disk", "target": "/var", "status": "critical", "message": "/var is 96% full"},
        {"check": "cpu", "status": "ok", "message": "CPU 12% busy over 1.0 s"},
        {"check": "network", "status": "unknown",
         "message": "nothing to check: configure CHECKER_HOSTS or the command's options"},
    ]  # fmt: skip
    analysis = {"summary": "Disk /var is nearly full.", "recommendations": []}
    page = page_for("alertmanager", "firing", analysis, checks)
    assert "Found: disk /var critical: /var is 96% full" in page.text
    assert "Checked, fine: cpu" in page.text
    assert "CHECKER_HOSTS" not in page.text and "configure" not in page.text
    assert page.analysis_summary == "Disk /var is nearly full."


def test_similar_past_incidents_are_linked(settings):
    settings.NOTIFY_LINK_BASE_URL = "https://vigil.example.com"
    analysis = {
        "summary": "",
        "recommendations": [{"title": "Similar to incident #3: Disk full on web-1"}],
    }
    page = page_for("alertmanager", "firing", analysis)
    assert "Recommended: Similar to incident #3: Disk full on web-1" in page.text
    assert page.links["Similar incident #3"] == (
        "https://vigil.example.com/admin/alerts/incident/3/change/"
    )


def test_a_resolution_says_how_long_it_lasted_and_who_resolved_it():
    ingest_events("generic", get_driver("generic").parse({"name": "Disk full"}))
    incident = Incident.objects.get()
    Incident.objects.filter(pk=incident.pk).update(
        opened_at=incident.opened_at.replace(microsecond=0)
    )
    incident.refresh_from_db()
    incident = resolve_incident(incident, "admin:alice", note="rotated the logs")
    Incident.objects.filter(pk=incident.pk).update(
        resolved_at=incident.opened_at + timedelta(hours=1, minutes=4)
    )
    incident.refresh_from_db()
    page = Notification.from_incident(incident.snapshot())
    assert page.status == "resolved"
    assert page.text.splitlines()[0] == "Resolved after 1 h 4 min by admin:alice: rotated the logs"


def test_an_automatic_resolution_says_its_alerts_resolved():
    ingest_events("generic", get_driver("generic").parse({"name": "Disk full"}))
    ingest_events(
        "generic", get_driver("generic").parse({"name": "Disk full", "status": "resolved"})
    )
    page = Notification.from_incident(Incident.objects.get().snapshot())
    assert page.text.startswith("Resolved after ")
    assert "by generic (its alerts resolved)" in page.text.splitlines()[0]


DRIVER_CONFIGS = {
    "slack": lambda url: {"url": url + "/hook"},
    "mattermost": lambda url: {"url": url + "/hooks/x"},
    "discord": lambda url: {"url": url + "/api/webhooks/1/x"},
    "teams": lambda url: {"url": url + "/workflows/x"},
    "webhook": lambda url: {"url": url + "/in"},
    "telegram": lambda url: {"bot_token": BOT_TOKEN, "chat_id": "-1", "api_base_url": url},
    "pagerduty": lambda url: {"routing_key": "R" * 32, "base_url": url},
    "opsgenie": lambda url: {"api_key": "0pS-g3n1e-k3y-0000", "base_url": url},
}


@pytest.mark.parametrize("slug", list(DRIVER_CONFIGS))
def test_every_driver_sends_the_runbook_the_host_and_the_alerts_words(recording_server, slug):
    # Telegram's Bot API answers JSON; the others take any 2xx.
    recording_server.reply(Reply(body={"ok": True, "result": {"message_id": 1}}))
    event = get_driver("generic").parse(
        {
            "name": "Disk full",
            "labels": {"host": "db-7", "mountpoint": "/srv"},
            "annotations": {
                "summary": "/srv 97% used",
                "runbook_url": "https://wiki.example.com/rb",
            },
        }
    )
    ingest_events("generic", event)
    page = Notification.from_incident(Incident.objects.get().snapshot())
    driver = get_notify_driver(slug).from_config(DRIVER_CONFIGS[slug](recording_server.url))
    driver.send(page)
    body = recording_server.requests[0].body.decode()
    assert "https://wiki.example.com/rb" in body
    assert "db-7" in body
    assert "/srv 97% used" in body


def test_preflight_warns_when_pages_carry_no_incident_link(settings):
    settings.NOTIFY_LINK_BASE_URL = ""
    found = checks.run_checks(include_deployment_checks=True)
    assert any(m.id == "notify.W005" for m in found)
    settings.NOTIFY_LINK_BASE_URL = "https://vigil.example.com"
    found = checks.run_checks(include_deployment_checks=True)
    assert not any(m.id == "notify.W005" for m in found)


def test_preflight_names_a_suite_checker_with_nothing_to_check(settings):
    settings.CHECKER_DEFAULT_SUITE = ["cpu", "network"]
    settings.CHECKER_HOSTS = []
    found = checks.run_checks(include_deployment_checks=True)
    assert any(m.id == "checkers.W004" and "CHECKER_HOSTS" in m.msg for m in found)
