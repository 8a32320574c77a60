"""Any HTTP endpoint: JSON body (the message, or a template), signed when given a secret.

Receivers verify `X-Vigil-Signature: t=<ts>,sha256=<hex>`, an HMAC-SHA256 of
"<ts>.<body>" with the shared secret (vigil.core.signing.verify does it in Python), and
may drop a repeat by its `Idempotency-Key`."""

import json
import re
from typing import Literal

from pydantic import field_validator

from vigil.core.signing import SIGNATURE_HEADER, sign
from vigil.notify.drivers.base import (
    Driver,
    DriverConfig,
    NotifyError,
    SafeHTTPURL,
    Secret,
    SendResult,
    TemplateField,
    post_json,
    raise_for_status,
    template_context,
)
from vigil.notify.message import Notification
from vigil.notify.templating import TemplateError, render_template

_HEADER_NAME = re.compile(r"[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}")
# The same value on every attempt of one (run, channel) delivery: a receiver that has
# seen it already has this message.
IDEMPOTENCY_HEADER = "Idempotency-Key"
_RESERVED = {"host", "content-length", "transfer-encoding", "connection",
             SIGNATURE_HEADER.lower(), IDEMPOTENCY_HEADER.lower()}  # fmt: skip


class WebhookConfig(DriverConfig):
    url: SafeHTTPURL = Secret(description="where to send; may carry a token, so kept secret")
    method: Literal["POST", "PUT", "PATCH"] = "POST"
    headers: dict[str, str] = Secret(
        default_factory=dict,
        max_length=20,
        description="extra headers, e.g. Authorization (kept secret)",
    )
    secret: str = Secret("", description="signs each body: X-Vigil-Signature")
    body_template: TemplateField = None

    @field_validator("headers")
    @classmethod
    def _valid_headers(cls, headers: dict[str, str]) -> dict[str, str]:
        for name, value in headers.items():
            if not _HEADER_NAME.fullmatch(name):
                raise ValueError(f"header name {name[:64]!r} is not a valid HTTP token")
            if name.lower() in _RESERVED:
                raise ValueError(f"header {name!r} is set by Vigil and cannot be overridden")
            if any(ch in value for ch in "\r\n\x00"):
                raise ValueError(f"header {name!r} contains a line break or NUL")
        return headers


class WebhookDriver(Driver):
    slug = "webhook"
    label = "Webhook (JSON over HTTP, signed)"
    Config = WebhookConfig

    def body(self, message: Notification) -> bytes:
        if self.config.body_template is None:
            data = {"event": "vigil.notification", **message.to_dict()}
            return json.dumps(data, ensure_ascii=False).encode()
        try:
            rendered = render_template(self.config.body_template, template_context(message))
        except TemplateError as exc:
            raise NotifyError(f"body_template: {exc}", permanent=True) from None
        try:
            json.loads(rendered)
        except ValueError as exc:
            raise NotifyError(
                f"body_template did not render valid JSON ({exc.__class__.__name__}: {exc}); "
                "use the tojson filter for values",
                permanent=True,
            ) from None
        return rendered.encode()

    def send(self, message: Notification) -> SendResult:
        body = self.body(message)
        headers = dict(self.config.headers)
        if self.idempotency_key:
            headers[IDEMPOTENCY_HEADER] = self.idempotency_key
        if self.config.secret:
            headers[SIGNATURE_HEADER] = sign(self.config.secret, body)
        response = post_json(self.config.url, None, content=body, headers=headers,
                             method=self.config.method)  # fmt: skip
        raise_for_status(response, "the webhook endpoint")
        return SendResult()
