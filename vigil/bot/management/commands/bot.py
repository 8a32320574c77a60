import asyncio
import logging
import signal

from django.core.management.base import BaseCommand, CommandError
from telegram.error import InvalidToken, TelegramError

from vigil.bot import runner, webhook
from vigil.bot.config import BotNotConfigured

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    # The system checks load the whole API (its URLconf, Django Ninja, every router):
    # ~35 MB more for a process that stays up (bench/bot.py). The bot checks its own
    # settings as it starts.
    requires_system_checks = []
    help = (
        "Run the Telegram bot: long polling for commands and button presses, and new "
        "incidents to subscribed chats. With --set-webhook, register the webhook "
        "(/telegram/webhook/ of `vigil serve`) instead and exit; --delete-webhook undoes it. "
        "SIGTERM or Ctrl-C stops it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--set-webhook",
            metavar="URL",
            help="register this public https URL (ending /telegram/webhook/) with Telegram "
            "and exit; updates then reach `vigil serve`, not polling",
        )
        parser.add_argument(
            "--delete-webhook", action="store_true", help="remove the webhook and exit"
        )
        parser.add_argument(
            "--push-every",
            type=float,
            default=5.0,
            help="seconds between looks for new incidents for subscribed chats (default 5)",
        )

    def handle(self, *args, set_webhook, delete_webhook, push_every, **options):
        if push_every <= 0:
            raise CommandError("--push-every must be more than 0", returncode=2)
        try:
            if set_webhook:
                asyncio.run(webhook.register(set_webhook))
                self.stdout.write(f"webhook set: {set_webhook}")
                return
            if delete_webhook:
                asyncio.run(webhook.unregister())
                self.stdout.write("webhook deleted; `vigil bot` polls again")
                return
            asyncio.run(self._run(push_every))
        except BotNotConfigured as exc:
            raise CommandError(str(exc), returncode=2) from None
        except webhook.WebhookURLError as exc:
            raise CommandError(str(exc), returncode=2) from None
        except InvalidToken:
            raise CommandError(
                "Telegram refused TELEGRAM_BOT_TOKEN; check it with @BotFather", returncode=2
            ) from None
        except TelegramError as exc:
            raise CommandError(f"Telegram: {exc.__class__.__name__}: {exc.message[:200]}") from None

    async def _run(self, push_every: float) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        await runner.run(stop, push_every=push_every)
