"""Console sign-in: password -> access token + refresh token; rotation; logout.

Shared by the /auth/ routes and the tests; the middleware calls `principal_for`.
"""

import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.utils import timezone

from vigil.accounts import throttle, tokens
from vigil.accounts.audit import Kind, record
from vigil.accounts.models import RefreshToken, SignIn
from vigil.accounts.roles import Principal, user_role
from vigil.core.clientip import client_ip

_CACHE_SECONDS = 5.0
# sign-in id -> (monotonic expiry, Principal or None): a request with an access token
# costs no query within this time; logout in this process forgets the entry at once.
_principals: dict[str, tuple[float, Principal | None]] = {}


class SignInError(Exception):
    """A refused sign-in or refresh; `status` and `message` are safe to answer with."""

    def __init__(self, message: str, *, status: int = 401, retry_after: int = 0):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True)
class Issued:
    access: str
    expires_in: int
    refresh: str
    user: object
    role: str


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _new_refresh(sign_in: SignIn) -> str:
    raw = secrets.token_urlsafe(32)
    RefreshToken.objects.create(
        digest=_digest(raw),
        sign_in=sign_in,
        expires_at=timezone.now() + timedelta(seconds=settings.AUTH_REFRESH_TOKEN_SECONDS),
    )
    return raw


def _issue(sign_in: SignIn, user, role: str) -> Issued:
    try:
        access, lifetime = tokens.issue_access(user.pk, str(sign_in.pk))
    except tokens.SigningNotConfigured:
        raise SignInError(
            "console sign-in is not configured: set VIGIL_JWT_KEYS (see docs/security.md)",
            status=503,
        ) from None
    return Issued(access, lifetime, _new_refresh(sign_in), user, role)


def sign_in(request, username: str, password: str) -> Issued:
    ip = client_ip(request)
    try:
        wait = throttle.retry_after(username, ip)
    except throttle.ThrottleUnavailable:
        raise SignInError(
            "sign-in is unavailable: the cache cannot be reached", status=503
        ) from None
    if wait:
        record(Kind.LOGIN_THROTTLED, request, username=username, retry_after=wait)
        raise SignInError("too many failed sign-ins; wait and try again", status=429,
                          retry_after=wait)  # fmt: skip
    # authenticate() sends user_login_failed on a wrong password: the audit log and the
    # secret-scanning alerts both listen to it.
    user = authenticate(request, username=username, password=password)
    if user is None:
        try:
            wait = throttle.record_failure(username, ip)
        except throttle.ThrottleUnavailable:
            wait = 0
        raise SignInError("invalid username or password", retry_after=wait)
    role = user_role(user)
    if role is None:
        raise SignInError(
            f"{user.get_username()!r} has no role yet; an admin must grant viewer, responder "
            "or admin", status=403,
        )  # fmt: skip
    throttle.record_success(username)
    with transaction.atomic():
        session = SignIn.objects.create(
            user=user, ip=ip[:64], user_agent=request.META.get("HTTP_USER_AGENT", "")[:300]
        )
        issued = _issue(session, user, role)
        user_logged_in.send(sender=user.__class__, request=request, user=user, via="console")
    return issued


def refresh(request, raw: str) -> Issued:
    """Rotate: the presented token is spent and a new one issued in the same family. A
    token presented a second time means it was copied: the whole family is revoked."""
    token = RefreshToken.objects.select_related("sign_in__user").filter(digest=_digest(raw))
    token = token.first() if raw else None
    if token is None:
        raise SignInError("refresh token not recognised; sign in again")
    session, now = token.sign_in, timezone.now()
    if session.revoked_at is not None:
        raise SignInError("this sign-in has ended; sign in again")
    # Spent in its own statement, so the revocation below is not rolled back with it.
    spent = RefreshToken.objects.filter(pk=token.pk, used_at__isnull=True).update(used_at=now)
    if not spent:
        revoke(session, "refresh token reused")
        record(Kind.REFRESH_REUSED, request, user=session.user, sign_in=str(session.pk))
        raise SignInError(
            "refresh token already used; every token of this sign-in is revoked, sign in again"
        )
    if token.expires_at <= now:
        raise SignInError("refresh token expired; sign in again")
    role = user_role(session.user)
    if role is None:
        revoke(session, "account disabled or without role")
        raise SignInError("this account can no longer sign in", status=403)
    with transaction.atomic():
        SignIn.objects.filter(pk=session.pk).update(last_refreshed_at=now)
        return _issue(session, session.user, role)


def revoke(session: SignIn, reason: str) -> None:
    SignIn.objects.filter(pk=session.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason[:100]
    )
    _principals.pop(str(session.pk), None)


def sign_out(request, principal: Principal) -> None:
    session = SignIn.objects.select_related("user").filter(pk=principal.sign_in_id).first()
    if session is not None:
        revoke(session, "logout")
        record(Kind.LOGOUT, request, user=session.user, sign_in=str(session.pk))


def principal_for(claims: tokens.AccessClaims) -> Principal | None:
    """The caller behind a verified access token, if its sign-in is still live."""
    try:
        uuid.UUID(claims.sign_in_id)
    except ValueError:
        return None
    now = time.monotonic()
    cached = _principals.get(claims.sign_in_id)
    if cached and cached[0] > now:
        principal = cached[1]
    else:
        session = (
            SignIn.objects.select_related("user")
            .filter(pk=claims.sign_in_id, revoked_at__isnull=True)
            .first()
        )
        principal = None
        if session is not None and session.user.is_active:
            principal = Principal(
                kind="user",
                name=session.user.get_username(),
                role=user_role(session.user),
                user_id=session.user_id,
                sign_in_id=str(session.pk),
            )
        if len(_principals) > 1000:
            _principals.clear()
        _principals[claims.sign_in_id] = (now + _CACHE_SECONDS, principal)
    if principal is None or principal.user_id != claims.user_id:
        return None
    return principal


def forget_cached_principals() -> None:
    _principals.clear()
