"""What every notify driver shares: config declaration, errors, HTTP, formatting.

A driver module holds only what is specific to its vendor: its Config model, how it
shapes a Notification into the vendor's payload, and how it reads the vendor's answer.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from vigil.core.retry import RetryableError, classify_answer
from vigil.core.security import http
from vigil.core.security.redact import MASK, redact, redact_text
from vigil.core.security.urls import UnsafeURLError, validate_safe_url
from vigil.notify.message import Notification
from vigil.notify.templating import TemplateError, TemplateRef, check_template, render_template

SEVERITY_COLORS = {"critical": "#d62728", "warning": "#ff9f0a", "info": "#1f77b4"}
RESOLVED_COLOR = "#2ca02c"
STATUS_LABELS = {"firing": "FIRING", "acknowledged": "ACKNOWLEDGED", "resolved": "RESOLVED"}


class NotifyError(RetryableError):
    """A delivery failed. `permanent`: retrying cannot help (bad config, 4xx);
    `retry_after`: the vendor asked us to wait that many seconds."""


def Secret(default: Any = ..., **kwargs: Any) -> Any:
    """A config field that is a credential: masked in API, admin and logs."""
    extra = {"secret": True, "writeOnly": True, **kwargs.pop("json_schema_extra", {})}
    if "default_factory" in kwargs:
        return Field(json_schema_extra=extra, **kwargs)
    return Field(default, json_schema_extra=extra, **kwargs)


class DriverConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @classmethod
    def secret_fields(cls) -> list[str]:
        return [
            name
            for name, info in cls.model_fields.items()
            if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("secret")
        ]


def form_only_resolver(host: str, port: int) -> list[str]:
    # Saving a channel checks the URL's form and any literal address; host names are
    # resolved and checked when sending (a DNS answer at save time proves nothing later,
    # and an offline admin must still be able to save). Never connected to.
    return ["1.1.1.1"]


def _check_url(value: str) -> str:
    try:
        validate_safe_url(value, resolver=form_only_resolver)
    except UnsafeURLError as exc:
        raise ValueError(str(exc)) from None
    return value


# A URL config field: refused at save time when its form or literal address is unsafe.
SafeHTTPURL = Annotated[str, AfterValidator(_check_url)]


class WebhookURLConfig(DriverConfig):
    url: SafeHTTPURL = Secret(description="the webhook URL (it is the credential: kept secret)")


@dataclass
class SendResult:
    # The vendor's id for what was created (message id, dedup key), when it gives one.
    external_id: str = ""
    # Config changes the vendor told us to make (Telegram: the chat migrated).
    config_updates: dict[str, Any] = field(default_factory=dict)
    detail: str = ""


class Driver:
    slug: ClassVar[str]
    label: ClassVar[str]
    Config: ClassVar[type[DriverConfig]] = DriverConfig
    # Minimum seconds between two messages to the same destination (rate_key).
    min_interval: ClassVar[float] = 0.0
    # Config keys a pipeline run may override. Never a secret, a URL or a host: stored
    # credentials must not be sent where a caller chooses.
    overridable: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, config: DriverConfig):
        self.config = config

    @classmethod
    def from_config(cls, data: Mapping[str, Any]) -> "Driver":
        return cls(validate_config(cls, data))

    def send(self, message: Notification) -> SendResult:
        raise NotImplementedError

    def rate_key(self) -> str:
        """What the rate limit counts per: the destination; '' means per channel."""
        return ""

    def render(self, template: TemplateRef | None, message: Notification, default: str) -> str:
        if template is None:
            return default
        try:
            return render_template(template, template_context(message))
        except TemplateError as exc:
            raise NotifyError(f"template: {exc}", permanent=True) from None


def validate_config(driver: type[Driver], data: Mapping[str, Any]) -> DriverConfig:
    """Validate a driver config; the error names each bad field, never its value."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"config for {driver.slug!r} must be an object")
    try:
        return driver.Config.model_validate(dict(data))
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(exc)) from None


class ConfigError(ValueError):
    pass


def describe_validation_error(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors(include_input=False, include_url=False):
        where = ".".join(str(p) for p in err.get("loc", ())) or "config"
        parts.append(f"{where}: {redact_text(err.get('msg', 'invalid'))}")
    return "; ".join(parts)


def mask_secret(value: Any) -> Any:
    if value is None or value == "" or isinstance(value, bool):
        return value
    if isinstance(value, Mapping):
        return {key: mask_secret(item) for key, item in value.items()}
    if isinstance(value, list):
        return [mask_secret(item) for item in value]
    text = str(value)
    if text.startswith(("http://", "https://")):
        host = urlsplit(text).hostname or ""
        return f"{text.split(':', 1)[0]}://{host}/{MASK}"
    # The last four characters let a person tell two tokens apart; short ones show none.
    return f"{MASK}{text[-4:]}" if len(text) >= 16 else MASK


def masked_config(driver: type[Driver], config: Mapping[str, Any]) -> dict[str, Any]:
    secrets = set(driver.Config.secret_fields())
    return {
        key: mask_secret(value) if key in secrets else redact({key: value})[key]
        for key, value in config.items()
    }


def merge_masked(
    driver: type[Driver], old: Mapping[str, Any], new: Mapping[str, Any]
) -> dict[str, Any]:
    """An edit form sends masked secrets back unchanged: keep the stored value then.

    Unless the destination changed (a base URL, a host): then a kept secret would follow
    it somewhere new, so it must be typed again."""
    merged = dict(new)
    kept = []
    for name in driver.Config.secret_fields():
        if name in old and name in new:
            merged[name] = _unmask(old[name], new[name])
            if _restored(old[name], new[name]):
                kept.append(name)
    moved = [
        name
        for name in driver.Config.model_fields
        if name.endswith(("url", "host")) and old.get(name) != merged.get(name)
    ]
    if kept and moved:
        raise ConfigError(
            f"{', '.join(moved)} changed: type {', '.join(kept)} again, so a stored secret "
            "is never sent to a new destination unseen"
        )
    return merged


def _restored(old: Any, new: Any) -> bool:
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return any(_restored(old[key], value) for key, value in new.items() if key in old)
    return new != old and new == mask_secret(old)


def _unmask(old: Any, new: Any) -> Any:
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        # Per key, so one header can change while the others stay masked.
        return {key: _unmask(old[key], value) if key in old else value
                for key, value in new.items()}  # fmt: skip
    return old if new == mask_secret(old) else new


def template_context(message: Notification) -> dict[str, Any]:
    data = message.to_dict()
    data["status_label"] = STATUS_LABELS[message.status]
    data["color"] = color_for(message)
    return {"message": data, **data}


def color_for(message: Notification) -> str:
    return RESOLVED_COLOR if message.status == "resolved" else SEVERITY_COLORS[message.severity]


def headline(message: Notification) -> str:
    return f"[{STATUS_LABELS[message.status]}] [{message.severity.upper()}] {message.title}"


def body_lines(message: Notification) -> list[str]:
    lines = [message.text] if message.text else []
    if message.analysis_summary:
        lines.append(f"Analysis: {message.analysis_summary}")
    lines += [f"{label}: {url}" for label, url in message.links.items()]
    return lines


def plain_text(message: Notification) -> str:
    lines = [headline(message), *body_lines(message)]
    lines += [f"{key}: {value}" for key, value in message.fields.items()]
    if message.url:
        lines.append(message.url)
    return "\n".join(lines)


def post_json(
    url: str,
    payload: Any,
    *,
    headers: Mapping[str, str] | None = None,
    method: str = "POST",
    content: bytes | None = None,
    scrub: tuple[str, ...] = (),
) -> http.SafeResponse:
    """Send through the one outbound client; vendor errors become NotifyError.

    `scrub`: secrets inside the URL that the generic redaction may not recognise (a bot
    token on a self-hosted Bot API server); they never reach the stored error."""
    body = content if content is not None else json.dumps(payload).encode()
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    try:
        response = http.request(
            method, url, content=body, headers=all_headers, follow_redirects=False
        )
    except http.OutboundHTTPError as exc:
        message = str(exc)
        for secret in scrub:
            message = message.replace(secret, MASK)
        raise NotifyError(message, permanent=exc.permanent) from None
    return response


def raise_for_status(response: http.SafeResponse, vendor: str, detail: str = "") -> None:
    if response.status_code < 300:
        return
    code = response.status_code
    verdict = classify_answer(code, response.headers)
    snippet = detail or redact_text(response.text.strip()[:200])
    message = f"{vendor} answered HTTP {code}" + (f": {snippet}" if snippet else "")
    raise NotifyError(message, permanent=verdict.permanent, retry_after=verdict.retry_after)


def _check_template(value: Any) -> Any:
    if value is None:
        return None
    try:
        check_template(value)
    except TemplateError as exc:
        raise ValueError(str(exc)) from None
    return value


# A config field naming a template (a name, or {"type": "inline", "source": "..."}).
TemplateField = Annotated[str | dict[str, str] | None, AfterValidator(_check_template)]


def digest(value: str) -> str:
    """A short stable id for a secret, for rate-limit keys: never the secret itself."""
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def chat_attachment(message: Notification, text: str) -> dict[str, Any]:
    """Slack's attachment format, which Mattermost reads as well."""
    attachment: dict[str, Any] = {
        "fallback": headline(message),
        "color": color_for(message),
        "title": headline(message)[:250],
        "text": text,
        "fields": [
            {"title": key, "value": value, "short": len(value) < 40}
            for key, value in message.fields.items()
        ],
        "footer": f"Vigil · {message.source}",
    }
    if message.url:
        attachment["title_link"] = message.url
    return attachment
