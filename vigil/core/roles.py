"""The three roles, shared by users (Django groups) and API keys.

Each role includes the ones below it: a responder may read, an admin may respond.
"""

from django.db import models


class Role(models.TextChoices):
    VIEWER = "viewer"
    RESPONDER = "responder"
    ADMIN = "admin"


RANK = {Role.VIEWER: 1, Role.RESPONDER: 2, Role.ADMIN: 3}


def allows(held: str | None, needed: str) -> bool:
    return held is not None and RANK.get(held, 0) >= RANK[needed]


def highest(roles) -> Role | None:
    ranked = [Role(name) for name in roles if name in RANK]
    return max(ranked, key=RANK.__getitem__) if ranked else None
