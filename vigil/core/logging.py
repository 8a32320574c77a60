"""Structured logging: trace/run context on every record, optional JSON lines."""

import contextvars
import json
import logging
import re
from contextlib import contextmanager
from datetime import UTC, datetime

_trace_id: contextvars.ContextVar[str] = contextvars.ContextVar("trace_id", default="-")
_run_id: contextvars.ContextVar[str] = contextvars.ContextVar("run_id", default="-")


@contextmanager
def log_context(*, trace_id: str | None = None, run_id: str | None = None):
    """Attach trace_id/run_id to every record logged inside the block."""
    tokens = []
    if trace_id is not None:
        tokens.append((_trace_id, _trace_id.set(str(trace_id))))
    if run_id is not None:
        tokens.append((_run_id, _run_id.set(str(run_id))))
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.trace_id = getattr(record, "trace_id", None) or _trace_id.get()
        record.run_id = getattr(record, "run_id", None) or _run_id.get()
        return True


class DisallowedHostFilter(logging.Filter):
    """A request for a host name Vigil does not serve is a configuration matter, not a
    crash: one line naming the variable to set (Django's own says ALLOWED_HOSTS, the
    setting, with a traceback), at WARNING."""

    HINT = " (comma-separated, in the environment or .env)"

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.endswith(self.HINT):  # a record may pass through twice
            message = re.sub(r"(?<!DJANGO_)ALLOWED_HOSTS", "DJANGO_ALLOWED_HOSTS", message)
            record.msg, record.args = message + self.HINT, None
        record.exc_info = record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            # exc_text is the redacted rendering the RedactingFilter left on the record.
            entry["exc_info"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
