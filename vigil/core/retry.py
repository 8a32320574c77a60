"""Is this failure worth retrying, and when: one answer for every outbound call.

Each family of failures (a delivery, an analysis, a check, a hub push, a stage, an
outbound request) raises its own subclass of `RetryableError`, so a caller can catch
its family; whether a retry can help is always the same `permanent` flag, an HTTP
answer is always classified by `classify_answer`, and a retry is always scheduled by
`backoff_seconds`.
"""

import email.utils
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

# Longest Retry-After we honour; a vendor asking for more is treated as a day.
MAX_RETRY_AFTER = 86_400.0


class RetryableError(Exception):
    """A failure; `permanent`: retrying cannot help (bad config, a 4xx answer).
    `retry_after`: seconds the other side asked us to wait, when it said."""

    permanent = False

    def __init__(
        self, message: str, *, permanent: bool | None = None, retry_after: float | None = None
    ):
        super().__init__(message)
        if permanent is not None:
            self.permanent = permanent
        self.retry_after = retry_after


def transient_status(status: int) -> bool:
    """Whether an error answer with this status may succeed later: 408, 425, 429 and
    5xx may; any other 4xx, and a redirect not followed, will not. A status that is no
    HTTP answer (an SDK's 0 or -1 for a dropped connection) counts as transient."""
    return not 300 <= status < 500 or status in (408, 425, 429)


@dataclass(frozen=True)
class Verdict:
    permanent: bool
    retry_after: float | None


def classify_answer(status: int, headers: Mapping[str, str] | None = None) -> Verdict:
    """What an HTTP error answer says about retrying: its status and Retry-After."""
    value = (headers or {}).get("Retry-After") if headers is not None else None
    return Verdict(not transient_status(status), retry_after_seconds(value))


def retry_after_seconds(value: str | float | int | None) -> float | None:
    """A Retry-After value (seconds, or an HTTP date; a JSON body's number) as seconds
    from now, between 0 and MAX_RETRY_AFTER; None when absent or unreadable."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        text = value.strip()
        try:
            seconds = float(text)
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(text)
            except (TypeError, ValueError):
                return None
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            seconds = (when - datetime.now(UTC)).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def backoff_seconds(
    attempt: int, *, base: float, ceiling: float, retry_after: float | None = None
) -> float:
    """Exponential (base doubling per attempt, at most `ceiling`) with jitter between
    half and the whole step, so that many retries do not align; never sooner than the
    other side asked (`retry_after`)."""
    step = min(float(ceiling), float(base) * 2 ** max(attempt - 1, 0))
    delay = random.uniform(step / 2, step)  # noqa: S311 - jitter, not a secret
    return max(delay, retry_after or 0.0)
