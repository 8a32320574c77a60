import io
import json

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.intelligence.conftest import snapshot
from vigil.alerts.models import Incident
from vigil.intelligence.models import IntelligenceProvider
from vigil.intelligence.providers.openai import OpenAIProvider

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_get_recommendations_for_an_incident_as_json():
    incident = Incident.objects.create(
        title=snapshot()["title"], source="alertmanager", group_key="g"
    )

    body = json.loads(run("get_recommendations", "--incident-id", str(incident.pk), "--json"))

    assert body["provider"] == "local" and body["recommendations"]


def test_get_recommendations_text_for_the_system():
    text = run("get_recommendations", "--provider", "local")

    assert text.startswith("Provider: local / rules")


def test_get_recommendations_disk_with_path(tmp_path, settings):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "f.bin").write_bytes(b"x" * 9000)
    settings.ALLOWED_FILESYSTEM_ROOTS = [str(tmp_path)]
    settings.INTELLIGENCE_SCAN_ROOTS = [str(tmp_path)]

    body = json.loads(run("get_recommendations", "--disk", "--path", str(tmp_path), "--json"))

    assert body["disk"][0]["largest_files"][0]["path"] == str(tmp_path.resolve() / "data/f.bin")
    text = run("get_recommendations", "--disk", "--memory", "--path", str(tmp_path))
    assert "largest files:" in text and "top memory:" in text
    with pytest.raises(CommandError, match="--path refused"):
        run("get_recommendations", "--disk", "--path", "/etc")
    with pytest.raises(CommandError, match="--path needs --disk"):
        run("get_recommendations", "--path", str(tmp_path))


def test_get_recommendations_unknown_incident_fails():
    with pytest.raises(CommandError, match="no incident with id 42"):
        run("get_recommendations", "--incident-id", "42")


def test_setup_intelligence_creates_activates_and_lists(monkeypatch, settings):
    monkeypatch.setenv("TEST_OPENAI_KEY", "sk-from-env-0123456789")
    # The base URL is validated (and resolved) at setup: keep it on this machine.
    settings.SSRF_ALLOWED_HOSTS = ["127.0.0.1"]

    out = run(
        "setup_intelligence", "--no-input", "--name", "grok", "--provider", "openai",
        "--model", "grok-4", "--base-url", "http://127.0.0.1:18601/v1",
        "--api-key-env", "TEST_OPENAI_KEY", "--option", "temperature=0.2", "--activate",
    )  # fmt: skip

    assert out.strip() == "Created provider 'grok' (openai), active."
    row = IntelligenceProvider.objects.get(name="grok")
    assert row.is_active and row.config == {
        "model": "grok-4",
        "base_url": "http://127.0.0.1:18601/v1",
        "temperature": 0.2,
        "api_key": "sk-from-env-0123456789",
    }
    listing = run("setup_intelligence", "--list")
    assert listing.startswith("* grok (openai)") and "sk-from-env-0123456789" not in listing
    run("setup_intelligence", "--use-local")
    assert not IntelligenceProvider.objects.filter(is_active=True).exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--name", "x", "--provider", "openai"], "invalid openai config: model: Field required"),
        (["--name", "x", "--provider", "openai", "--model", "m", "--base-url",
          "http://169.254.169.254/"], "--base-url refused URL"),
        (["--name", "x", "--provider", "local"], "needs no setup"),
        (["--name", "x", "--provider", "ollama", "--model", "m", "--option", "oops"],
         "is not KEY=VALUE"),
        ([], "give --provider and --name"),
    ],
)  # fmt: skip
def test_setup_intelligence_refuses_bad_input(args, message):
    with pytest.raises(CommandError, match=message):
        run("setup_intelligence", "--no-input", *args)
    assert not IntelligenceProvider.objects.exists()


def test_scan_root_outside_the_allowed_roots_is_a_warning(settings, tmp_path):
    settings.ALLOWED_FILESYSTEM_ROOTS = [str(tmp_path)]
    settings.INTELLIGENCE_SCAN_ROOTS = [str(tmp_path), "/etc"]

    issues = [m for m in run_checks() if m.id.startswith("intelligence.")]

    assert [(m.id, m.msg) for m in issues] == [
        (
            "intelligence.W001",
            "INTELLIGENCE_SCAN_ROOTS entry '/etc' is not scanned: path resolves to '/etc', "
            f"outside the allowed roots ({tmp_path.resolve()}).",
        )
    ]


def test_configured_provider_with_unknown_slug_is_reported_with_a_database():
    IntelligenceProvider.objects.create(name="old", provider="gone", config={})

    ids = {m.id for m in run_checks(databases=["default"], include_deployment_checks=True)}

    assert "intelligence.W003" in ids
    assert "intelligence.W003" not in {m.id for m in run_checks()}


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_setup_intelligence_on_a_terminal_refuses_an_unknown_provider(monkeypatch):
    monkeypatch.setattr("sys.stdin", _Terminal("gpt\nmine\nm\n\ny\n"))

    with pytest.raises(CommandError, match="unknown provider 'gpt'; valid: openai, anthropic"):
        run("setup_intelligence")
    assert not IntelligenceProvider.objects.exists()


def test_setup_intelligence_asks_on_a_terminal(monkeypatch, settings):
    settings.SSRF_ALLOWED_HOSTS = ["127.0.0.1"]
    answers = "anthropic\nclaude\nclaude-test\nhttp://127.0.0.1:18604\ny\n"
    monkeypatch.setattr("sys.stdin", _Terminal(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt: "sk-ant-typed-0123456789")

    out = run("setup_intelligence")

    assert "Created provider 'claude' (anthropic), active." in out
    row = IntelligenceProvider.objects.get()
    assert row.config == {
        "model": "claude-test",
        "base_url": "http://127.0.0.1:18604",
        "api_key": "sk-ant-typed-0123456789",
    }


def test_configured_provider_without_its_sdk_is_reported_with_the_fix():
    IntelligenceProvider.objects.create(name="gpt", provider="openai", config={"model": "m"})

    issues = {m.id: m for m in run_checks(databases=["default"], include_deployment_checks=True)}

    # Holds in both environments: with the llm extra (CI) and without it.
    if OpenAIProvider.sdk_installed():
        assert "intelligence.W002" not in issues
    else:
        assert issues["intelligence.W002"].hint.startswith("pip install 'openai>=1.60'")
