"""PagerDuty Events API v2: trigger, acknowledge, resolve with one dedup_key per incident.
https://developer.pagerduty.com/docs/events-api-v2/trigger-events/"""

from typing import Any

from pydantic import Field

from vigil.notify.drivers.base import (
    Driver,
    DriverConfig,
    NotifyError,
    SafeHTTPURL,
    Secret,
    SendResult,
    body_lines,
    post_json,
    raise_for_status,
)
from vigil.notify.message import Notification

_ACTIONS = {"firing": "trigger", "acknowledged": "acknowledge", "resolved": "resolve"}
_SEVERITY = {"critical": "critical", "warning": "warning", "info": "info"}


class PagerDutyConfig(DriverConfig):
    routing_key: str = Secret(
        min_length=20, max_length=64, description="Integration key of an Events API v2 integration"
    )
    base_url: SafeHTTPURL = Field(
        "https://events.pagerduty.com", description="EU accounts: https://events.eu.pagerduty.com"
    )
    component: str = ""
    group: str = ""


class PagerDutyDriver(Driver):
    slug = "pagerduty"
    label = "PagerDuty (Events API v2)"
    Config = PagerDutyConfig
    overridable = frozenset({"component", "group"})

    def event(self, message: Notification) -> dict[str, Any]:
        action = _ACTIONS[message.status]
        event: dict[str, Any] = {"routing_key": self.config.routing_key, "event_action": action}
        if message.dedup_key:
            event["dedup_key"] = message.dedup_key[:255]
        elif action != "trigger":
            raise NotifyError(
                f"PagerDuty cannot {action} without a dedup_key (the incident's id)",
                permanent=True,
            )
        if action == "trigger":
            details = dict(message.fields)
            if message.text or message.analysis_summary:
                details["summary"] = "\n".join(body_lines(message))
            payload: dict[str, Any] = {
                "summary": message.title[:1024],
                "source": message.source,
                "severity": _SEVERITY[message.severity],
                "custom_details": details,
            }
            for name in ("component", "group"):
                if getattr(self.config, name):
                    payload[name] = getattr(self.config, name)
            event["payload"] = payload
            event["client"] = "Vigil"
            links = [{"href": url, "text": label} for label, url in message.links.items()]
            if message.url:
                event["client_url"] = message.url
                links.insert(0, {"href": message.url, "text": "Open incident in Vigil"})
            if links:
                event["links"] = links
        return event

    def send(self, message: Notification) -> SendResult:
        url = f"{self.config.base_url.rstrip('/')}/v2/enqueue"
        response = post_json(url, self.event(message))
        detail = ""
        if response.status_code == 400:
            try:
                answer = response.json()
                detail = "; ".join([answer.get("message", ""), *answer.get("errors", [])])
            except (ValueError, AttributeError, TypeError):
                detail = ""
        raise_for_status(response, "PagerDuty", detail)
        try:
            dedup_key = str(response.json().get("dedup_key") or "")
        except (ValueError, AttributeError):
            dedup_key = ""
        return SendResult(external_id=dedup_key or message.dedup_key)
