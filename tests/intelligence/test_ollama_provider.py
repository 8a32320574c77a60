import pytest

from tests.intelligence.conftest import ANSWER_TEXT, DISK_CHECK, headers_of, snapshot
from tests.support.recording_server import Reply
from vigil.intelligence.providers.base import AnalysisContext, IntelligenceError
from vigil.intelligence.providers.ollama import OllamaProvider

pytest.importorskip("ollama")


def chat(text):
    return {
        "model": "llama-test:8b",
        "created_at": "2026-11-23T12:00:00Z",
        "message": {"role": "assistant", "content": text},
        "done": True,
        "done_reason": "stop",
        "prompt_eval_count": 600,
        "eval_count": 80,
    }


def provider(url, **config):
    return OllamaProvider({"model": "llama-test:8b", "base_url": url, **config}, timeout=5)


def test_ollama_sdk_sends_chat_through_our_transport(recording_server):
    recording_server.reply(Reply(body=chat(ANSWER_TEXT)))

    result = provider(recording_server.url, temperature=0.0).analyze(
        AnalysisContext.build(snapshot(), [DISK_CHECK])
    )

    [request] = recording_server.requests
    assert (request.method, request.path) == ("POST", "/api/chat")
    headers = headers_of(request)
    assert "authorization" not in headers
    assert headers["host"] == f"127.0.0.1:{recording_server.port}"
    body = request.json()
    assert body["model"] == "llama-test:8b"
    assert body["stream"] is False
    assert body["format"] == "json"
    assert body["options"] == {"num_predict": 1500, "temperature": 0.0}
    assert body["keep_alive"] == "5m"
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert (result.prompt_tokens, result.completion_tokens) == (600, 80)
    assert result.recommendations[0].confidence == 0.8


def test_api_key_is_sent_as_bearer_for_hosted_ollama(recording_server):
    recording_server.reply(Reply(body=chat(ANSWER_TEXT)))

    provider(recording_server.url, api_key="ollama-key-0123456789").analyze(
        AnalysisContext.build(snapshot(), [])
    )

    assert headers_of(recording_server.requests[0])["authorization"] == (
        "Bearer ollama-key-0123456789"
    )


def test_loopback_ollama_needs_ssrf_allowlist(recording_server, settings):
    settings.SSRF_ALLOWED_HOSTS = []

    with pytest.raises(IntelligenceError, match="SSRF_ALLOWED_HOSTS"):
        provider(recording_server.url).analyze(AnalysisContext.build(snapshot(), []))

    assert recording_server.requests == []
