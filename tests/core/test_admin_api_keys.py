import re

import pytest
from django.contrib.auth import get_user_model

from vigil.core.models import ApiKey, digest_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("admin", "a@example.com", "pw-9f8d7c6b")
    client.force_login(user)
    return client


def test_admin_shows_a_new_key_once_and_stores_only_its_digest(staff_client):
    response = staff_client.post(
        "/admin/core/apikey/add/",
        {
            "name": "grafana",
            "is_active": "on",
            "role": "responder",
            "allowed_endpoints": '["/alerts/"]',
        },
        follow=True,
    )
    assert response.status_code == 200
    shown = re.search(r"(vgl_[A-Za-z0-9_-]{20,})", response.content.decode())
    assert shown, "the raw key is shown on creation"
    key = ApiKey.objects.get(name="grafana")
    assert key.digest == digest_key(shown.group(1))
    assert key.allowed_endpoints == ["/alerts/"]
    assert key.role == "responder"
    # Never again: the change page and the list only show the masked prefix.
    page = staff_client.get(f"/admin/core/apikey/{key.pk}/change/").content.decode()
    assert shown.group(1) not in page and key.masked in page
    assert shown.group(1) not in staff_client.get("/admin/core/apikey/").content.decode()


def test_admin_cannot_edit_the_digest(staff_client):
    page = staff_client.get("/admin/core/apikey/add/").content.decode()
    assert 'name="digest"' not in page and 'name="prefix"' not in page
