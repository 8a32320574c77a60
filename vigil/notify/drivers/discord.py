"""Discord webhook with one embed. https://discord.com/developers/docs/resources/webhook"""

from typing import Any

from vigil.core.retry import classify_answer, retry_after_seconds
from vigil.notify.drivers.base import (
    Driver,
    NotifyError,
    SendResult,
    TemplateField,
    WebhookURLConfig,
    body_lines,
    color_for,
    digest,
    headline,
    post_json,
    raise_for_status,
)
from vigil.notify.message import Notification

MAX_TITLE = 256
MAX_DESCRIPTION = 4096
MAX_FIELDS = 25


class DiscordConfig(WebhookURLConfig):
    username: str = ""
    avatar_url: str = ""
    template: TemplateField = None


class DiscordDriver(Driver):
    slug = "discord"
    label = "Discord (webhook)"
    Config = DiscordConfig
    min_interval = 2.0  # Discord: 30 messages a minute per webhook
    overridable = frozenset({"username", "avatar_url"})

    def rate_key(self) -> str:
        return f"discord:{digest(self.config.url)}"

    def payload(self, message: Notification) -> dict[str, Any]:
        description = self.render(self.config.template, message, "\n".join(body_lines(message)))
        embed: dict[str, Any] = {
            "title": headline(message)[:MAX_TITLE],
            "description": description[:MAX_DESCRIPTION],
            "color": int(color_for(message).lstrip("#"), 16),
            "fields": [
                {"name": k[:256], "value": v[:1024] or "-", "inline": len(v) < 40}
                for k, v in list(message.fields.items())[:MAX_FIELDS]
            ],
            "footer": {"text": f"Vigil · {message.source}"},
        }
        if message.url:
            embed["url"] = message.url
        payload: dict[str, Any] = {
            "embeds": [embed],
            # Alert text is not trusted: never let it ping @everyone or a role.
            "allowed_mentions": {"parse": []},
        }
        if self.config.username:
            payload["username"] = self.config.username
        if self.config.avatar_url:
            payload["avatar_url"] = self.config.avatar_url
        return payload

    def send(self, message: Notification) -> SendResult:
        response = post_json(self.config.url, self.payload(message))
        if response.status_code == 429:
            try:
                wait = retry_after_seconds(response.json().get("retry_after"))
            except (ValueError, AttributeError):
                wait = classify_answer(429, response.headers).retry_after
            raise NotifyError("Discord answered HTTP 429 (rate limited)", permanent=False,
                              retry_after=wait)  # fmt: skip
        raise_for_status(response, "Discord")
        return SendResult()
