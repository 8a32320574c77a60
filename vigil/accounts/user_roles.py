"""A user's role (Django groups), without the API's machinery: what `roles.RoleAccess`
and the Telegram bot (which must not load Django Ninja) both ask."""

from django.contrib.auth.models import Group

from vigil.core.roles import RANK, Role, highest


def user_role(user) -> Role | None:
    if not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    return highest(Group.objects.filter(user=user).values_list("name", flat=True))


def set_user_role(user, role: Role) -> None:
    """A user holds exactly one of the three role groups (their other groups stay)."""
    user.groups.remove(*Group.objects.filter(name__in=list(RANK)))
    user.groups.add(Group.objects.get(name=role))
