import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from vigil.core.models import ApiKey, digest_key
from vigil.core.services import create_api_key

pytestmark = pytest.mark.django_db
PROTECTED = "/api/openapi.json"


def test_key_is_stored_only_as_digest_with_display_prefix():
    created = create_api_key("ops")
    row = ApiKey.objects.get(name="ops")
    assert row.digest == digest_key(created.raw) != created.raw
    assert row.prefix == created.raw[:8]
    assert row.masked == created.raw[:8] + "***"
    assert created.raw not in str(ApiKey.objects.filter(name="ops").values().get())


def test_create_api_key_prints_raw_key_once(capsys):
    call_command("create_api_key", "--name", "cli", "--endpoint", "/alerts/webhook/")
    out, err = capsys.readouterr()
    raw = out.strip()
    assert ApiKey.objects.get(name="cli").digest == digest_key(raw)
    assert raw not in err and "cannot be shown again" in err
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_api_key", "--name", "cli")
    with pytest.raises(CommandError, match="must be a path"):
        call_command("create_api_key", "--name", "bad", "--endpoint", "alerts")


def test_missing_key_is_401_json(client):
    response = client.get(PROTECTED)
    assert response.status_code == 401
    assert response.json()["error"] == "authentication required"
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("header", ["HTTP_AUTHORIZATION", "HTTP_X_API_KEY"])
def test_valid_key_in_either_header_passes(client, api_key, header):
    value = f"Bearer {api_key}" if header == "HTTP_AUTHORIZATION" else api_key
    response = client.get(PROTECTED, **{header: value})
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Vigil"


@pytest.mark.parametrize("value", ["Bearer nope", "Bearer ", "Basic dXNlcjpwYXNz", "bearer"])
def test_wrong_or_malformed_key_is_401(client, api_key, value):
    response = client.get(PROTECTED, HTTP_AUTHORIZATION=value)
    assert response.status_code == 401


def test_inactive_key_is_refused(client, api_key):
    ApiKey.objects.update(is_active=False)
    assert client.get(PROTECTED, HTTP_AUTHORIZATION=f"Bearer {api_key}").status_code == 401


@pytest.mark.parametrize("param", ["api_key", "key", "token", "apikey"])
def test_key_in_query_string_is_refused_even_if_valid(client, api_key, param):
    response = client.get(f"{PROTECTED}?{param}={api_key}")
    assert response.status_code == 400
    assert "query string" in response.json()["error"]


def test_allowed_endpoints_restrict_a_key(client):
    raw = create_api_key("webhook-only", ["/alerts/webhook/"]).raw
    response = client.get(PROTECTED, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 403
    assert "webhook-only" in response.json()["error"]


def test_exemptions_are_exact_method_and_path(client):
    assert client.get("/intelligence/health/").status_code != 401
    assert client.post("/intelligence/health/").status_code == 401
    assert client.get("/intelligence/health/x").status_code == 401
    assert client.get("/intelligence/healthz/").status_code == 401


@pytest.mark.parametrize(
    "path",
    [
        "/alerts/incidents/",
        "/notify/channels/",
        "/orchestration/pipelines/",
        "/intelligence/providers/",
        "/api/openapi.json",
        "/alerts/webhook/x/../../../api/",
    ],
)
def test_every_api_prefix_is_protected(client, path):
    response = client.get(path)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"


def test_admin_and_health_are_left_to_their_own_auth(client):
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/healthz").json() == {"status": "ok"}


@override_settings(API_KEY_AUTH_ENABLED=False)
def test_auth_can_be_switched_off(client):
    assert client.get(PROTECTED).status_code == 200


def test_last_used_is_recorded_at_most_once_a_minute(client, api_key):
    client.get(PROTECTED, HTTP_AUTHORIZATION=f"Bearer {api_key}")
    first = ApiKey.objects.get().last_used_at
    assert first is not None
    client.get(PROTECTED, HTTP_AUTHORIZATION=f"Bearer {api_key}")
    assert ApiKey.objects.get().last_used_at == first
