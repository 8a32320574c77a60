"""push_to_hub against a real HTTP server: the exact request the hub receives."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.support.recording_server import Reply
from vigil.checkers import hub
from vigil.checkers.checkers.base import CheckResult, Status
from vigil.checkers.models import CheckRun
from vigil.core import signing


def push(*args, **env):
    out = StringIO()
    call_command("push_to_hub", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def backup(tmp_path, settings):
    path = tmp_path / "db.dump"
    path.write_text("x")
    settings.CHECKER_FRESHNESS = [f"{path}=26h"]
    return path


def test_signed_push_is_exactly_the_contract(recording_server, backup, monkeypatch):
    monkeypatch.delenv("VIGIL_HUB_API_KEY", raising=False)
    recording_server.reply(Reply(status=202, body={"accepted": 1}))
    text = push("freshness", "--hub", recording_server.url + "/", "--api-key", "k-123", "--secret", "s3cret",
                "--node", "web-1", "--no-save")  # fmt: skip
    assert (
        text.strip()
        == f"sent 1 results for web-1 to {recording_server.url}/alerts/webhook/cluster/: HTTP 202"
    )
    [request] = recording_server.requests
    assert (request.method, request.path) == ("POST", "/alerts/webhook/cluster/")
    assert request.headers["Authorization"] == "Bearer k-123"
    assert request.headers["Content-Type"] == "application/json"
    signing.verify("s3cret", request.body, request.headers["X-Vigil-Signature"])
    with pytest.raises(signing.SignatureError):
        signing.verify("other", request.body, request.headers["X-Vigil-Signature"])
    body = request.json()
    assert set(body) == {"vigil_cluster", "node", "sent_at", "results"}
    assert (body["vigil_cluster"], body["node"]) == (1, "web-1")
    sent_at = datetime.fromisoformat(body["sent_at"])
    assert sent_at.tzinfo is not None and body["sent_at"].endswith("Z")
    assert abs((datetime.now(UTC) - sent_at).total_seconds()) < 30
    [result] = body["results"]
    assert set(result) == {"check", "target", "status", "message", "metrics", "thresholds"}
    assert (result["check"], result["target"], result["status"]) == ("freshness", str(backup), "ok")
    assert result["thresholds"] == {"warning_ratio": 0.9}
    assert result["metrics"]["max_age_hours"] == 26.0


def test_settings_without_a_secret_send_no_signature(recording_server, backup, settings):
    settings.VIGIL_HUB_URL = recording_server.url
    settings.VIGIL_HUB_SECRET = ""
    settings.VIGIL_HUB_API_KEY = "from-settings"
    push("freshness", "--no-save")
    [request] = recording_server.requests
    assert request.headers["Authorization"] == "Bearer from-settings"
    assert "X-Vigil-Signature" not in request.headers


def test_hub_refusal_is_a_command_error(recording_server, backup):
    recording_server.reply(Reply(status=401, body={"error": "authentication required"}))
    with pytest.raises(
        CommandError, match=r"the hub answered HTTP 401: \{\"error\": \"authentication required\"\}"
    ):
        push("freshness", "--hub", recording_server.url, "--api-key", "wrong", "--no-save")


def test_unreachable_hub_is_a_command_error(recording_server, backup):
    url = recording_server.url
    recording_server.stop()
    with pytest.raises(CommandError, match="cannot reach the hub"):
        push("freshness", "--hub", url, "--api-key", "k", "--no-save")


def test_missing_hub_or_key(settings, monkeypatch):
    settings.VIGIL_HUB_URL = ""
    settings.VIGIL_HUB_API_KEY = ""
    monkeypatch.delenv("VIGIL_HUB_API_KEY", raising=False)
    with pytest.raises(CommandError, match="no hub: pass --hub"):
        push("load")
    with pytest.raises(CommandError, match="no API key"):
        push("load", "--hub", "https://hub.example.com")


@pytest.mark.parametrize(
    "hub",
    ["ftp://x", "http://[::1", "http://[1:2:3]/", "http://[fe80::1%zz]/", "http://exa mple.com"],
)
def test_bad_hub_url_is_one_line_and_exit_2(hub):
    with pytest.raises(CommandError, match="hub URL is not valid") as info:
        push("load", "--hub", hub, "--api-key", "k", "--no-save")
    assert info.value.returncode == 2
    assert "\n" not in str(info.value)


def test_a_full_width_hub_host_is_sent_in_ascii(recording_server, backup):
    # ｌｏｃａｌｈｏｓｔ: full-width letters, which IDNA maps to "localhost".
    url = f"http://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54:{recording_server.port}"
    push("freshness", "--hub", url, "--api-key", "k", "--no-save")
    assert recording_server.requests[0].path == "/alerts/webhook/cluster/"


def test_dry_run_prints_the_payload_and_sends_nothing(recording_server, backup):
    text = push("freshness", "--hub", recording_server.url, "--dry-run", "--node", "db-2")
    payload = json.loads(text)
    assert payload["node"] == "db-2"
    assert payload["results"][0]["check"] == "freshness"
    assert recording_server.requests == []


def test_payload_shape():
    result = CheckResult(
        "disk", Status.WARNING, "/var 85% used", "/var", {"used_percent": 85.0}, {"warning": 80.0}
    )
    payload = hub.build_payload(
        [result], node="web-1", sent_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    )
    assert payload == {
        "vigil_cluster": 1,
        "node": "web-1",
        "sent_at": "2026-01-02T03:04:05Z",
        "results": [
            {
                "check": "disk",
                "target": "/var",
                "status": "warning",
                "message": "/var 85% used",
                "metrics": {"used_percent": 85.0},
                "thresholds": {"warning": 80.0},
            }
        ],
    }


@pytest.mark.django_db
def test_pushed_results_are_also_stored_here(recording_server, backup):
    push("freshness", "--hub", recording_server.url, "--api-key", "k", "--node", "web-1")
    assert list(CheckRun.objects.values_list("checker", "node", "source")) == [
        ("freshness", "web-1", "schedule")
    ]
    assert len(recording_server.requests) == 1
