"""Roles on the server: a test per role and endpoint family.

viewer reads; responder acknowledges, resolves, comments, assigns, re-runs; admin manages
channels, lanes, keys and users. API keys carry a role too (admin unless created with
--role)."""

import json

import pytest
from django.core.management import call_command

from vigil.alerts.models import Incident
from vigil.core.services import create_api_key

ROLES = ("viewer", "responder", "admin")


@pytest.fixture
def incident(db):
    return Incident.objects.create(title="disk full", source="generic", group_key="g1")


def _call(client, method, path, headers, body=None):
    send = getattr(client, method.lower())
    if body is None:
        return send(path, **headers)
    return send(path, data=json.dumps(body), content_type="application/json", **headers)


# (family, method, path template, body, least role allowed)
FAMILIES = [
    ("incidents: read", "GET", "/alerts/incidents/", None, "viewer"),
    ("incident: read", "GET", "/alerts/incidents/{incident}/", None, "viewer"),
    ("incident: timeline", "GET", "/orchestration/incidents/{incident}/timeline/", None,
     "viewer"),
    ("overview: read", "GET", "/orchestration/overview/", None, "viewer"),
    ("queue: read", "GET", "/orchestration/queue/", None, "viewer"),
    ("incident: acknowledge", "POST", "/alerts/incidents/{incident}/acknowledge/", None,
     "responder"),
    ("incident: comment", "POST", "/alerts/incidents/{incident}/comments/", {"text": "hi"},
     "responder"),
    ("incident: assign", "POST", "/alerts/incidents/{incident}/assign/", {"assignee": ""},
     "responder"),
    ("incidents: bulk", "POST", "/alerts/incidents/bulk/",
     {"action": "resolve", "ids": ["{incident}"]}, "responder"),
    ("incident: re-run", "POST", "/orchestration/pipeline/", {"incident_id": "{incident}"},
     "responder"),
    ("alerts: send", "POST", "/alerts/webhook/generic/", {"name": "x"}, "responder"),
    ("runs: read", "GET", "/orchestration/pipelines/", None, "viewer"),
    ("health: read", "GET", "/api/checkers/latest/", None, "viewer"),
    ("health: run now", "POST", "/api/checkers/run/", {"checks": ["load"], "save": False},
     "responder"),
    ("secrets: read", "GET", "/api/secretscan/findings/", None, "viewer"),
    ("lanes: read", "GET", "/orchestration/definitions/", None, "viewer"),
    ("lanes: dry run", "POST", "/orchestration/definitions/dry-run/",
     {"incident_id": "{incident}"}, "viewer"),
    ("lanes: create", "POST", "/orchestration/definitions/", {"name": "x", "stages": ["notify"]},
     "admin"),
    ("lanes: delete", "DELETE", "/orchestration/definitions/default/", None, "admin"),
    ("channels: read", "GET", "/notify/channels/", None, "viewer"),
    ("channels: create", "POST", "/notify/channels/",
     {"name": "ops", "driver": "locmem", "config": {}}, "admin"),
    ("notify: send", "POST", "/notify/send/locmem/",
     {"config": {}, "message": {"title": "t"}}, "admin"),
    ("keys: read", "GET", "/api/accounts/keys/", None, "admin"),
    ("users: read", "GET", "/api/accounts/users/", None, "admin"),
    ("audit: read", "GET", "/api/accounts/audit/", None, "admin"),
    ("me: read", "GET", "/api/accounts/me/", None, "viewer"),
]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("family", "method", "path", "body", "least"), FAMILIES, ids=[f[0] for f in FAMILIES]
)
def test_role_matrix(client, sign_in, incident, role, family, method, path, body, least):
    headers = sign_in(role)
    path = path.format(incident=incident.pk)
    if body is not None:
        body = json.loads(json.dumps(body).replace('"{incident}"', str(incident.pk)))
    if method == "DELETE":
        return _check(client.delete(path, **headers), role, least)
    _check(_call(client, method, path, headers, body), role, least)


def _check(response, role, least):
    allowed = ROLES.index(role) >= ROLES.index(least)
    if allowed:
        assert response.status_code < 400 or response.status_code == 502, response.content
    else:
        assert response.status_code == 403, response.content
        assert least in response.json()["error"]


def test_an_api_key_is_admin_unless_created_with_a_role(client, incident):
    admin_key = create_api_key("full").raw
    viewer_key = create_api_key("dashboard", role="viewer").raw
    path = f"/alerts/incidents/{incident.pk}/acknowledge/"
    assert client.get("/alerts/incidents/", HTTP_X_API_KEY=viewer_key).status_code == 200
    refused = client.post(path, HTTP_X_API_KEY=viewer_key)
    assert refused.status_code == 403
    assert refused.json() == {"error": "this needs the responder role; 'dashboard' is viewer"}
    assert client.post(path, HTTP_X_API_KEY=admin_key).status_code == 200


def test_create_api_key_takes_a_role(db, capsys):
    call_command("create_api_key", "--name", "grafana", "--role", "responder")
    assert "role responder" in capsys.readouterr().err


def test_acting_users_are_named_in_the_timeline(client, sign_in, incident):
    headers = sign_in("responder", "rita")
    client.post(f"/alerts/incidents/{incident.pk}/acknowledge/", **headers)
    incident.refresh_from_db()
    assert incident.acknowledged_by == "rita"
