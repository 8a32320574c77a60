"""Access tokens: JWTs signed with HS256 by a key of their own (VIGIL_JWT_KEYS).

One algorithm is accepted, pinned before the signature is checked: a token whose
header names another (`none`, RS256 handed our secret as a "public key", HS512, …)
is refused. The first key signs; every listed key verifies, each known by its `kid`
(the first 16 hex digits of its SHA-256), so keys rotate like VIGIL_ENCRYPTION_KEYS.
"""

import hashlib
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

import jwt
from django.conf import settings
from django.utils import timezone

ALGORITHM = "HS256"
ISSUER = "vigil"
AUDIENCE = "vigil-api"
MIN_KEY_BYTES = 32
MAX_ACCESS_SECONDS = 900
# Tokens already verified, per set of keys: a console polls with one token for up to 15
# minutes, and PyJWT's parsing was a tenth of the incident list's CPU (bench/console.py).
# Only a token that verified is kept, its expiry checked again on every use.
_verified: dict[tuple[str, tuple[str, ...]], "AccessClaims"] = {}
MAX_VERIFIED = 10_000


class TokenRejected(Exception):
    """An access token that must not be honoured; `reason` is safe to show."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class SigningNotConfigured(Exception):
    pass


@dataclass(frozen=True)
class AccessClaims:
    user_id: int
    sign_in_id: str
    expires_at: int


def key_id(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def signing_keys() -> dict[str, bytes]:
    """kid -> key, in the configured order (the first one signs)."""
    return {key_id(key): key.encode() for key in settings.VIGIL_JWT_KEYS}


def issue_access(user_id: int, sign_in_id: str) -> tuple[str, int]:
    keys = signing_keys()
    if not keys:
        raise SigningNotConfigured("VIGIL_JWT_KEYS is not set")
    kid, key = next(iter(keys.items()))
    lifetime = min(settings.AUTH_ACCESS_TOKEN_SECONDS, MAX_ACCESS_SECONDS)
    now = timezone.now()
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": str(user_id),
        "sid": sign_in_id,
        "typ": "access",
        "jti": uuid.uuid4().hex,
        "iat": now,
        "nbf": now,
        "exp": now + timedelta(seconds=lifetime),
    }
    return jwt.encode(claims, key, algorithm=ALGORITHM, headers={"kid": kid}), lifetime


def verify_access(token: str) -> AccessClaims:
    known = (token, tuple(settings.VIGIL_JWT_KEYS))
    claims = _verified.get(known)
    if claims is not None and time.time() < claims.expires_at:
        return claims
    claims = _verify(token)
    if len(_verified) >= MAX_VERIFIED:
        _verified.clear()
    _verified[known] = claims
    return claims


def _verify(token: str) -> AccessClaims:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError:
        raise TokenRejected("malformed token") from None
    if header.get("alg") != ALGORITHM:
        raise TokenRejected(f"algorithm {str(header.get('alg'))[:20]!r} is not accepted")
    key = signing_keys().get(str(header.get("kid", "")))
    if key is None:
        raise TokenRejected("unknown signing key (kid)")
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={"require": ["exp", "nbf", "iat", "sub", "sid", "typ"]},
        )
    except jwt.ExpiredSignatureError:
        raise TokenRejected("token expired") from None
    except jwt.ImmatureSignatureError:
        raise TokenRejected("token not valid yet") from None
    except jwt.InvalidSignatureError:
        raise TokenRejected("bad signature") from None
    except jwt.InvalidTokenError:
        raise TokenRejected("invalid token") from None
    if claims["typ"] != "access" or not str(claims["sub"]).isdigit():
        raise TokenRejected("not an access token")
    return AccessClaims(int(claims["sub"]), str(claims["sid"]), int(claims["exp"]))


def looks_like_jwt(value: str) -> bool:
    return value.startswith("eyJ") and value.count(".") == 2
