import pytest

from tests.intelligence.conftest import ANSWER_TEXT, DISK_CHECK, completion, headers_of, snapshot
from tests.support.recording_server import Reply
from vigil.intelligence.providers.base import AnalysisContext, IntelligenceError
from vigil.intelligence.providers.openai import OpenAIProvider

pytest.importorskip("openai")


def provider(url, **config):
    base = {"model": "gpt-test", "api_key": "sk-test-0123456789abcdef", "base_url": url + "/v1"}
    return OpenAIProvider({**base, **config}, timeout=5)


def test_openai_sdk_sends_chat_completion_and_answer_is_parsed(recording_server):
    recording_server.reply(Reply(body=completion(ANSWER_TEXT)))
    context = AnalysisContext.build(snapshot(), [DISK_CHECK])

    result = provider(recording_server.url, temperature=0.1).analyze(context)

    [request] = recording_server.requests
    assert (request.method, request.path) == ("POST", "/v1/chat/completions")
    headers = headers_of(request)
    assert headers["authorization"] == "Bearer sk-test-0123456789abcdef"
    assert headers["host"] == f"127.0.0.1:{recording_server.port}"
    assert headers["x-stainless-retry-count"] == "0"
    body = request.json()
    assert body["model"] == "gpt-test"
    assert body["max_tokens"] == 1500
    assert body["temperature"] == 0.1
    assert body["response_format"] == {"type": "json_object"}
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert "/var is 97% full" in body["messages"][1]["content"]
    assert result.model == "gpt-test-2026"
    assert (result.prompt_tokens, result.completion_tokens) == (321, 45)
    assert result.summary.startswith("The /var volume is full")
    assert result.recommendations[0].commands == ["sudo logrotate -f /etc/logrotate.d/nginx"]
    assert result.recommendations[0].priority == "high"


def test_token_parameter_and_json_mode_are_configurable(recording_server):
    recording_server.reply(Reply(body=completion(ANSWER_TEXT)))
    context = AnalysisContext.build(snapshot(), [])

    provider(
        recording_server.url, token_parameter="max_completion_tokens", json_mode=False
    ).analyze(context)

    body = recording_server.requests[0].json()
    assert body["max_completion_tokens"] == 1500
    assert "max_tokens" not in body
    assert "response_format" not in body
    assert "temperature" not in body


def test_http_error_is_an_intelligence_error_without_retries(recording_server):
    recording_server.reply(Reply(status=401, body={"error": {"message": "bad key"}}))

    with pytest.raises(IntelligenceError, match="HTTP 401") as raised:
        provider(recording_server.url).analyze(AnalysisContext.build(snapshot(), []))

    assert raised.value.permanent is True
    assert len(recording_server.requests) == 1


def test_private_base_url_is_refused_before_any_request(recording_server, settings):
    settings.SSRF_ALLOWED_HOSTS = []

    with pytest.raises(IntelligenceError, match="base URL refused") as raised:
        provider(recording_server.url).analyze(AnalysisContext.build(snapshot(), []))

    assert raised.value.permanent is True
    assert recording_server.requests == []
