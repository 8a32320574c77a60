"""Opsgenie Alert API: create, acknowledge, close by alias (the incident's dedup key).

The base URL is configurable, so the same driver follows a team to the EU instance
or to a successor service that keeps the Alert API.
https://docs.opsgenie.com/docs/alert-api"""

from typing import Any
from urllib.parse import quote

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

_PRIORITY = {"critical": "P1", "warning": "P3", "info": "P5"}


class OpsgenieConfig(DriverConfig):
    api_key: str = Secret(min_length=8, description="API key of an API integration")
    base_url: SafeHTTPURL = Field(
        "https://api.opsgenie.com", description="EU: https://api.eu.opsgenie.com"
    )
    tags: list[str] = Field(default_factory=list, max_length=20)
    team: str = ""


class OpsgenieDriver(Driver):
    slug = "opsgenie"
    label = "Opsgenie (Alert API)"
    Config = OpsgenieConfig
    overridable = frozenset({"tags", "team"})

    def request(self, message: Notification) -> tuple[str, dict[str, Any]]:
        base = f"{self.config.base_url.rstrip('/')}/v2/alerts"
        if message.status == "firing":
            body: dict[str, Any] = {
                "message": message.title[:130],
                "description": "\n".join(body_lines(message))[:15000],
                "priority": _PRIORITY[message.severity],
                "source": "Vigil",
                "details": dict(message.fields),
                "tags": list(self.config.tags),
            }
            if message.dedup_key:
                body["alias"] = message.dedup_key[:512]
            if self.config.team:
                body["responders"] = [{"type": "team", "name": self.config.team}]
            return base, body
        if not message.dedup_key:
            raise NotifyError(
                f"Opsgenie cannot mark an alert {message.status} without its alias (dedup_key)",
                permanent=True,
            )
        action = "acknowledge" if message.status == "acknowledged" else "close"
        url = f"{base}/{quote(message.dedup_key[:512], safe='')}/{action}?identifierType=alias"
        return url, {"source": "Vigil", "note": message.title[:25000]}

    def send(self, message: Notification) -> SendResult:
        url, body = self.request(message)
        headers = {"Authorization": f"GenieKey {self.config.api_key}"}
        response = post_json(url, body, headers=headers)
        detail = ""
        if response.status_code >= 400:
            try:
                detail = str(response.json().get("message", ""))[:200]
            except (ValueError, AttributeError):
                detail = ""
        raise_for_status(response, "Opsgenie", detail)
        try:
            request_id = str(response.json().get("requestId") or "")
        except (ValueError, AttributeError):
            request_id = ""
        return SendResult(external_id=request_id)
