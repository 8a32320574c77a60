"""Slack incoming webhook, Block Kit. https://api.slack.com/messaging/webhooks"""

from typing import Any

from vigil.notify.drivers.base import (
    Driver,
    SendResult,
    TemplateField,
    WebhookURLConfig,
    body_lines,
    digest,
    headline,
    post_json,
    raise_for_status,
)
from vigil.notify.message import Notification

MAX_HEADER = 150
MAX_SECTION = 3000
MAX_FIELDS = 10


def escape(text: str) -> str:
    # Slack mrkdwn: only these three are control characters (links, mentions).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SlackConfig(WebhookURLConfig):
    username: str = ""
    icon_emoji: str = ""
    template: TemplateField = None


class SlackDriver(Driver):
    slug = "slack"
    label = "Slack (incoming webhook)"
    Config = SlackConfig
    min_interval = 1.0  # Slack: one message per second per webhook
    overridable = frozenset({"username", "icon_emoji"})

    def rate_key(self) -> str:
        return f"slack:{digest(self.config.url)}"

    def payload(self, message: Notification) -> dict[str, Any]:
        body = self.render(self.config.template, message, escape("\n".join(body_lines(message))))
        blocks: list[dict[str, Any]] = [
            {
                "type": "header",
                "text": {"type": "plain_text", "text": headline(message)[:MAX_HEADER]},
            }
        ]
        if body:
            blocks.append(
                {"type": "section", "text": {"type": "mrkdwn", "text": body[:MAX_SECTION]}}
            )
        fields = list(message.fields.items())[:MAX_FIELDS]
        if fields:
            blocks.append({
                "type": "section",
                "fields": [
                    {"type": "mrkdwn", "text": f"*{escape(k)}*\n{escape(v)}"[:2000]}
                    for k, v in fields
                ],
            })  # fmt: skip
        if message.url:
            blocks.append({
                "type": "actions",
                "elements": [{
                    "type": "button",
                    "text": {"type": "plain_text", "text": "Open incident"},
                    "url": message.url,
                }],
            })  # fmt: skip
        blocks.append({
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": f"Vigil · {escape(message.source)}"}],
        })  # fmt: skip
        payload: dict[str, Any] = {"text": headline(message), "blocks": blocks}
        if self.config.username:
            payload["username"] = self.config.username
        if self.config.icon_emoji:
            payload["icon_emoji"] = self.config.icon_emoji
        return payload

    def send(self, message: Notification) -> SendResult:
        response = post_json(self.config.url, self.payload(message))
        raise_for_status(response, "Slack")
        return SendResult()
