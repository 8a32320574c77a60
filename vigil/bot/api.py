"""/api/bot/: the signed-in user's Telegram link and one-time link codes."""

from datetime import datetime

from django.contrib.auth import get_user_model
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from vigil.accounts.roles import VIEWER
from vigil.bot import linking
from vigil.bot.models import TelegramLink

router = Router(tags=["bot"])


class TelegramLinkOut(Schema):
    linked: bool
    telegram_username: str = ""
    linked_at: datetime | None = None


class TelegramCodeOut(Schema):
    code: str
    expires_at: datetime
    instructions: str


def _user(request):
    principal = request.auth
    if principal.kind != "user" or principal.user_id is None:
        raise HttpError(400, "a link code is for a signed-in user, not an API key")
    user = get_user_model().objects.filter(pk=principal.user_id, is_active=True).first()
    if user is None:
        raise HttpError(403, "this user is not active")
    return user


@router.get(
    "link/", auth=VIEWER, response=TelegramLinkOut, summary="Whether my Telegram account is linked"
)
def my_link(request):
    found = TelegramLink.objects.filter(user=_user(request)).first()
    if found is None:
        return {"linked": False}
    return {
        "linked": True,
        "telegram_username": found.telegram_username,
        "linked_at": found.linked_at,
    }


@router.post(
    "link-code/",
    auth=VIEWER,
    response={201: TelegramCodeOut},
    summary="A one-time code to link my Telegram account (send /link CODE to the bot)",
)
def link_code(request):
    user = _user(request)
    issued = linking.issue_code(user, actor=user.username)
    return Status(
        201,
        {
            "code": issued.code,
            "expires_at": issued.expires_at,
            "instructions": f"Send /link {issued.code} to the bot in a private chat within "
            f"{linking.LINK_CODE_MINUTES} minutes.",
        },
    )
