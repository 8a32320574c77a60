"""Telegram Bot API sendMessage, HTML parse mode. https://core.telegram.org/bots/api

Through our HTTP client rather than a bot library: one request, whose every byte the
tests can assert. Follows a group that became a supergroup (migrate_to_chat_id) and
honours retry_after."""

import html
import re
from typing import Any

from pydantic import Field, field_validator

from vigil.core.retry import classify_answer, retry_after_seconds, transient_status
from vigil.notify import hooks
from vigil.notify.drivers.base import (
    Driver,
    DriverConfig,
    NotifyError,
    SafeHTTPURL,
    Secret,
    SendResult,
    TemplateField,
    digest,
    headline,
    post_json,
)
from vigil.notify.message import Notification
from vigil.notify.telegram_html import MAX_LENGTH, truncate_html, utf16_len

__all__ = ["MAX_LENGTH", "TelegramConfig", "TelegramDriver", "truncate_html", "utf16_len"]

_TOKEN = re.compile(r"[0-9]{5,16}:[A-Za-z0-9_-]{30,64}")
_CHAT = re.compile(r"-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31}")


class TelegramConfig(DriverConfig):
    bot_token: str = Secret(description="from @BotFather: 123456789:AA…")
    chat_id: str = Field(description="numeric chat id (groups are negative) or @channelname")
    message_thread_id: int | None = Field(None, description="topic of a forum supergroup")
    disable_notification: bool = False
    api_base_url: SafeHTTPURL = Field(
        "https://api.telegram.org", description="a local Bot API server, if you run one"
    )
    template: TemplateField = None

    @field_validator("bot_token")
    @classmethod
    def _token(cls, value: str) -> str:
        if not _TOKEN.fullmatch(value):
            raise ValueError("not a bot token (expected <digits>:<30+ characters> from @BotFather)")
        return value

    @field_validator("chat_id", mode="before")
    @classmethod
    def _chat(cls, value: Any) -> str:
        text = str(value).strip()
        if not _CHAT.fullmatch(text):
            raise ValueError("chat_id must be a number (e.g. -1001234567890) or @channelname")
        return text


def format_html(message: Notification) -> str:
    esc = html.escape
    lines = [f"<b>{esc(headline(message), quote=False)}</b>"]
    if message.text:
        lines.append(esc(message.text, quote=False))
    if message.analysis_summary:
        lines.append(f"<i>Analysis:</i> {esc(message.analysis_summary, quote=False)}")
    lines += [
        f"<b>{esc(k, quote=False)}:</b> {esc(v, quote=False)}" for k, v in message.fields.items()
    ]
    links = [(label, url) for label, url in message.links.items()]
    if message.url:
        links.append(("Open incident", message.url))
    if links:
        lines.append(
            " · ".join(
                f'<a href="{esc(url, quote=True)}">{esc(label, quote=False)}</a>'
                for label, url in links
            )  # fmt: skip
        )
    return "\n".join(lines)


class TelegramDriver(Driver):
    slug = "telegram"
    label = "Telegram (bot)"
    Config = TelegramConfig
    min_interval = 1.0  # Telegram: about one message per second per chat
    overridable = frozenset({"message_thread_id", "disable_notification"})

    def rate_key(self) -> str:
        return f"telegram:{digest(self.config.bot_token)}:{self.config.chat_id}"

    def body(self, message: Notification, chat_id: str) -> dict[str, Any]:
        text = self.render(self.config.template, message, format_html(message))
        body: dict[str, Any] = {
            "chat_id": int(chat_id) if chat_id.lstrip("-").isdigit() else chat_id,
            "text": truncate_html(text),
            "parse_mode": "HTML",
            "link_preview_options": {"is_disabled": True},
        }
        if self.config.message_thread_id is not None:
            body["message_thread_id"] = self.config.message_thread_id
        if self.config.disable_notification:
            body["disable_notification"] = True
        # The bot's Acknowledge/Resolve buttons, when it registered them (vigil.bot).
        markup = hooks.telegram_buttons(message, self.config)
        if markup:
            body["reply_markup"] = markup
        return body

    def send(self, message: Notification) -> SendResult:
        chat_id = self.config.chat_id
        answer = self._send(message, chat_id)
        updates: dict[str, Any] = {}
        migrated = (answer.get("parameters") or {}).get("migrate_to_chat_id")
        if not answer.get("ok") and migrated:
            # The group became a supergroup with a new id: store it and resend there.
            chat_id = str(migrated)
            updates["chat_id"] = chat_id
            answer = self._send(message, chat_id)
        if not answer.get("ok"):
            raise self._error(answer)
        message_id = (answer.get("result") or {}).get("message_id", "")
        return SendResult(external_id=str(message_id), config_updates=updates)

    def _send(self, message: Notification, chat_id: str) -> dict[str, Any]:
        url = f"{self.config.api_base_url.rstrip('/')}/bot{self.config.bot_token}/sendMessage"
        response = post_json(url, self.body(message, chat_id), scrub=(self.config.bot_token,))
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            verdict = classify_answer(response.status_code, response.headers)
            raise NotifyError(f"Telegram answered HTTP {response.status_code} without JSON",
                              permanent=verdict.permanent,
                              retry_after=verdict.retry_after)  # fmt: skip
        answer.setdefault("error_code", response.status_code)
        return answer

    @staticmethod
    def _error(answer: dict[str, Any]) -> NotifyError:
        code = answer.get("error_code")
        description = str(answer.get("description") or "no description")[:300]
        wait = (answer.get("parameters") or {}).get("retry_after")
        return NotifyError(
            f"Telegram error {code}: {description}",
            permanent=not (isinstance(code, int) and transient_status(code)),
            retry_after=retry_after_seconds(wait),
        )
