"""/api/accounts/: the signed-in user, users and their roles, API keys, the audit log.

Everything here but `me/` is for admins; every change is written to the audit log.
"""

from datetime import datetime
from typing import Literal

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from vigil.accounts.audit import Kind, record
from vigil.accounts.models import AuditEvent
from vigil.accounts.roles import ADMIN, set_user_role, user_role
from vigil.core.models import ApiKey
from vigil.core.pages import Page, PageQuery, page_of
from vigil.core.services import InvalidEndpointPrefix, create_api_key, forget_cached_keys

router = Router(tags=["accounts"])

RoleName = Literal["viewer", "responder", "admin"]


class MeOut(Schema):
    kind: Literal["user", "key", "open"]
    name: str
    role: RoleName | None
    user_id: int | None


class UserOut(Schema):
    id: int
    username: str
    email: str
    name: str
    role: RoleName | None
    is_active: bool
    is_superuser: bool
    last_login: datetime | None
    date_joined: datetime


class UserIn(Schema):
    username: str = Field(min_length=1, max_length=150, pattern=r"^[\w.@+-]+$")
    password: str = Field(min_length=1, max_length=4096)
    role: RoleName
    email: str = Field("", max_length=254)
    name: str = Field("", max_length=150)


class UserPatch(Schema):
    role: RoleName | None = None
    is_active: bool | None = None
    password: str | None = Field(None, min_length=1, max_length=4096)
    email: str | None = Field(None, max_length=254)
    name: str | None = Field(None, max_length=150)


class KeyOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="the first characters of the key, to tell keys apart")
    role: RoleName
    is_active: bool
    allowed_endpoints: list[str]
    created_at: datetime
    last_used_at: datetime | None


class KeyIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    role: RoleName = "admin"
    allowed_endpoints: list[str] = Field(default_factory=list, max_length=20)


class CreatedKeyOut(KeyOut):
    key: str = Field(description="the key itself: shown this once, only its digest is stored")


class AuditOut(Schema):
    id: int
    at: datetime
    event: str
    username: str
    actor: str
    ip: str
    user_agent: str
    detail: dict


AuditKind = Literal[tuple(AuditEvent.Kind.values)]


class AuditQuery(PageQuery):
    event: AuditKind | None = Field(None, description="what happened")
    who: str | None = Field(
        None, max_length=200, description="the account concerned or the one who acted"
    )
    username: str | None = Field(None, max_length=150, description="the account concerned")
    after: datetime | None = Field(None, description="at or after this time")
    before: datetime | None = Field(None, description="before this time")


def user_out(user) -> dict:
    return {
        "id": user.pk, "username": user.get_username(), "email": user.email,
        "name": user.get_full_name(), "role": user_role(user), "is_active": user.is_active,
        "is_superuser": user.is_superuser, "last_login": user.last_login,
        "date_joined": user.date_joined,
    }  # fmt: skip


def _set_password(user, password: str) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise HttpError(422, "password refused: " + " ".join(exc.messages)) from None
    user.set_password(password)


def _split_name(name: str) -> tuple[str, str]:
    first, _, last = name.strip().partition(" ")
    return first[:150], last[:150]


@router.get("me/", response=MeOut, summary="Who is calling, and their role")
def me(request):
    principal = request.auth
    return {"kind": principal.kind, "name": principal.name, "role": principal.role,
            "user_id": principal.user_id}  # fmt: skip


@router.get("users/", auth=ADMIN, response=Page[UserOut], summary="Users and their roles")
def users(request, page: Query[PageQuery]):
    rows = get_user_model().objects.order_by("username").prefetch_related("groups")
    return page_of(rows, page, user_out)


@router.post("users/", response={201: UserOut}, summary="Create a user with a role")
def create_user(request, body: UserIn):
    model = get_user_model()
    first, last = _split_name(body.name)
    user = model(username=body.username, email=body.email, first_name=first, last_name=last)
    _set_password(user, body.password)
    try:
        with transaction.atomic():
            user.save()
            set_user_role(user, body.role)
    except IntegrityError:
        raise HttpError(409, f"a user named {body.username!r} already exists") from None
    record(Kind.USER_CREATED, request, user=user, actor=request.auth.actor, role=body.role)
    return Status(201, user_out(user))


@router.patch("users/{user_id}/", response=UserOut, summary="Change a user's role, state, …")
def update_user(request, user_id: int, body: UserPatch):
    user = get_object_or_404(get_user_model(), pk=user_id)
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    if user.pk == request.auth.user_id and (
        changes.get("is_active") is False or changes.get("role", "admin") != "admin"
    ):
        raise HttpError(409, "you cannot take your own admin role or account away")
    if "password" in changes:
        _set_password(user, changes["password"])
    for name in ("email", "is_active"):
        if name in changes:
            setattr(user, name, changes[name])
    if "name" in changes:
        user.first_name, user.last_name = _split_name(changes["name"])
    with transaction.atomic():
        user.save()
        if "role" in changes:
            set_user_role(user, changes["role"])
    changed = sorted(name for name in changes if name != "password") + (
        ["password"] if "password" in changes else []
    )
    record(Kind.USER_CHANGED, request, user=user, actor=request.auth.actor, changed=changed,
           role=changes.get("role", ""))  # fmt: skip
    return user_out(user)


@router.get("keys/", auth=ADMIN, response=Page[KeyOut], summary="API keys (never the keys)")
def keys(request, page: Query[PageQuery]):
    return page_of(ApiKey.objects.order_by("name"), page)


@router.post("keys/", response={201: CreatedKeyOut}, summary="Create an API key, shown once")
def create_key(request, body: KeyIn):
    try:
        created = create_api_key(body.name, body.allowed_endpoints, role=body.role)
    except InvalidEndpointPrefix as exc:
        raise HttpError(422, str(exc)) from None
    except (IntegrityError, ValidationError):
        raise HttpError(409, f"an API key named {body.name!r} already exists") from None
    record(Kind.KEY_CREATED, request, actor=request.auth.actor, key=created.key.name,
           prefix=created.key.prefix, role=body.role)  # fmt: skip
    key = created.key
    return Status(201, {**KeyOut.model_validate(key).model_dump(), "key": created.raw})


@router.post("keys/{key_id}/revoke/", response=KeyOut, summary="Revoke an API key")
def revoke_key(request, key_id: int):
    key = get_object_or_404(ApiKey, pk=key_id)
    if key.is_active:
        ApiKey.objects.filter(pk=key.pk).update(is_active=False)
        key.is_active = False
        forget_cached_keys()
        record(Kind.KEY_REVOKED, request, actor=request.auth.actor, key=key.name,
               prefix=key.prefix)  # fmt: skip
    return key


@router.get("audit/", auth=ADMIN, response=Page[AuditOut], summary="The audit log, newest first")
def audit(request, query: Query[AuditQuery]):
    unknown = sorted(set(request.GET) - set(AuditQuery.model_fields))
    if unknown:
        raise HttpError(400, f"unknown parameter {unknown[0][:50]!r}; valid: "
                             f"{', '.join(AuditQuery.model_fields)}")  # fmt: skip
    if query.after and query.before and query.after >= query.before:
        raise HttpError(400, "after must be earlier than before")
    rows = AuditEvent.objects.order_by("-at", "-id")
    if query.event:
        rows = rows.filter(event=query.event)
    if query.who:
        rows = rows.filter(Q(username=query.who) | Q(actor=query.who))
    if query.username:
        rows = rows.filter(username=query.username)
    if query.after:
        rows = rows.filter(at__gte=query.after)
    if query.before:
        rows = rows.filter(at__lt=query.before)
    return page_of(rows, query)
