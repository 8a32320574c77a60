import pytest

from tests.intelligence.conftest import ANSWER_TEXT, DISK_CHECK, headers_of, snapshot
from tests.support.recording_server import Reply
from vigil.intelligence.providers.anthropic import AnthropicProvider
from vigil.intelligence.providers.base import AnalysisContext, IntelligenceError

pytest.importorskip("anthropic")


def message(text):
    return {
        "id": "msg_01",
        "type": "message",
        "role": "assistant",
        "model": "claude-test-2026",
        "content": [{"type": "text", "text": text}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 400, "output_tokens": 60},
    }


def provider(url, **config):
    base = {"model": "claude-test", "api_key": "sk-ant-test-0123456789", "base_url": url}
    return AnthropicProvider({**base, **config}, timeout=5)


def test_anthropic_sdk_sends_messages_request_and_answer_is_parsed(recording_server):
    recording_server.reply(Reply(body=message("Here you go:\n```json\n" + ANSWER_TEXT + "\n```")))

    result = provider(recording_server.url).analyze(AnalysisContext.build(snapshot(), [DISK_CHECK]))

    [request] = recording_server.requests
    assert (request.method, request.path) == ("POST", "/v1/messages")
    headers = headers_of(request)
    # anthropic<2 sends x-api-key, anthropic>=2 a bearer token: either carries our key.
    sent_key = headers.get("x-api-key") or headers["authorization"].removeprefix("Bearer ")
    assert sent_key == "sk-ant-test-0123456789"
    assert "anthropic-version" in headers
    body = request.json()
    assert body["model"] == "claude-test"
    assert body["max_tokens"] == 1500
    assert "JSON object" in body["system"]
    assert body["messages"][0]["role"] == "user"
    assert "DiskFull" in body["messages"][0]["content"]
    assert result.model == "claude-test-2026"
    assert (result.prompt_tokens, result.completion_tokens) == (400, 60)
    assert result.recommendations[0].title == "Compress old logs"


def test_server_error_is_transient(recording_server):
    recording_server.reply(Reply(status=529, body={"type": "error", "error": {"type": "x"}}))

    with pytest.raises(IntelligenceError, match="HTTP 529") as raised:
        provider(recording_server.url).analyze(AnalysisContext.build(snapshot(), []))

    assert raised.value.permanent is False


def test_missing_api_key_is_refused_before_any_request(recording_server):
    with pytest.raises(IntelligenceError, match="needs an api_key"):
        provider(recording_server.url, api_key="").analyze(AnalysisContext.build(snapshot(), []))

    assert recording_server.requests == []
