"""Mattermost incoming webhook: Slack's attachment format, Markdown text.
https://developers.mattermost.com/integrate/webhooks/incoming/"""

from typing import Any

from vigil.notify.drivers.base import (
    Driver,
    SendResult,
    TemplateField,
    WebhookURLConfig,
    body_lines,
    chat_attachment,
    headline,
    post_json,
    raise_for_status,
)
from vigil.notify.message import Notification


class MattermostConfig(WebhookURLConfig):
    channel: str = ""
    username: str = ""
    icon_url: str = ""
    template: TemplateField = None


class MattermostDriver(Driver):
    slug = "mattermost"
    label = "Mattermost (incoming webhook)"
    Config = MattermostConfig
    overridable = frozenset({"channel", "username", "icon_url"})

    def payload(self, message: Notification) -> dict[str, Any]:
        text = self.render(self.config.template, message, "\n".join(body_lines(message)))
        payload: dict[str, Any] = {
            "text": f"**{headline(message)}**",
            "attachments": [chat_attachment(message, text)],
        }
        for name in ("channel", "username", "icon_url"):
            if getattr(self.config, name):
                payload[name] = getattr(self.config, name)
        return payload

    def send(self, message: Notification) -> SendResult:
        raise_for_status(post_json(self.config.url, self.payload(message)), "Mattermost")
        return SendResult()
