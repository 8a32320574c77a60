"""Who is calling (a Principal) and what their role lets them do, on every API route.

The API's default: reading (GET/HEAD) needs viewer, anything else needs admin. Routes a
responder may call say so with `auth=RESPONDER`; a route can only loosen the default
by naming its role, so a new write route is admin-only until someone decides otherwise.
"""

from dataclasses import dataclass

from ninja.errors import HttpError
from ninja.security.base import AuthBase

from vigil.accounts.user_roles import set_user_role as set_user_role
from vigil.accounts.user_roles import user_role as user_role
from vigil.core.roles import Role, allows

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Principal:
    kind: str  # "user", "key" or "open" (API authentication switched off)
    name: str
    role: Role | None
    user_id: int | None = None
    sign_in_id: str = ""

    @property
    def actor(self) -> str:
        """How this caller appears in timelines and the audit log."""
        if self.kind == "key":
            return f"api-key:{self.name}"
        return self.name if self.kind == "user" else "api"


OPEN = Principal(kind="open", name="api", role=Role.ADMIN)


class RoleAccess(AuthBase):
    """Django Ninja auth: the principal set by the middleware, checked against a role."""

    openapi_type = "http"
    openapi_scheme = "bearer"
    openapi_description = (
        "A console access token (POST /auth/token/) or an API key; `X-API-Key: <key>` "
        "works too. Reading needs the viewer role; each writing route names its role."
    )

    def __init__(self, role: Role | None = None):
        self.role = role
        super().__init__()

    def __call__(self, request):
        principal = getattr(request, "principal", None)
        if principal is None:
            return None
        needed = self.role or (Role.VIEWER if request.method in READ_METHODS else Role.ADMIN)
        if principal.role is None:
            raise HttpError(
                403, f"{principal.name!r} has no role yet; an admin must grant viewer, "
                "responder or admin",
            )  # fmt: skip
        if not allows(principal.role, needed):
            raise HttpError(
                403, f"this needs the {needed} role; {principal.name!r} is {principal.role}"
            )
        return principal


BY_METHOD = RoleAccess()
VIEWER = RoleAccess(Role.VIEWER)
RESPONDER = RoleAccess(Role.RESPONDER)
ADMIN = RoleAccess(Role.ADMIN)
