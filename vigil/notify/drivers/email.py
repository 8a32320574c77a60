"""Email over SMTP: STARTTLS or implicit TLS, AUTH, text and HTML parts, several recipients.

The SMTP host is checked like any outbound URL (no private addresses unless allowed in
SSRF_ALLOWED_HOSTS) and the connection goes to the address that was checked; TLS still
verifies the certificate against the host name."""

import html
import smtplib
import socket
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from pydantic import Field, field_validator, model_validator

from vigil.core.security.urls import UnsafeURLError, validate_safe_host
from vigil.notify.drivers.base import (
    Driver,
    DriverConfig,
    NotifyError,
    Secret,
    SendResult,
    TemplateField,
    body_lines,
    color_for,
    digest,
    form_only_resolver,
    headline,
    plain_text,
    template_context,
)
from vigil.notify.message import Notification
from vigil.notify.templating import TemplateError, render_template


def _address(value: str) -> str:
    try:
        validate_email(value)
    except DjangoValidationError:
        raise ValueError(f"{value[:100]!r} is not an email address") from None
    return value


class EmailConfig(DriverConfig):
    host: str = Field(min_length=1, max_length=253)
    port: int = Field(587, ge=1, le=65535)
    security: Literal["starttls", "tls", "none"] = "starttls"
    username: str = ""
    password: str = Secret("")
    from_address: str
    to: list[str] = Field(min_length=1, max_length=50)
    subject_prefix: str = "[Vigil]"
    tls_ca_pem: str = Field("", description="PEM of a private CA to trust instead of the system's")
    timeout: float = Field(10.0, gt=0, le=120)
    template: TemplateField = None
    html_template: TemplateField = None

    _from = field_validator("from_address")(classmethod(lambda cls, v: _address(v)))

    @field_validator("to")
    @classmethod
    def _recipients(cls, values: list[str]) -> list[str]:
        return [_address(v) for v in values]

    @model_validator(mode="after")
    def _safe_host_and_auth(self) -> "EmailConfig":
        try:
            validate_safe_host(self.host, self.port, resolver=form_only_resolver)
        except UnsafeURLError as exc:
            raise ValueError(str(exc)) from None
        if self.username and self.security == "none":
            raise ValueError("AUTH over an unencrypted connection would send the password "
                             "in clear; use security starttls or tls")  # fmt: skip
        if self.tls_ca_pem and "BEGIN CERTIFICATE" not in self.tls_ca_pem:
            raise ValueError("tls_ca_pem must be a PEM certificate")
        return self


class _PinnedSMTP(smtplib.SMTP):
    """Connects to the validated address, speaks to (and verifies TLS for) the host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        self._address = address
        super().__init__(host, port, timeout=timeout)

    def _get_socket(self, host, port, timeout):
        return socket.create_connection((self._address, port), timeout)


class _PinnedSMTPSSL(smtplib.SMTP_SSL):
    def __init__(self, host: str, port: int, address: str, timeout: float, context):
        self._address = address
        super().__init__(host, port, timeout=timeout, context=context)

    def _get_socket(self, host, port, timeout):
        sock = socket.create_connection((self._address, port), timeout)
        return self.context.wrap_socket(sock, server_hostname=host)


def _html(message: Notification) -> str:
    esc = html.escape
    rows = "".join(
        f"<tr><th align='left'>{esc(k)}</th><td>{esc(v)}</td></tr>"
        for k, v in message.fields.items()
    )
    paragraphs = "".join(f"<p>{esc(line)}</p>" for line in body_lines(message))
    link = f"<p><a href='{esc(message.url)}'>Open incident</a></p>" if message.url else ""
    return (f"<html><body><h2 style='color:{color_for(message)}'>{esc(headline(message))}</h2>"
            f"{paragraphs}<table>{rows}</table>{link}</body></html>")  # fmt: skip


def _login(client: smtplib.SMTP, username: str, password: str) -> None:
    # One mechanism, not smtplib's try-them-all: a wrong password is then one clear 535
    # instead of a second attempt that some servers answer by hanging up or stalling.
    offered = client.esmtp_features.get("auth", "").upper().split()
    methods = {"PLAIN": client.auth_plain, "LOGIN": client.auth_login}
    mechanism = next((m for m in methods if m in offered), None)
    if mechanism is None:
        raise smtplib.SMTPNotSupportedError(
            f"the server offers no AUTH mechanism Vigil speaks (PLAIN, LOGIN): {offered or 'none'}"
        )
    client.user, client.password = username, password
    client.auth(mechanism, methods[mechanism])


class EmailDriver(Driver):
    slug = "email"
    label = "Email (SMTP)"
    Config = EmailConfig
    overridable = frozenset({"subject_prefix"})

    def build(self, message: Notification) -> EmailMessage:
        config = self.config
        email = EmailMessage()
        subject = f"{config.subject_prefix} {headline(message)}".strip()
        email["Subject"] = " ".join(subject.split())[:250]  # no line breaks: header injection
        email["From"] = config.from_address
        email["To"] = ", ".join(config.to)
        email["Date"] = formatdate(localtime=False)
        # Stable per delivery, so a repeated attempt is the same message to mail systems
        # that deduplicate by Message-ID.
        email["Message-ID"] = (
            f"<{digest(self.idempotency_key)}@vigil.local>"
            if self.idempotency_key
            else make_msgid(domain="vigil.local")
        )
        try:
            context = template_context(message)
            text = (render_template(config.template, context) if config.template
                    else plain_text(message))  # fmt: skip
            page = (render_template(config.html_template, context) if config.html_template
                    else _html(message))  # fmt: skip
        except TemplateError as exc:
            raise NotifyError(f"template: {exc}", permanent=True) from None
        email.set_content(text)
        email.add_alternative(page, subtype="html")
        return email

    def send(self, message: Notification) -> SendResult:
        config = self.config
        try:
            safe = validate_safe_host(config.host, config.port)
        except UnsafeURLError as exc:
            raise NotifyError(str(exc), permanent=True) from None
        email = self.build(message)
        context = ssl.create_default_context(cadata=config.tls_ca_pem or None)
        where = f"SMTP {safe.host}:{config.port}"
        try:
            refused = self._deliver(safe, context, email)
        except smtplib.SMTPAuthenticationError as exc:
            raise NotifyError(
                f"{where}: authentication failed ({exc.smtp_code})", permanent=True
            ) from None
        except smtplib.SMTPRecipientsRefused as exc:
            codes = ", ".join(f"{rcpt} ({code})" for rcpt, (code, _) in exc.recipients.items())
            raise NotifyError(
                f"{where}: every recipient refused: {codes}", permanent=True
            ) from None
        except smtplib.SMTPNotSupportedError as exc:
            raise NotifyError(
                f"{where}: {exc} (try security 'tls' or another port)", permanent=True
            ) from None
        except smtplib.SMTPResponseException as exc:
            text = (
                exc.smtp_error.decode(errors="replace")
                if isinstance(exc.smtp_error, bytes)
                else str(exc.smtp_error)
            )
            raise NotifyError(
                f"{where}: {exc.smtp_code} {text[:200]}", permanent=exc.smtp_code >= 500
            ) from None
        except ssl.SSLCertVerificationError as exc:
            raise NotifyError(f"{where}: TLS certificate not trusted ({exc.verify_message}); "
                              "set tls_ca_pem for a private CA", permanent=True) from None  # fmt: skip
        except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
            raise NotifyError(
                f"{where}: {exc.__class__.__name__}: {str(exc)[:200]}", permanent=False
            ) from None
        detail = f"refused: {', '.join(sorted(refused))}" if refused else ""
        return SendResult(external_id=email["Message-ID"], detail=detail)

    def _deliver(self, safe, context: ssl.SSLContext, email: EmailMessage) -> dict:
        config = self.config
        error: OSError | None = None
        for address in safe.addresses:
            try:
                if config.security == "tls":
                    client = _PinnedSMTPSSL(
                        safe.host, config.port, str(address), config.timeout, context
                    )
                else:
                    client = _PinnedSMTP(safe.host, config.port, str(address), config.timeout)
            except (TimeoutError, ConnectionError) as exc:
                error = exc  # the host's next validated address
                continue
            with client:
                client.ehlo()
                if config.security == "starttls":
                    client.starttls(context=context)
                    client.ehlo()
                if config.username:
                    _login(client, config.username, config.password)
                return client.send_message(email)
        assert error is not None
        raise error
