"""Vendor signature schemes other than Vigil's own (vigil.core.signing).

Every comparison is hmac.compare_digest; every failure is a signing.SignatureError
whose message names what is wrong, never the expected value.
"""

import hashlib
import hmac
import time

from vigil.core.signing import DEFAULT_TOLERANCE, SignatureError

GRAFANA_HEADER = "X-Grafana-Alerting-Signature"
GRAFANA_TIMESTAMP_HEADER = "X-Grafana-Alerting-Signature-Timestamp"
PAGERDUTY_HEADER = "X-PagerDuty-Signature"


def _hmac_hex(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify_grafana(
    secret: str, body: bytes, headers, *, tolerance: int = DEFAULT_TOLERANCE, now=None
) -> None:
    """Grafana contact point "HMAC signature": hex HMAC-SHA256 of the body, or of
    `timestamp:body` when Grafana also sends the timestamp header."""
    signature = (headers.get(GRAFANA_HEADER) or "").strip().lower()
    if not signature:
        raise SignatureError(f"missing {GRAFANA_HEADER} header")
    timestamp = (headers.get(GRAFANA_TIMESTAMP_HEADER) or "").strip()
    if timestamp:
        if not timestamp.isdigit():
            raise SignatureError(f"{GRAFANA_TIMESTAMP_HEADER} is not a number")
        current = time.time() if now is None else now
        if abs(current - int(timestamp)) > tolerance:
            raise SignatureError(f"signature timestamp is outside the {tolerance}s window")
        message = timestamp.encode() + b":" + body
    else:
        message = body
    if not hmac.compare_digest(_hmac_hex(secret, message), signature):
        raise SignatureError("signature does not match the body")


def verify_pagerduty(secret: str, body: bytes, headers) -> None:
    """PagerDuty webhooks v3: `v1=<hex>[,v1=<hex>…]`; several during a secret rotation."""
    header = headers.get(PAGERDUTY_HEADER) or ""
    candidates = [
        part.strip()[3:].lower()
        for part in header.split(",")
        if part.strip().startswith("v1=") and len(part.strip()) > 3
    ]
    if not candidates:
        raise SignatureError(f"missing or malformed {PAGERDUTY_HEADER} header (want v1=<hex>)")
    expected = _hmac_hex(secret, body)
    # Compare against every candidate (no early exit) so timing says nothing.
    matches = [hmac.compare_digest(expected, candidate) for candidate in candidates]
    if not any(matches):
        raise SignatureError("signature does not match the body")
