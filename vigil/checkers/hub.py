"""push_to_hub: send this node's results to a central Vigil (its `cluster` ingest driver).

Payload, a contract with vigil/alerts/drivers/cluster.py:
    {"vigil_cluster": 1, "node": "web-1", "sent_at": "<ISO 8601 UTC>",
     "results": [{"check", "target", "status", "message", "metrics", "thresholds"}]}
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings

from vigil.checkers.checkers.base import CheckError, CheckResult
from vigil.core import signing
from vigil.core.retry import classify_answer
from vigil.core.security import http
from vigil.core.security.urls import SafeURL, UnsafeURLError, validate_safe_url

HUB_PATH = "/alerts/webhook/cluster/"
PAYLOAD_VERSION = 1


class HubRefused(CheckError):
    """The hub answered, with an error status."""

    def __init__(self, message: str, status_code: int, **verdict):
        super().__init__(message, **verdict)
        self.status_code = status_code


@dataclass(frozen=True)
class PushOutcome:
    url: str
    status_code: int
    results: int


def build_payload(
    results: list[CheckResult], *, node: str, sent_at: datetime | None = None
) -> dict:
    moment = (sent_at or datetime.now(UTC)).astimezone(UTC)
    return {
        "vigil_cluster": PAYLOAD_VERSION,
        "node": node,
        "sent_at": moment.isoformat().replace("+00:00", "Z"),
        "results": [
            {
                "check": result.check,
                "target": result.target,
                "status": str(result.status),
                "message": result.message,
                "metrics": result.metrics,
                "thresholds": result.thresholds,
            }
            for result in results
        ],
    }


def encode(payload: dict) -> bytes:
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


# Only the URL's form is judged here: the hub is the operator's choice, often on a
# private network, and where its name points is checked when sending.
_ANY_ADDRESS = ("0.0.0.0/0", "::/0")


def _form_only(host: str, port: int) -> list[str]:
    return ["192.0.2.1"]  # never connected to


def hub_endpoint(hub_url: str) -> str:
    """The hub's ingest URL in canonical form (an IDN or full-width host in ASCII)."""
    return hub_target(hub_url).url


def hub_target(hub_url: str) -> SafeURL:
    """The hub's ingest URL, checked for its form only, with its host."""
    try:
        return validate_safe_url(
            hub_url.strip().rstrip("/") + HUB_PATH, _ANY_ADDRESS, resolver=_form_only
        )
    except UnsafeURLError as exc:
        raise CheckError(
            f"hub URL is not valid ({exc}); use e.g. https://vigil.example.com", permanent=True
        ) from None


def push(
    payload: dict, *, hub_url: str, api_key: str, secret: str = "", timeout: float | None = None
) -> PushOutcome:
    hub = hub_target(hub_url)
    url = hub.url
    body = encode(payload)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {api_key}"}
    if secret:
        headers[signing.SIGNATURE_HEADER] = signing.sign(secret, body)
    # The hub is named by the operator (settings or command line), not by a caller, and
    # usually lives on a private network: its host is allowed alongside SSRF_ALLOWED_HOSTS.
    allowed = [*settings.SSRF_ALLOWED_HOSTS, hub.host]
    try:
        response = http.request(
            "POST", url, content=body, headers=headers, timeout=timeout,
            follow_redirects=False, allowed_hosts=allowed,
        )  # fmt: skip
    except http.OutboundHTTPError as exc:
        raise CheckError(f"cannot reach the hub: {exc}", permanent=exc.permanent) from None
    if not response.ok:
        verdict = classify_answer(response.status_code, response.headers)
        raise HubRefused(
            f"the hub answered HTTP {response.status_code}: {response.text[:200]}",
            response.status_code,
            permanent=verdict.permanent,
            retry_after=verdict.retry_after,
        )
    return PushOutcome(url, response.status_code, len(payload["results"]))
