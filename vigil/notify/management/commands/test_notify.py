"""vigil test_notify <channel-name or driver> [flags]: send a test message now."""

import json

from django.core.management.base import CommandError

from vigil.core.commands import BadInput, VigilCommand
from vigil.notify.drivers import DRIVERS, ConfigError, NotifyError, get_driver
from vigil.notify.message import InvalidNotification, Notification
from vigil.notify.models import NotificationChannel
from vigil.notify.services import test_channel


class Command(VigilCommand):
    help = (
        "Send a test notification to a saved channel (by name) or through a driver with a "
        "config given on the command line, and say exactly what went wrong if it fails."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", help="a channel name, or a driver slug with --config")
        parser.add_argument(
            "--config",
            help="driver config as JSON (with a driver slug), e.g. "
            '\'{"url": "https://hooks.slack.com/services/…"}\' (or "$(cat config.json)")',
        )
        parser.add_argument("--title", default="", help="title of the test message")
        parser.add_argument("--text", default="", help="body of the test message")
        parser.add_argument(
            "--severity", default="info", choices=["critical", "warning", "info"],
            help="severity of the test message (default info)",
        )  # fmt: skip
        parser.add_argument(
            "--status", default="firing", choices=["firing", "acknowledged", "resolved"],
            help="status of the test message (default firing); PagerDuty and Opsgenie "
            "acknowledge or resolve the alert with the same --dedup-key",
        )  # fmt: skip
        parser.add_argument("--dedup-key", default="", help="dedup key (PagerDuty, Opsgenie)")

    def handle(self, *args, target: str, **options):
        channel = NotificationChannel.objects.filter(name=target).first()
        title = options["title"] or f"Test notification from Vigil to {target!r}"
        try:
            message = Notification(
                title=title,
                text=options["text"] or "If you can read this, the channel works.",
                severity=options["severity"],
                status=options["status"],
                dedup_key=options["dedup_key"],
                fields={"target": target},
            )
        except InvalidNotification as exc:
            raise BadInput(str(exc)) from None
        if channel is not None and not options["config"]:
            outcome = test_channel(channel, message)
            if outcome.status != "sent":
                raise CommandError(f"channel {target!r} ({channel.driver}): {outcome.error}")
            self.stdout.write(self.style.SUCCESS(f"sent to channel {target!r} ({channel.driver})"))
            return
        if target not in DRIVERS:
            known = ", ".join(NotificationChannel.objects.values_list("name", flat=True)[:20])
            raise BadInput(
                f"{target!r} is neither a channel nor a driver; channels: {known or 'none'}; "
                f"drivers: {', '.join(DRIVERS)}"
            )
        config = self._config(options["config"], target)
        try:
            result = get_driver(target).from_config(config).send(message)
        except ConfigError as exc:
            raise BadInput(f"invalid {target} config: {exc}") from None
        except NotifyError as exc:
            kind = "permanent" if exc.permanent else "transient, a retry may succeed"
            raise CommandError(f"{target}: {exc} ({kind})") from None
        suffix = f" (id {result.external_id})" if result.external_id else ""
        self.stdout.write(self.style.SUCCESS(f"sent through the {target} driver{suffix}"))

    @staticmethod
    def _config(raw: str | None, driver: str) -> dict:
        if raw is None:
            if any(f.is_required() for f in DRIVERS[driver].Config.model_fields.values()):
                raise BadInput(f"the {driver} driver needs --config (see docs/notify.md)")
            return {}
        try:
            config = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise BadInput(f"--config is not valid JSON: {exc.msg} at {exc.pos}") from None
        if not isinstance(config, dict):
            raise BadInput("--config must be a JSON object")
        return config
