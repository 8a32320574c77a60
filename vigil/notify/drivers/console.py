"""Prints each notification: for development, demos and `vigil test_notify`."""

import sys
from typing import Literal

from vigil.notify.drivers.base import Driver, DriverConfig, SendResult, plain_text
from vigil.notify.message import Notification


class ConsoleConfig(DriverConfig):
    stream: Literal["stdout", "stderr"] = "stdout"


class ConsoleDriver(Driver):
    slug = "console"
    label = "Console (prints the message)"
    Config = ConsoleConfig
    overridable = frozenset({"stream"})

    def send(self, message: Notification) -> SendResult:
        stream = sys.stdout if self.config.stream == "stdout" else sys.stderr
        stream.write(f"{'-' * 60}\n{plain_text(message)}\n{'-' * 60}\n")
        stream.flush()
        return SendResult()
