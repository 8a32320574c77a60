"""HMAC signatures for JSON that Vigil sends and receives.

Header format, shared by outbound webhooks, `push_to_hub` and the inbound `generic`,
`newrelic` and `cluster` drivers:

    X-Vigil-Signature: t=<unix seconds>,sha256=<hex>   HMAC-SHA256(secret, f"{t}.{body}")
    X-Vigil-Signature: sha256=<hex>                    HMAC-SHA256(secret, body)

The timestamped form is what Vigil sends; it bounds replays to `tolerance` seconds.
Several `sha256=` values may be present during a secret rotation: any valid one passes.
"""

import hashlib
import hmac
import time
from dataclasses import dataclass

SIGNATURE_HEADER = "X-Vigil-Signature"
DEFAULT_TOLERANCE = 300


class SignatureError(ValueError):
    """The signature is missing, malformed, wrong or too old. The message says which."""


@dataclass(frozen=True)
class ParsedSignature:
    timestamp: int | None
    digests: tuple[str, ...]


def _digest(secret: str | bytes, message: bytes) -> str:
    key = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def sign(secret: str | bytes, body: bytes, timestamp: int | None = None) -> str:
    """The header value for `body`, timestamped now unless told otherwise."""
    ts = int(time.time()) if timestamp is None else int(timestamp)
    return f"t={ts},sha256={_digest(secret, f'{ts}.'.encode() + body)}"


def parse(header: str) -> ParsedSignature:
    timestamp = None
    digests = []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t":
            if not value.isdigit():
                raise SignatureError("signature timestamp is not a number")
            timestamp = int(value)
        elif name in {"sha256", "v1"} and value:
            digests.append(value.strip().lower())
    if not digests:
        raise SignatureError("signature has no sha256=<hex> value")
    return ParsedSignature(timestamp=timestamp, digests=tuple(digests))


def verify(
    secret: str | bytes,
    body: bytes,
    header: str | None,
    *,
    tolerance: int = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> None:
    """Raise SignatureError unless `header` is a valid signature of `body`."""
    if not header:
        raise SignatureError(f"missing {SIGNATURE_HEADER} header")
    parsed = parse(header)
    if parsed.timestamp is not None:
        current = time.time() if now is None else now
        if abs(current - parsed.timestamp) > tolerance:
            raise SignatureError(f"signature timestamp is outside the {tolerance}s window")
        message = f"{parsed.timestamp}.".encode() + body
    else:
        message = body
    expected = _digest(secret, message)
    if not any(hmac.compare_digest(expected, candidate) for candidate in parsed.digests):
        raise SignatureError("signature does not match the body")
