"""Every SDK provider sends through our safe transport, not a client of its own.

The proof: our transport caps response size (OUTBOUND_HTTP_MAX_BYTES); an answer over
the cap parses fine for the SDK alone but fails when our transport carries it.
"""

import importlib

import pytest

from tests.intelligence.conftest import ANSWER_TEXT, snapshot
from tests.support.recording_server import Reply
from vigil.intelligence.providers import FALLBACK, PROVIDERS, provider_class
from vigil.intelligence.providers.base import AnalysisContext, IntelligenceError
from vigil.intelligence.providers.openai import OpenAIProvider

BIG = ANSWER_TEXT[:-1] + ', "padding": "' + "x" * 8000 + '"}'
ANSWERS = {
    "openai": {
        "id": "c",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": BIG}}],
    },
    "anthropic": {
        "id": "m",
        "type": "message",
        "role": "assistant",
        "model": "m",
        "content": [{"type": "text", "text": BIG}],
        "usage": {"input_tokens": 1, "output_tokens": 1},
    },
    "gemini": {"candidates": [{"content": {"role": "model", "parts": [{"text": BIG}]}}]},
    "ollama": {"model": "m", "message": {"role": "assistant", "content": BIG}, "done": True},
}
LLM_SLUGS = [slug for slug in PROVIDERS if slug != FALLBACK]


def test_every_registered_provider_is_covered_and_declares_itself():
    assert sorted(ANSWERS) == sorted(LLM_SLUGS)
    for slug in PROVIDERS:
        cls = provider_class(slug)
        assert cls.slug == slug and cls.label
        assert set(cls.Config.secret_fields) <= set(cls.Config.model_fields)
    with pytest.raises(IntelligenceError, match="unknown provider 'gpt'; valid: local, openai"):
        provider_class("gpt")


@pytest.mark.parametrize("slug", LLM_SLUGS)
def test_answers_over_the_outbound_size_cap_are_refused(slug, recording_server, settings):
    sdk = provider_class(slug).sdk_module
    try:
        importlib.import_module(sdk)
    except ImportError:
        pytest.skip(f"{sdk} is not installed")
    config = {"model": "m", "api_key": "k-0123456789", "base_url": recording_server.url}
    context = AnalysisContext.build(snapshot(), [])
    recording_server.reply(Reply(body=ANSWERS[slug]))
    provider = provider_class(slug)(config, timeout=5)
    assert provider.analyze(context).summary  # under the default cap it parses

    settings.OUTBOUND_HTTP_MAX_BYTES = 4096
    recording_server.reply(Reply(body=ANSWERS[slug]))
    with pytest.raises(IntelligenceError):
        provider_class(slug)(config, timeout=5).analyze(context)
    assert len(recording_server.requests) == 2


class _NeedsMissingSdk(OpenAIProvider):
    slug = "missing"
    sdk_module = "vigil_no_such_vendor.genai"  # parent package missing, like google.genai
    pip_install = "pip install vigil-no-such-vendor"


def test_a_missing_sdk_is_reported_with_its_install_command(recording_server):
    assert _NeedsMissingSdk.sdk_installed() is False
    config = {"model": "m", "base_url": recording_server.url}

    with pytest.raises(IntelligenceError, match="needs its SDK: pip install vigil-no-such-vendor"):
        _NeedsMissingSdk(config).analyze(AnalysisContext.build(snapshot(), []))
    assert recording_server.requests == []
