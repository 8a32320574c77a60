"""Microsoft Teams through a Workflows (Power Automate) webhook, as an Adaptive Card.
https://support.microsoft.com/office/create-incoming-webhooks-with-workflows-for-microsoft-teams"""

from typing import Any

from vigil.notify.drivers.base import (
    Driver,
    SendResult,
    TemplateField,
    WebhookURLConfig,
    body_lines,
    headline,
    post_json,
    raise_for_status,
)
from vigil.notify.message import Notification

_STYLE = {"critical": "attention", "warning": "warning", "info": "accent"}


class TeamsConfig(WebhookURLConfig):
    template: TemplateField = None


class TeamsDriver(Driver):
    slug = "teams"
    label = "Microsoft Teams (Workflows webhook)"
    Config = TeamsConfig

    def card(self, message: Notification) -> dict[str, Any]:
        text = self.render(self.config.template, message, "\n\n".join(body_lines(message)))
        color = "good" if message.status == "resolved" else _STYLE[message.severity]
        body: list[dict[str, Any]] = [
            {"type": "TextBlock", "text": headline(message), "weight": "Bolder",
             "size": "Medium", "wrap": True, "color": color},
        ]  # fmt: skip
        if text:
            body.append({"type": "TextBlock", "text": text, "wrap": True})
        if message.fields:
            body.append({
                "type": "FactSet",
                "facts": [{"title": k, "value": v} for k, v in message.fields.items()],
            })  # fmt: skip
        card: dict[str, Any] = {
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "body": body,
        }
        if message.url:
            card["actions"] = [{"type": "Action.OpenUrl", "title": "Open incident",
                                "url": message.url}]  # fmt: skip
        return card

    def send(self, message: Notification) -> SendResult:
        payload = {
            "type": "message",
            "attachments": [{
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": self.card(message),
            }],
        }  # fmt: skip
        raise_for_status(post_json(self.config.url, payload), "Teams")
        return SendResult()
