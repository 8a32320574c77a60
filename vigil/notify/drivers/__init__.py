"""The notify driver registry: stable slug → class. Slugs are stored on channels."""

from vigil.notify.drivers.base import ConfigError, Driver, NotifyError
from vigil.notify.drivers.console import ConsoleDriver
from vigil.notify.drivers.discord import DiscordDriver
from vigil.notify.drivers.email import EmailDriver
from vigil.notify.drivers.locmem import LocmemDriver
from vigil.notify.drivers.mattermost import MattermostDriver
from vigil.notify.drivers.opsgenie import OpsgenieDriver
from vigil.notify.drivers.pagerduty import PagerDutyDriver
from vigil.notify.drivers.slack import SlackDriver
from vigil.notify.drivers.teams import TeamsDriver
from vigil.notify.drivers.telegram import TelegramDriver
from vigil.notify.drivers.webhook import WebhookDriver

DRIVERS: dict[str, type[Driver]] = {
    "slack": SlackDriver,
    "mattermost": MattermostDriver,
    "discord": DiscordDriver,
    "teams": TeamsDriver,
    "email": EmailDriver,
    "pagerduty": PagerDutyDriver,
    "opsgenie": OpsgenieDriver,
    "webhook": WebhookDriver,
    "telegram": TelegramDriver,
    "console": ConsoleDriver,
    "locmem": LocmemDriver,
}


class UnknownDriver(ConfigError):
    pass


def get_driver(slug: str) -> type[Driver]:
    try:
        return DRIVERS[slug]
    except (KeyError, TypeError):
        raise UnknownDriver(
            f"unknown driver {str(slug)[:50]!r}; valid: {', '.join(sorted(DRIVERS))}"
        ) from None


__all__ = ["DRIVERS", "ConfigError", "Driver", "NotifyError", "UnknownDriver", "get_driver"]
