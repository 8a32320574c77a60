import json

import pytest

from vigil.intelligence.models import IntelligenceProvider

ANSWER = {
    "summary": "The /var volume is full because of old logs.",
    "recommendations": [
        {
            "title": "Compress old logs",
            "detail": "nginx logs are not rotated",
            "priority": "high",
            "commands": ["sudo logrotate -f /etc/logrotate.d/nginx"],
            "confidence": 0.8,
        }
    ],
}
ANSWER_TEXT = json.dumps(ANSWER)


@pytest.fixture(autouse=True)
def _quick_local_diagnosis(settings, tmp_path_factory):
    # The local provider runs on every analysis: keep its scans small and its CPU
    # sampling instant, and point it at an empty directory unless a test builds a tree.
    settings.INTELLIGENCE_CPU_SAMPLE_SECONDS = 0
    root = tmp_path_factory.mktemp("empty-root")
    settings.ALLOWED_FILESYSTEM_ROOTS = [str(root)]
    settings.INTELLIGENCE_SCAN_ROOTS = [str(root)]


def snapshot(**extra):
    return {
        "id": None,
        "title": "Disk almost full on web-1",
        "status": "open",
        "severity": "critical",
        "source": "alertmanager",
        "labels": {"alertname": "DiskFull", "instance": "web-1"},
        "alerts": [
            {
                "name": "DiskFull",
                "status": "firing",
                "labels": {"mountpoint": "/var"},
                "annotations": {"runbook_url": "https://wiki.example.com/runbooks/disk-full"},
                "description": "only 3% left",
            }
        ],
        **extra,
    }


DISK_CHECK = {
    "check": "disk",
    "target": "/var",
    "host": "web-1",
    "status": "critical",
    "message": "/var is 97% full",
    "metrics": {"percent_used": 97},
    "thresholds": {"critical": 95},
}


def make_provider(slug, url, *, active=True, **config):
    defaults = {"model": "test-model", "api_key": "sk-test-0123456789abcdef", "base_url": url}
    return IntelligenceProvider.objects.create(
        name=f"{slug}-test", provider=slug, config={**defaults, **config}, is_active=active
    )


def headers_of(request):
    return {name.lower(): value for name, value in request.headers.items()}


@pytest.fixture
def openai_sdk():
    return pytest.importorskip("openai")


# An OpenAI chat completion as the API returns it.
def completion(content, model="gpt-test-2026"):
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1700000000,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 321, "completion_tokens": 45, "total_tokens": 366},
    }
