"""What /readyz asks. The database and the cache are core's; higher apps add their own
checks at start-up (register), as orchestration does for its worker and queue."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Check:
    state: str  # "ok", or what is wrong: "unavailable", "gone", …
    # False: this server cannot do its work (503). A cache outage is not such a thing.
    ready: bool = True
    detail: dict = field(default_factory=dict)


_CHECKS: dict[str, Callable[[], Check | None]] = {}


def register(name: str, check: Callable[[], Check | None]) -> None:
    """`check` returns None when it does not apply to this process."""
    _CHECKS[name] = check


def registered() -> dict[str, Callable[[], Check | None]]:
    return dict(_CHECKS)
