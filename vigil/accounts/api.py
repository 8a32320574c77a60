"""/auth/: sign in, refresh, sign out. The refresh token travels only in a cookie.

The cookie is httpOnly, SameSite=Strict, Secure under HTTPS and sent only to
/auth/token/refresh/. These routes also refuse requests another site's page makes
(Origin / Sec-Fetch-Site), so a hostile page can neither refresh nor sign anyone in.
"""

from typing import Literal

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from ninja import Router, Schema
from pydantic import Field

from vigil.accounts import signin
from vigil.accounts.roles import VIEWER, Principal
from vigil.core.responses import json_error

router = Router(tags=["sign-in"])

COOKIE = "vigil_refresh"
COOKIE_PATH = "/auth/token/refresh/"


class LoginIn(Schema):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=4096)


class UserOut(Schema):
    id: int
    username: str
    name: str
    email: str
    role: str


class TokenOut(Schema):
    access: str
    token_type: Literal["Bearer"] = "Bearer"  # noqa: S105 (the scheme, not a secret)
    expires_in: int = Field(description="seconds the access token is valid (at most 900)")
    user: UserOut


class ErrorOut(Schema):
    error: str
    detail: object = None


def user_out(user, role: str) -> dict:
    return {
        "id": user.pk,
        "username": user.get_username(),
        "name": user.get_full_name(),
        "email": user.email,
        "role": role,
    }


def _cross_site(request) -> bool:
    site = request.META.get("HTTP_SEC_FETCH_SITE")
    if site and site not in ("same-origin", "none"):
        return True
    origin = request.META.get("HTTP_ORIGIN")
    if not origin:
        return False
    own = f"{'https' if request.is_secure() else 'http'}://{request.get_host()}"
    return origin != own and origin not in settings.CSRF_TRUSTED_ORIGINS


def _refused_cross_site():
    return json_error(403, "cross-site request refused", "call this route from Vigil's own pages")


def _answer(request, issued: signin.Issued, status: int = 200) -> JsonResponse:
    response = JsonResponse(
        {
            "access": issued.access,
            "token_type": "Bearer",
            "expires_in": issued.expires_in,
            "user": user_out(issued.user, issued.role),
        },
        status=status,
    )
    response.set_cookie(
        COOKIE,
        issued.refresh,
        max_age=settings.AUTH_REFRESH_TOKEN_SECONDS,
        path=COOKIE_PATH,
        secure=settings.AUTH_COOKIE_SECURE or request.is_secure(),
        httponly=True,
        samesite="Strict",
    )
    response["Cache-Control"] = "no-store"
    return response


def _refused(exc: signin.SignInError, *, clear_cookie: bool = False):
    headers = {"Retry_After": str(exc.retry_after)} if exc.status == 429 else {}
    response = json_error(exc.status, exc.message, **headers)
    if clear_cookie:
        response.delete_cookie(COOKIE, path=COOKIE_PATH, samesite="Strict")
    return response


@router.post(
    "token/",
    auth=None,
    response={200: TokenOut, 401: ErrorOut, 403: ErrorOut, 429: ErrorOut},
    summary="Sign in: an access token, and the refresh token in an httpOnly cookie",
)
def token(request, body: LoginIn):
    if _cross_site(request):
        return _refused_cross_site()
    try:
        issued = signin.sign_in(request, body.username, body.password)
    except signin.SignInError as exc:
        return _refused(exc)
    return _answer(request, issued)


@router.post(
    "token/refresh/",
    auth=None,
    response={200: TokenOut, 401: ErrorOut, 403: ErrorOut},
    summary="A new access token for the refresh cookie; the cookie is rotated",
)
def token_refresh(request):
    if _cross_site(request):
        return _refused_cross_site()
    try:
        issued = signin.refresh(request, request.COOKIES.get(COOKIE, ""))
    except signin.SignInError as exc:
        return _refused(exc, clear_cookie=True)
    return _answer(request, issued)


@router.post(
    "logout/",
    auth=VIEWER,
    response={204: None, 401: ErrorOut},
    summary="Sign out: this sign-in's refresh tokens and access tokens stop working",
)
def logout(request):
    if _cross_site(request):
        return _refused_cross_site()
    principal: Principal = request.auth
    if principal.kind == "user":
        signin.sign_out(request, principal)
    response = HttpResponse(status=204)
    response.delete_cookie(COOKIE, path=COOKIE_PATH, samesite="Strict")
    return response
