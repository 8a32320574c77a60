"""/api/accounts/: me, users and roles, API keys, the audit log (admins only)."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import PASSWORD
from vigil.accounts.models import AuditEvent
from vigil.core.models import ApiKey, digest_key


def _send(client, method, path, body, headers):
    return getattr(client, method)(
        path, data=json.dumps(body), content_type="application/json", **headers
    )


@pytest.fixture
def admin(sign_in):
    return sign_in("admin", "ada")


def test_me_names_the_caller_and_their_role(client, sign_in, auth_headers, django_user_model):
    headers = sign_in("viewer", "vic")
    vic = django_user_model.objects.get(username="vic")
    assert client.get("/api/accounts/me/", **headers).json() == {
        "kind": "user", "name": "vic", "role": "viewer", "user_id": vic.pk,
    }  # fmt: skip
    assert client.get("/api/accounts/me/", **auth_headers).json()["kind"] == "key"


def test_an_admin_creates_a_user_who_signs_in_with_that_role(client, admin):
    body = {"username": "nina", "password": PASSWORD, "role": "responder", "name": "Nina K"}
    created = _send(client, "post", "/api/accounts/users/", body, admin)
    assert created.status_code == 201, created.content
    assert created.json()["role"] == "responder" and created.json()["name"] == "Nina K"
    login = _send(client, "post", "/auth/token/", {"username": "nina", "password": PASSWORD}, {})
    assert login.json()["user"]["role"] == "responder"
    event = AuditEvent.objects.get(event="user_created")
    assert (event.username, event.actor, event.detail) == ("nina", "ada", {"role": "responder"})
    again = _send(client, "post", "/api/accounts/users/", body, admin)
    assert again.status_code == 409


def test_a_weak_password_is_refused_with_the_reason(client, admin):
    body = {"username": "nina", "password": "123", "role": "viewer"}
    response = _send(client, "post", "/api/accounts/users/", body, admin)
    assert response.status_code == 422
    assert response.json()["error"].startswith("password refused: ")


def test_role_change_and_deactivation_apply_to_the_next_sign_in(client, admin, make_user):
    user = make_user("olga", "viewer")
    path = f"/api/accounts/users/{user.pk}/"
    assert _send(client, "patch", path, {"role": "admin"}, admin).json()["role"] == "admin"
    assert _send(client, "patch", path, {"is_active": False}, admin).status_code == 200
    login = _send(client, "post", "/auth/token/", {"username": "olga", "password": PASSWORD}, {})
    assert login.status_code == 401
    changed = AuditEvent.objects.filter(event="user_changed", username="olga")
    assert [e.detail["changed"] for e in changed.order_by("at")] == [["role"], ["is_active"]]


def test_an_admin_cannot_demote_themselves(client, admin, django_user_model):
    me = django_user_model.objects.get(username="ada")
    response = _send(client, "patch", f"/api/accounts/users/{me.pk}/", {"role": "viewer"}, admin)
    assert response.status_code == 409


def test_keys_are_shown_once_listed_by_prefix_and_revoked(client, admin):
    created = _send(client, "post", "/api/accounts/keys/",
                    {"name": "grafana", "role": "responder",
                     "allowed_endpoints": ["/alerts/webhook/"]}, admin)  # fmt: skip
    assert created.status_code == 201
    raw = created.json()["key"]
    key = ApiKey.objects.get(name="grafana")
    assert key.digest == digest_key(raw) and key.role == "responder"
    listed = client.get("/api/accounts/keys/", **admin)
    assert raw not in listed.content.decode()
    assert listed.json()["items"][0]["prefix"] == raw[:8]
    ok = client.post("/alerts/webhook/generic/", data=b'{"name": "x"}',
                     content_type="application/json", HTTP_X_API_KEY=raw)  # fmt: skip
    assert ok.status_code == 202
    revoked = client.post(f"/api/accounts/keys/{key.pk}/revoke/", **admin)
    assert revoked.json()["is_active"] is False
    refused = client.post("/alerts/webhook/generic/", data=b'{"name": "x"}',
                          content_type="application/json", HTTP_X_API_KEY=raw)  # fmt: skip
    assert refused.status_code == 401
    events = list(AuditEvent.objects.order_by("at").values_list("event", flat=True))
    assert events[-2:] == ["key_created", "key_revoked"]


@pytest.mark.parametrize("role", ["viewer", "responder"])
@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/api/accounts/users/"), ("get", "/api/accounts/keys/"),
     ("get", "/api/accounts/audit/"), ("post", "/api/accounts/users/"),
     ("post", "/api/accounts/keys/")],
)  # fmt: skip
def test_only_admins_manage_people_and_keys(client, sign_in, role, method, path):
    headers = sign_in(role)
    body = {"username": "x", "password": PASSWORD, "role": "viewer", "name": "x"}
    response = _send(client, method, path, body, headers) if method == "post" else (
        client.get(path, **headers))  # fmt: skip
    assert response.status_code == 403
    assert response.json()["error"] == f"this needs the admin role; '{role}-user' is {role}"


def test_the_audit_log_lists_sign_ins_with_address(client, admin):
    _send(client, "post", "/auth/token/", {"username": "ada", "password": "bad"}, {})
    body = client.get("/api/accounts/audit/?event=login_failed", **admin).json()
    assert body["count"] == 1
    assert body["items"][0]["username"] == "ada" and body["items"][0]["ip"] == "127.0.0.1"


def test_the_audit_log_filters_by_who_action_and_time(client, admin):
    now = timezone.now()
    for minutes, event, username, actor in [
        (30, "login", "bo", ""), (20, "login_failed", "bo", ""),
        (10, "user_created", "cy", "ada"), (5, "login", "cy", ""),
    ]:  # fmt: skip
        AuditEvent.objects.create(at=now - timedelta(minutes=minutes), event=event,
                                  username=username, actor=actor)  # fmt: skip

    def events(query):
        response = client.get("/api/accounts/audit/", query, **admin)
        assert response.status_code == 200, response.content
        return [(item["event"], item["username"]) for item in response.json()["items"]]

    assert events({"who": "bo"}) == [("login_failed", "bo"), ("login", "bo")]
    assert events({"who": "ada", "event": "user_created"}) == [("user_created", "cy")]
    window = {"after": (now - timedelta(minutes=25)).isoformat(),
              "before": (now - timedelta(minutes=7)).isoformat()}  # fmt: skip
    assert events(window) == [("user_created", "cy"), ("login_failed", "bo")]
    assert events({**window, "who": "cy", "event": "login"}) == []


@pytest.mark.parametrize(
    ("query", "status", "error"),
    [
        ({"event": "logn"}, 422, "event"),
        ({"after": "yesterday"}, 422, "after"),
        ({"whoo": "bo"}, 400, "unknown parameter 'whoo'"),
        ({"after": "2026-01-02T00:00:00Z", "before": "2026-01-01T00:00:00Z"}, 400, "after must"),
    ],
)
def test_a_bad_audit_filter_is_refused_naming_it(client, admin, query, status, error):
    before = AuditEvent.objects.count()
    response = client.get("/api/accounts/audit/", query, **admin)
    assert response.status_code == status
    assert error in json.dumps(response.json())
    assert AuditEvent.objects.count() == before
