import pytest

from tests.intelligence.conftest import ANSWER_TEXT, completion, make_provider
from tests.support.recording_server import Reply
from vigil.alerts.models import Incident
from vigil.intelligence.models import AnalysisRun, IntelligenceProvider
from vigil.intelligence.services import caller_config

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident():
    return Incident.objects.create(
        title="Disk almost full on web-1", source="alertmanager", group_key="g1"
    )


def test_health_answers_without_a_key_and_names_no_secrets(client):
    make_provider("openai", "https://llm.example.com/v1")

    response = client.get("/intelligence/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "provider": "openai"}
    assert "example" not in response.content.decode()


def test_other_routes_need_a_key(client):
    for path in ["/intelligence/providers/", "/intelligence/recommendations/",
                 "/intelligence/disk/", "/intelligence/memory/"]:  # fmt: skip
        assert client.get(path).status_code == 401


def test_providers_lists_registry_and_masks_configured_secrets(client, auth_headers):
    make_provider("openai", "https://api.openai.com/v1")

    body = client.get("/intelligence/providers/", **auth_headers).json()

    assert [entry["slug"] for entry in body["registry"]] == [
        "local", "openai", "anthropic", "gemini", "ollama",
    ]  # fmt: skip
    assert body["active"] == "openai-test"
    [configured] = body["items"]
    assert (body["count"], body["offset"]) == (1, 0)
    assert configured["config"]["api_key"] == "***"
    assert configured["config"]["model"] == "test-model"
    assert "sk-test-0123456789abcdef" not in str(body)


def test_get_recommendations_for_an_incident(client, auth_headers, incident):
    response = client.get(
        f"/intelligence/recommendations/?incident_id={incident.pk}", **auth_headers
    )

    assert response.status_code == 200
    body = response.json()
    assert body["provider"] == "local" and body["fallback_used"] is False
    assert AnalysisRun.objects.get().incident_id == incident.pk


def test_unknown_incident_and_provider_are_404(client, auth_headers):
    response = client.get("/intelligence/recommendations/?incident_id=999", **auth_headers)
    assert response.status_code == 404
    assert response.json() == {"error": "no incident with id 999"}
    response = client.get("/intelligence/recommendations/?provider=nope", **auth_headers)
    assert response.status_code == 404
    assert response.json()["error"] == "no provider named 'nope'; configured: local"
    assert not AnalysisRun.objects.exists()


def test_post_keeps_only_overridable_config_keys_so_callers_cannot_redirect_a_provider(
    client, auth_headers, recording_server, incident, openai_sdk
):
    make_provider("openai", recording_server.url + "/v1")
    recording_server.reply(Reply(body=completion(ANSWER_TEXT)))
    payload = {
        "incident_id": incident.pk,
        "config": {
            "model": "caller-model",
            "temperature": 0.3,
            "base_url": "http://169.254.169.254/latest",
            "Base-URL": "http://evil.example/",
            "api_key": "caller-key",
            "scan_paths": ["/etc"],
            "Command": "rm -rf /",
        },
    }

    response = client.post(
        "/intelligence/recommendations/", payload, content_type="application/json", **auth_headers
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["provider"] == "openai" and body["fallback_used"] is False
    assert sorted(body["ignored_config_keys"]) == [
        "Base-URL", "Command", "api_key", "base_url", "scan_paths",
    ]  # fmt: skip
    [request] = recording_server.requests  # the stored base URL, not the caller's
    sent = request.json()
    assert (sent["model"], sent["temperature"]) == ("caller-model", 0.3)
    assert request.headers["authorization"] == "Bearer sk-test-0123456789abcdef"


def test_post_ignores_and_names_a_config_key_the_provider_does_not_declare(
    client, auth_headers, recording_server
):
    make_provider("openai", recording_server.url + "/v1")

    response = client.post(
        "/intelligence/recommendations/",
        {"config": {"flux_capacitor": 1, "max_tokens": 200}},
        content_type="application/json",
        **auth_headers,
    )

    body = response.json()
    assert body["ignored_config_keys"] == ["flux_capacitor"]
    assert "flux_capacitor" not in body.get("error", "")
    # With the openai SDK installed (CI's llm extra) the call is made, without the key;
    # without the SDK none is. Either way the undeclared key never leaves Vigil.
    sent = [request.json() for request in recording_server.requests]
    assert all("flux_capacitor" not in request for request in sent)
    assert all(request["max_tokens"] == 200 for request in sent)


def test_only_declared_keys_pass_whatever_the_spelling_of_the_others():
    openai = IntelligenceProvider(name="o", provider="openai")
    kept, ignored = caller_config(
        openai,
        {"BaseUrl": 1, "base_url": 2, "HOST": 3, "Template": 4, "model": "m", "Model": "x",
         "nested": [{"url": 5}], "temperature": 0.2},
    )  # fmt: skip

    assert kept == {"model": "m", "temperature": 0.2}
    assert ignored == ["BaseUrl", "HOST", "Model", "Template", "base_url", "nested"]
    assert caller_config(None, {"model": "m", "scan_roots": ["/"]}) == ({}, ["model", "scan_roots"])


def test_disk_report_for_a_path_inside_the_scan_roots(client, auth_headers, settings, tmp_path):
    root = tmp_path / "logs"
    (root / "nginx").mkdir(parents=True)
    (root / "nginx" / "access.log").write_bytes(b"x" * 20_000)
    (root / "escape").symlink_to("/etc", target_is_directory=True)
    settings.ALLOWED_FILESYSTEM_ROOTS = [str(tmp_path)]
    settings.INTELLIGENCE_SCAN_ROOTS = [str(root)]

    response = client.get(f"/intelligence/disk/?path={root}/nginx&limit=5", **auth_headers)

    assert response.status_code == 200
    [report] = response.json()["reports"]
    assert report["largest_files"][0]["path"] == str(root.resolve() / "nginx" / "access.log")

    for bad in ["/etc", f"{root}/escape", f"{root}/../", "relative"]:
        response = client.get("/intelligence/disk/", {"path": bad}, **auth_headers)
        assert response.status_code == 400, bad
        assert response.json()["error"].startswith("path refused: ")
        assert "/etc/" not in response.content.decode()


def test_disk_report_without_path_scans_every_root(client, auth_headers, settings, tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    settings.ALLOWED_FILESYSTEM_ROOTS = [str(tmp_path)]
    settings.INTELLIGENCE_SCAN_ROOTS = [str(tmp_path / "a"), str(tmp_path / "b")]

    body = client.get("/intelligence/disk/", **auth_headers).json()

    assert body["roots"] == [str((tmp_path / n).resolve()) for n in ("a", "b")]


def test_memory_report(client, auth_headers):
    body = client.get("/intelligence/memory/?limit=3", **auth_headers).json()

    assert body["total"] > 0 and len(body["top_memory"]) <= 3
    assert set(body["top_memory"][0]) == {
        "pid", "name", "user", "rss", "memory_percent", "cpu_percent",
    }  # fmt: skip


def test_routes_are_in_the_openapi_schema(client, auth_headers):
    paths = client.get("/api/openapi.json", **auth_headers).json()["paths"]

    for route in ["health", "providers", "recommendations", "disk", "memory"]:
        assert f"/intelligence/{route}/" in paths
    assert set(paths["/intelligence/recommendations/"]) == {"get", "post"}
