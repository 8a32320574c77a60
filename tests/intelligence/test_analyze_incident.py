import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tests.intelligence.conftest import ANSWER_TEXT, DISK_CHECK, completion, make_provider, snapshot
from tests.support.recording_server import Reply
from vigil.intelligence.models import AnalysisRun, IntelligenceProvider
from vigil.intelligence.services import PURGE_CACHE_KEY, activate, analyze_incident

pytestmark = pytest.mark.django_db


def test_without_a_provider_the_local_rules_answer_and_the_run_is_recorded():
    analysis = analyze_incident(snapshot(id=None), [DISK_CHECK], run_id="run-1")

    assert (analysis.provider, analysis.model, analysis.fallback_used) == ("local", "rules", False)
    titles = [r["title"] for r in analysis.recommendations]
    assert "Follow the runbook for DiskFull" in titles
    # The check ran on another host: Vigil cannot scan it, it says what to run there.
    assert "Find what fills /var on web-1" in titles
    assert "disk on /var is critical: /var is 97% full." in analysis.summary
    run = AnalysisRun.objects.get(pk=analysis.analysis_run_id)
    assert (run.run_id, run.provider, run.requested_provider) == ("run-1", "local", "local")
    assert run.outcome == "ok" and run.recommendations == analysis.recommendations
    assert set(analysis.to_dict()) >= {"provider", "model", "summary", "recommendations"}


def test_active_llm_provider_answers_with_local_findings_in_a_redacted_prompt(
    recording_server, openai_sdk
):
    make_provider("openai", recording_server.url + "/v1")
    recording_server.reply(Reply(body=completion(ANSWER_TEXT)))
    leaky = snapshot(labels={"alertname": "DiskFull", "api_token": "tok-very-secret-123456"})
    leaky["alerts"][0]["description"] = "password=hunter2hunter2 leaked"

    analysis = analyze_incident(leaky, [DISK_CHECK], run_id="run-2")

    assert (analysis.provider, analysis.model, analysis.fallback_used) == (
        "openai",
        "gpt-test-2026",
        False,
    )
    assert analysis.recommendations[0]["title"] == "Compress old logs"
    prompt = recording_server.requests[0].json()["messages"][1]["content"]
    assert "tok-very-secret-123456" not in prompt and "hunter2hunter2" not in prompt
    assert "Follow the runbook for DiskFull" in prompt  # the local findings went along
    run = AnalysisRun.objects.get(pk=analysis.analysis_run_id)
    assert (run.provider, run.model, run.prompt_tokens, run.completion_tokens) == (
        "openai",
        "gpt-test-2026",
        321,
        45,
    )
    assert run.provider_name == "openai-test" and run.outcome == "ok"


@pytest.mark.parametrize(
    "reply, error",
    [
        (Reply(status=500, body={"error": {"message": "boom"}}), "HTTP 500"),
        (Reply(body=completion("I think the disk is full, sorry.")), "no JSON object"),
        (Reply(body=completion('{"summary": 3, "recommendations": "x"}')), "schema"),
        (Reply(body=completion(ANSWER_TEXT), delay=1.5), "APITimeoutError"),
    ],
    ids=["server-error", "prose", "wrong-schema", "timeout"],
)
def test_failing_provider_falls_back_to_local_and_says_so(
    recording_server, settings, reply, error, openai_sdk
):
    settings.INTELLIGENCE_PROVIDER_TIMEOUT = 0.5
    provider = make_provider("openai", recording_server.url + "/v1")
    recording_server.reply(reply)

    analysis = analyze_incident(snapshot(), [DISK_CHECK])

    assert (analysis.provider, analysis.model, analysis.fallback_used) == ("local", "rules", True)
    assert error in analysis.error
    assert any(r["title"].startswith("Follow the runbook") for r in analysis.recommendations)
    run = AnalysisRun.objects.get(pk=analysis.analysis_run_id)
    assert (run.requested_provider, run.provider, run.outcome) == ("openai", "local", "fallback")
    assert run.fallback_used and error in run.error
    provider.refresh_from_db()
    assert error in provider.last_error


def test_private_base_url_falls_back_without_sending_anything(
    recording_server, settings, openai_sdk
):
    make_provider("openai", recording_server.url + "/v1")
    settings.SSRF_ALLOWED_HOSTS = []

    analysis = analyze_incident(snapshot(), [])

    assert analysis.fallback_used and "loopback" in analysis.error
    assert recording_server.requests == []


def test_only_one_provider_can_be_active():
    first = make_provider("openai", "https://api.openai.com/v1")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_provider("anthropic", "https://api.anthropic.com")

    second = make_provider("anthropic", "https://api.anthropic.com", active=False)
    activate(second)
    first.refresh_from_db()
    assert not first.is_active
    assert list(IntelligenceProvider.objects.filter(is_active=True)) == [second]
    activate(None)
    assert not IntelligenceProvider.objects.filter(is_active=True).exists()


def test_provider_config_is_encrypted_at_rest():
    provider = make_provider("openai", "https://api.openai.com/v1")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT config FROM intelligence_intelligenceprovider WHERE id = %s", [provider.pk]
        )
        [raw] = cursor.fetchone()
    # Nothing of the config shows: not the key, nor the other values, nor the key names
    # (strings long enough not to turn up in the ciphertext by chance, as "gpt" once did).
    for clear in ("sk-test-0123456789abcdef", "test-model", "api.openai.com", "api_key"):
        assert clear not in raw
    assert IntelligenceProvider.objects.get().config["api_key"] == "sk-test-0123456789abcdef"


class _Trickle(BaseHTTPRequestHandler):
    """Answers one byte at a time, each well within the per-read timeout."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        body = json.dumps(completion(ANSWER_TEXT)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for byte in body[:40]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass  # the client gave up, as it should


def test_an_answer_trickling_past_the_deadline_falls_back(settings, openai_sdk):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}).start()
    settings.SSRF_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.INTELLIGENCE_PROVIDER_TIMEOUT = 0.4
    make_provider("openai", f"http://127.0.0.1:{server.server_address[1]}/v1")
    try:
        started = time.monotonic()
        analysis = analyze_incident(snapshot(), [])
        elapsed = time.monotonic() - started
    finally:
        server.shutdown()
        server.server_close()

    assert analysis.fallback_used
    assert analysis.error == "openai gave no complete answer within 0.9 s"
    assert elapsed < 2.0


def test_runs_older_than_the_retention_are_purged_at_most_once_a_minute(settings):
    old = analyze_incident(snapshot(), []).analysis_run_id  # this analysis purged
    AnalysisRun.objects.filter(pk=old).update(started_at=timezone.now() - timedelta(days=91))
    settings.INTELLIGENCE_RETENTION_DAYS = 0
    analyze_incident(snapshot(), [])
    assert AnalysisRun.objects.filter(pk=old).exists()

    settings.INTELLIGENCE_RETENTION_DAYS = 90
    analyze_incident(snapshot(), [])
    assert AnalysisRun.objects.filter(pk=old).exists()  # purged less than a minute ago

    cache.delete(PURGE_CACHE_KEY)  # the minute has passed
    kept = analyze_incident(snapshot(), []).analysis_run_id

    assert not AnalysisRun.objects.filter(pk=old).exists()
    assert AnalysisRun.objects.filter(pk=kept).exists()


@pytest.mark.parametrize(
    "odd",
    [
        {},
        {"id": "12", "title": None, "labels": ["x"], "alerts": "not-a-list"},
        {"title": "t", "alerts": [None, 3, {"annotations": None, "labels": "x"}]},
    ],
)
def test_odd_snapshots_still_get_a_local_answer(odd):
    analysis = analyze_incident(odd, [{"check": "disk", "status": "critical"}, {}])

    assert analysis.provider == "local" and analysis.recommendations
    assert AnalysisRun.objects.get().incident_id is None


def test_the_active_provider_is_reused_for_the_reload_interval_and_forgotten_on_change(
    settings, config_clock
):
    settings.CONFIG_RELOAD_SECONDS = 60
    settings.SSRF_ALLOWED_HOSTS = []  # nothing leaves: only which provider was asked matters

    def requested() -> str:
        analysis = analyze_incident(snapshot(), [])
        return AnalysisRun.objects.get(pk=analysis.analysis_run_id).requested_provider

    assert requested() == "local"
    provider = make_provider("openai", "http://127.0.0.1:9/v1")  # saved here: seen at once
    assert requested() == "openai"

    # Another process switching providers (no signal here) applies after the interval...
    IntelligenceProvider.objects.update(is_active=False)
    assert requested() == "openai"
    config_clock.advance(60)
    assert requested() == "local"
    IntelligenceProvider.objects.filter(pk=provider.pk).update(is_active=True)
    config_clock.advance(60)
    assert requested() == "openai"

    # ...activate() in this process at once, and so does a save.
    activate(None)
    assert requested() == "local"
    activate(provider)
    assert requested() == "openai"
