import pytest
from django.contrib.auth.models import Permission, User

from vigil.alerts.drivers.base import AlertEvent
from vigil.alerts.models import Incident
from vigil.alerts.services import ingest_events

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident():
    ingest_events("generic", [AlertEvent(source="generic", fingerprint="a", name="Disk full")])
    return Incident.objects.get()


def test_incident_page_shows_the_timeline(admin_client, incident):
    page = admin_client.get(f"/admin/alerts/incident/{incident.pk}/change/")
    assert page.status_code == 200
    assert b"incident_opened" in page.content
    listing = admin_client.get("/admin/alerts/incident/?status__exact=open")
    assert b"Disk full" in listing.content


def test_superuser_acknowledges_from_the_list(admin_client, incident):
    admin_client.post(
        "/admin/alerts/incident/",
        {"action": "acknowledge", "_selected_action": [incident.pk]},
    )
    incident.refresh_from_db()
    assert (incident.status, incident.acknowledged_by) == ("acknowledged", "admin:admin")


def test_staff_without_change_permission_cannot_run_actions(client, incident):
    user = User.objects.create_user("viewer", password="pw-123456789", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_incident"))
    client.force_login(user)
    client.post("/admin/alerts/incident/", {"action": "close", "_selected_action": [incident.pk]})
    incident.refresh_from_db()
    assert incident.status == "open"
