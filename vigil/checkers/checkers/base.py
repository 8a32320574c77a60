"""What every checker shares: the result type, thresholds, options and the base class.

A checker module holds only what is specific to its check. It reads the machine through
`self.probe`, its limits through `self.limits` and its targets through
`self.ctx.value(...)`, and returns one CheckResult per target.
"""

import re
import socket
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any, ClassVar

from django.conf import settings

from vigil.checkers.probe import Probe, default_probe
from vigil.core.retry import RetryableError


class Status(StrEnum):
    OK = "ok"
    WARNING = "warning"
    CRITICAL = "critical"
    UNKNOWN = "unknown"

    @property
    def code(self) -> int:
        # The Nagios plugin convention, also used for vigil_check_status in Prometheus.
        return {"ok": 0, "warning": 1, "critical": 2, "unknown": 3}[self.value]


# How bad a status is when results are summarised. A machine without sensors or RAID
# reports those checks unknown; that must not hide that everything measured is fine,
# so the summary is unknown only when nothing could be measured at all.
SEVERITY = {Status.UNKNOWN: 0, Status.OK: 1, Status.WARNING: 2, Status.CRITICAL: 3}


def worst(statuses) -> Status:
    return max(statuses, key=SEVERITY.__getitem__, default=Status.UNKNOWN)


@dataclass
class CheckResult:
    check: str
    status: Status
    message: str
    target: str = ""
    metrics: dict[str, Any] = field(default_factory=dict)
    thresholds: dict[str, Any] = field(default_factory=dict)
    duration_ms: float = 0.0

    @property
    def name(self) -> str:
        return self.check

    def to_dict(self) -> dict[str, Any]:
        # Written out rather than asdict(), whose generic deep copy was a tenth of a
        # worker's CPU under load (every run's check output); metrics and thresholds
        # are plain data and are copied, since results are shared between runs.
        return {
            "check": self.check,
            "status": str(self.status),
            "message": self.message,
            "target": self.target,
            "metrics": _copy(self.metrics),
            "thresholds": _copy(self.thresholds),
            "duration_ms": self.duration_ms,
            # The stage contract calls it "name", the hub payload "check": give both.
            "name": self.check,
        }


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_copy(item) for item in value)
    return value


class CheckerUnavailable(Exception):
    """The machine lacks what the check needs; the result is `unknown` with this reason."""


class CheckError(RetryableError):
    """A check could not be run as asked (bad option or threshold); permanent unless
    said otherwise (an unreachable hub)."""

    permanent = True


@dataclass
class CheckOptions:
    # None means "from settings": the setting OPTION_SETTINGS names.
    disk_paths: list[str] | None = None
    processes: list[str] | None = None
    hosts: list[str] | None = None
    ports_allowed: list[str] | None = None
    ports_loopback: bool | None = None
    tls_targets: list[str] | None = None
    tls_ca_file: str | None = None
    freshness: list[str] | None = None
    large_dirs_paths: list[str] | None = None
    # {"disk": {"warning": 70}}: applied after settings and the node's overrides.
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)
    node: str | None = None
    probe: Probe | None = None


# The setting each target option falls back to, written out so that a search finds it.
OPTION_SETTINGS = {
    "disk_paths": "CHECKER_DISK_PATHS",
    "processes": "CHECKER_PROCESSES",
    "hosts": "CHECKER_HOSTS",
    "ports_allowed": "CHECKER_PORTS_ALLOWED",
    "ports_loopback": "CHECKER_PORTS_LOOPBACK",
    "tls_targets": "CHECKER_TLS_TARGETS",
    "tls_ca_file": "CHECKER_TLS_CA_FILE",
    "freshness": "CHECKER_FRESHNESS",
    "large_dirs_paths": "CHECKER_LARGE_DIRS_PATHS",
}


def _as_options(options: "CheckOptions | dict | None") -> CheckOptions:
    # Callers outside this app (the orchestrator, the scheduler) may pass plain data.
    if options is None:
        return CheckOptions()
    if isinstance(options, CheckOptions):
        return options
    names = {item.name for item in fields(CheckOptions)}
    unknown = sorted(set(options) - names)
    if unknown:
        raise CheckError(f"unknown check option {unknown[0]!r}; valid: {', '.join(sorted(names))}")
    return CheckOptions(**options)


def node_name() -> str:
    return settings.VIGIL_NODE_NAME or socket.gethostname()


class CheckContext:
    def __init__(self, options: "CheckOptions | dict | None" = None):
        self.options = _as_options(options)
        self.probe = self.options.probe or default_probe()
        self.node = self.options.node or node_name()

    def value(self, name: str) -> Any:
        given = getattr(self.options, name)
        if given is not None:
            return given
        return getattr(settings, OPTION_SETTINGS[name])

    def thresholds(self, slug: str, defaults: dict[str, float]) -> dict[str, float]:
        per_node = _entry(settings.CHECKER_NODE_THRESHOLDS, self.node, "CHECKER_NODE_THRESHOLDS")
        merged = dict(defaults)
        for layer in (
            _entry(settings.CHECKER_THRESHOLDS, slug, "CHECKER_THRESHOLDS"),
            _entry(per_node, slug, f"CHECKER_NODE_THRESHOLDS[{self.node!r}]"),
            _entry(self.options.thresholds, slug, "thresholds"),
        ):
            for key, value in layer.items():
                if key not in defaults:
                    valid = ", ".join(defaults) or "none"
                    raise CheckError(f"unknown threshold {key!r} for {slug}; valid: {valid}")
                merged[key] = _number(slug, key, value)
        return merged


def _entry(table: Any, key: str, where: str) -> dict:
    if not isinstance(table, dict):
        raise CheckError(f"{where} must be a JSON object")
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise CheckError(f"{where}[{key!r}] must be a JSON object of limits")
    return value


def _number(slug: str, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise CheckError(f"threshold {slug}.{key}={value!r} is not a number")
    try:
        return float(value)
    except ValueError:
        raise CheckError(f"threshold {slug}.{key}={value!r} is not a number") from None


class Checker:
    slug: ClassVar[str]
    summary: ClassVar[str]
    defaults: ClassVar[dict[str, float]] = {}
    # The option (see CheckOptions) that must be configured for the default suite to
    # include this checker: a network check with no hosts has nothing to say.
    needs: ClassVar[str | None] = None
    in_default: ClassVar[bool] = True

    def __init__(self, ctx: CheckContext):
        self.ctx = ctx
        self.probe = ctx.probe
        self.limits = ctx.thresholds(self.slug, self.defaults)

    @classmethod
    def in_default_suite(cls, ctx: CheckContext) -> bool:
        if not cls.in_default:
            return False
        return (cls.needs is None or bool(ctx.value(cls.needs))) and cls.present(ctx)

    @classmethod
    def present(cls, ctx: CheckContext) -> bool:
        """Whether this machine has what the check looks at. Absent, the default suite
        leaves the checker out (a VM has no RAID to report on every minute, nor a hub
        an "unknown" alert per node for it); named explicitly, it says why: unknown."""
        return True

    def run(self) -> list[CheckResult]:
        raise NotImplementedError

    def result(
        self, status: Status, message: str, *, target: str = "", metrics: dict | None = None
    ) -> CheckResult:
        return CheckResult(self.slug, status, message, target, metrics or {}, dict(self.limits))

    def grade(self, value: float, warning: str = "warning", critical: str = "critical") -> Status:
        """Higher is worse: at or past the critical limit is critical."""
        if value >= self.limits[critical]:
            return Status.CRITICAL
        if value >= self.limits[warning]:
            return Status.WARNING
        return Status.OK


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 3600, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """Seconds in '26h', '90m', '7d', '3600s'; a bare number means hours."""
    match = _DURATION.match(str(text))
    if not match:
        raise CheckError(f"duration {text!r} is not valid; use e.g. 90m, 26h or 7d")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def split_host_port(text: str, default_port: int | None = None) -> tuple[str, int]:
    value = text.strip()
    if value.startswith("["):  # [::1]:443
        host, _, rest = value[1:].partition("]")
        port_text = rest.removeprefix(":")
    elif value.count(":") == 1:
        host, _, port_text = value.partition(":")
    else:
        host, port_text = value, ""
    if not port_text:
        if default_port is None:
            raise CheckError(f"{text!r} needs a port: host:port")
        return host, default_port
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise CheckError(f"{text!r} has an invalid port; use host:port")
    return host, int(port_text)


def human_bytes(value: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(value) < 1024 or unit == "TiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} TiB"


class DeltaChecker(Checker):
    """A checker whose figure is a rate between two samples of a kernel counter.

    The suite must not block for seconds: it reuses the probe's previous sample when it
    is recent (a scheduler running every minute gets the minute's average), otherwise
    it waits a short window (CHECKER_SAMPLE_MS, default 200) while the other
    checkers run beside it.
    """

    max_sample_age: ClassVar[float] = 300.0

    def sample(self) -> Any:
        raise NotImplementedError

    def sampled_pair(self) -> tuple[Any, Any, float]:
        key = f"{self.slug}:{self.probe.root}"
        previous = self.probe.previous_sample(key, self.max_sample_age)
        window = settings.CHECKER_SAMPLE_MS / 1000
        if previous is None or self.probe.monotonic() - previous[0] < window / 2:
            started = self.probe.monotonic()
            previous = (started, self.sample())
            self.probe.wait(window)
        now = self.probe.monotonic()
        current = self.sample()
        self.probe.remember_sample(key, now, current)
        return previous[1], current, max(now - previous[0], 1e-6)

    def longer_window(self, elapsed: float, seconds: float) -> tuple[Any, float]:
        """A later sample, so that the window started by `sampled_pair` spans at least
        `seconds`: (that sample, the whole window's length)."""
        self.probe.wait(max(seconds - elapsed, 0.0))
        now = self.probe.monotonic()
        later = self.sample()
        self.probe.remember_sample(f"{self.slug}:{self.probe.root}", now, later)
        return later, elapsed + max(seconds - elapsed, 0.0)


# Read-only images and snap packages are always 100% full; they are not disks to watch.
SKIPPED_FSTYPES = {"squashfs", "iso9660", "udf", "erofs"}


def filesystem_targets(ctx: CheckContext) -> list[str]:
    """The given paths, or each real mounted filesystem once (bind mounts collapse)."""
    given = ctx.value("disk_paths")
    if given:
        return list(dict.fromkeys(given))
    chosen: dict[str, str] = {}
    for mount in ctx.probe.mounts():
        if mount.fstype in SKIPPED_FSTYPES or mount.device.startswith("/dev/loop"):
            continue
        current = chosen.get(mount.device)
        if current is None or len(mount.mountpoint) < len(current):
            chosen[mount.device] = mount.mountpoint
    return sorted(chosen.values()) or ["/"]


def each_concurrently(targets: Iterable[str], check: Callable[[str], "CheckResult"]) -> list:
    """Run `check` for each target at once: five slow hosts cost one timeout, not five."""
    items = list(targets)
    if len(items) <= 1:
        return [check(item) for item in items]
    with ThreadPoolExecutor(max_workers=min(len(items), 16)) as pool:
        return list(pool.map(check, items))


class FilesystemChecker(Checker):
    """A check of each mounted filesystem (or the given paths) from one statvfs each."""

    def run(self):
        return [self.check_path(path) for path in filesystem_targets(self.ctx)]

    def check_path(self, path: str) -> CheckResult:
        try:
            usage = self.probe.fs_usage(path)
        except OSError as exc:
            return self.result(Status.UNKNOWN, f"cannot stat {path}: {exc.strerror}", target=path)
        return self.check_usage(path, usage)

    def check_usage(self, path: str, usage) -> CheckResult:
        raise NotImplementedError
