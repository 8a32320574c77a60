import json

import pytest

from vigil.alerts.drivers import DRIVERS
from vigil.alerts.drivers.base import AlertEvent


def sample(slug: str, name: str) -> dict:
    return DRIVERS[slug].sample_payloads()[name]


def event(fp: str, status: str = "firing", **kw) -> AlertEvent:
    """A generic alert named after its fingerprint."""
    return AlertEvent(source="generic", fingerprint=fp, name=f"alert {fp}", status=status, **kw)


@pytest.fixture
def post_webhook(client, auth_headers):
    """POST a payload (dict or raw bytes) to the webhook; returns the response."""

    def post(payload, driver: str | None = None, **headers):
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        path = f"/alerts/webhook/{driver}/" if driver else "/alerts/webhook/"
        return client.post(
            path, data=body, content_type="application/json", **auth_headers, **headers
        )

    return post
