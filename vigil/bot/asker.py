"""Who sent an update, from which chat, as which Vigil user, and what they may do."""

from dataclasses import dataclass, field

from vigil.accounts.user_roles import user_role
from vigil.bot.models import ChatBinding, TelegramLink
from vigil.core.roles import Role, allows

NOT_LINKED = (
    "You are not linked to a Vigil user. Create a code on your profile page in Vigil "
    "(or ask an admin to run <code>vigil bot_link your-username</code>), then send "
    "<code>/link CODE</code> to me in a private chat."
)
NOT_BOUND = (
    "This group is not bound to Vigil. A Vigil admin binds it with /bind in this chat "
    "(or in the admin, Telegram bot › Chat bindings)."
)
NO_ROLE = "Your Vigil user has no role yet; an admin must grant viewer, responder or admin."


@dataclass
class Asker:
    """Who sent the update, from where, and as which Vigil user."""

    chat_id: int
    chat_type: str
    chat_title: str
    telegram_id: int
    telegram_username: str
    link: TelegramLink | None = None
    binding: ChatBinding | None = None
    role: Role | None = None
    args: list[str] = field(default_factory=list)
    rest: str = ""

    @property
    def private(self) -> bool:
        return self.chat_type == "private"

    @property
    def user(self):
        return self.link.user if self.link else None

    @property
    def actor(self) -> str:
        return self.link.user.username if self.link else ""

    @property
    def lanes(self) -> list[str]:
        return list(self.binding.lanes) if self.binding else []

    def refusal(self, needed: Role | None) -> str:
        """Why this asker may not do it, or '' when they may."""
        if not self.private and self.binding is None:
            return NOT_BOUND
        if self.link is None:
            return NOT_LINKED
        if needed is None:
            return ""
        if self.role is None:
            return NO_ROLE
        if not allows(self.role, needed):
            return f"This needs the {needed} role; {self.actor} is {self.role}."
        return ""


def asker_for(chat, sender) -> Asker:
    asker = Asker(
        chat_id=chat.id, chat_type=chat.type, chat_title=chat.title or "",
        telegram_id=sender.id, telegram_username=sender.username or "",
    )  # fmt: skip
    link = TelegramLink.objects.select_related("user").filter(telegram_user_id=sender.id).first()
    if link is not None and link.user.is_active:  # an inactive user acts as nobody
        asker.link, asker.role = link, user_role(link.user)
    if not asker.private:
        asker.binding = ChatBinding.objects.filter(chat_id=chat.id).first()
    return asker
