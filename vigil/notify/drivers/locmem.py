"""An in-process outbox, like Django's locmem email backend: for tests and demos.

`outbox` collects what was sent; `fail` makes the driver fail the way a vendor does,
so retries, backoff and channel disabling can be exercised without a network."""

import time
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field

from vigil.notify.drivers.base import Driver, DriverConfig, NotifyError, SendResult, plain_text
from vigil.notify.message import Notification


@dataclass
class SentMessage:
    channel_label: str
    message: Notification
    text: str
    sent_at: float = field(default_factory=time.time)  # to see a rate limit at work


outbox: list[SentMessage] = []
# Oldest messages are dropped past this: a long-running demo must not grow without end.
MAX_OUTBOX = 1000


class LocmemConfig(DriverConfig):
    label: str = Field("", description="recorded with each message, to tell channels apart")
    fail: Literal["", "transient", "permanent"] = ""
    retry_after: float | None = Field(None, ge=0)


class LocmemDriver(Driver):
    slug = "locmem"
    label = "In-memory outbox (tests)"
    Config = LocmemConfig
    overridable = frozenset({"label", "fail", "retry_after"})

    def send(self, message: Notification) -> SendResult:
        if self.config.fail:
            raise NotifyError(
                f"locmem: simulated {self.config.fail} failure",
                permanent=self.config.fail == "permanent",
                retry_after=self.config.retry_after,
            )
        outbox.append(SentMessage(self.config.label, message, plain_text(message)))
        del outbox[:-MAX_OUTBOX]
        return SendResult(external_id=str(len(outbox)))


def clear() -> None:
    outbox.clear()
