import pytest

from tests.intelligence.conftest import ANSWER_TEXT, DISK_CHECK, headers_of, snapshot
from tests.support.recording_server import Reply
from vigil.intelligence.providers.base import AnalysisContext, IntelligenceError
from vigil.intelligence.providers.gemini import GeminiProvider

pytest.importorskip("google.genai")


def generated(text):
    return {
        "candidates": [
            {
                "content": {"role": "model", "parts": [{"text": text}]},
                "finishReason": "STOP",
                "index": 0,
            }
        ],
        "usageMetadata": {
            "promptTokenCount": 510,
            "candidatesTokenCount": 70,
            "totalTokenCount": 580,
        },
        "modelVersion": "gemini-test-001",
    }


def provider(url, **config):
    base = {"model": "gemini-test", "api_key": "AIza-test-0123456789", "base_url": url}
    return GeminiProvider({**base, **config}, timeout=5)


def test_gemini_sdk_sends_generate_content_through_our_client(recording_server):
    recording_server.reply(Reply(body=generated(ANSWER_TEXT)))

    result = provider(recording_server.url).analyze(AnalysisContext.build(snapshot(), [DISK_CHECK]))

    [request] = recording_server.requests
    assert (request.method, request.path) == (
        "POST",
        "/v1beta/models/gemini-test:generateContent",
    )
    headers = headers_of(request)
    assert headers["x-goog-api-key"] == "AIza-test-0123456789"
    # Our safe client carried the request: its pinned Host header and no proxy from env.
    assert headers["host"] == f"127.0.0.1:{recording_server.port}"
    body = request.json()
    assert "JSON object" in body["systemInstruction"]["parts"][0]["text"]
    assert "/var is 97% full" in body["contents"][0]["parts"][0]["text"]
    assert body["generationConfig"]["responseMimeType"] == "application/json"
    assert body["generationConfig"]["maxOutputTokens"] == 1500
    assert result.model == "gemini-test-001"
    assert (result.prompt_tokens, result.completion_tokens) == (510, 70)
    assert result.summary.startswith("The /var volume")


def test_client_error_is_permanent(recording_server):
    recording_server.reply(
        Reply(status=400, body={"error": {"code": 400, "message": "bad", "status": "INVALID"}})
    )

    with pytest.raises(IntelligenceError, match="HTTP 400") as raised:
        provider(recording_server.url).analyze(AnalysisContext.build(snapshot(), []))

    assert raised.value.permanent is True
    assert len(recording_server.requests) == 1
