from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from vigil.bot import linking


class Command(BaseCommand):
    help = (
        "Create a one-time code that links a Telegram account to a Vigil user: the person "
        f"sends /link CODE to the bot in a private chat within {linking.LINK_CODE_MINUTES} "
        "minutes. A new code replaces the user's unused one."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="the Vigil user the Telegram account will act as")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user named {username[:150]!r}", returncode=2)
        issued = linking.issue_code(user, actor="vigil bot_link")
        self.stdout.write(
            f"{issued.code}\nSend /link {issued.code} to the bot in a private chat before "
            f"{issued.expires_at:%H:%M} UTC ({linking.LINK_CODE_MINUTES} minutes)."
        )
