"""Host health from node_exporter's metrics, whether scraped or queried from Prometheus.

Both paths hand over the same samples (metric name, labels, value); the results are
those of the checkers that would run on the host (`disk`, `inodes`, `memory`, `swap`,
`load`), graded with the same limits: CHECKER_THRESHOLDS, then
CHECKER_NODE_THRESHOLDS[<host>].
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from prometheus_client.parser import text_string_to_metric_families

from vigil.checkers.checkers import CHECKERS
from vigil.checkers.checkers.base import (
    SKIPPED_FSTYPES,
    CheckContext,
    CheckError,
    CheckOptions,
    CheckResult,
    Status,
    human_bytes,
)

# Checkers whose figures node_exporter exposes (one sample is enough: no rates).
DERIVED = ("disk", "inodes", "memory", "swap", "load")
# Mounts that are memory, not disks (node_exporter lists them; df -x tmpfs hides them).
MEMORY_FSTYPES = {"tmpfs", "devtmpfs", "ramfs", "rootfs", "overlay", "nsfs", "fuse.lxcfs"}
# What the Prometheus query asks for: the metrics DERIVED reads.
METRICS = (
    "node_filesystem_avail_bytes", "node_filesystem_size_bytes", "node_filesystem_free_bytes",
    "node_filesystem_files", "node_filesystem_files_free", "node_filesystem_readonly",
    "node_memory_MemAvailable_bytes", "node_memory_MemTotal_bytes",
    "node_memory_SwapTotal_bytes", "node_memory_SwapFree_bytes",
    "node_load1", "node_load5", "node_load15", "node_cpu_seconds_total",
)  # fmt: skip


@dataclass
class Samples:
    """The few node_exporter metrics the results need, indexed for reading."""

    filesystems: dict[str, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    fstypes: dict[str, str] = field(default_factory=dict)
    values: dict[str, float] = field(default_factory=dict)
    cpus: set[str] = field(default_factory=set)

    def add(self, name: str, labels: dict, value: float) -> None:
        if name.startswith("node_filesystem_"):
            mount = labels.get("mountpoint", "")
            self.filesystems[mount][name.removeprefix("node_filesystem_")] = value
            self.fstypes[mount] = labels.get("fstype", "")
        elif name == "node_cpu_seconds_total":
            self.cpus.add(labels.get("cpu", ""))
        elif name in METRICS:
            self.values[name] = value

    def __bool__(self) -> bool:
        return bool(self.filesystems or self.values or self.cpus)


def parse_exposition(text: str) -> Samples:
    """node_exporter's /metrics text, read by prometheus_client's parser. Raises
    ValueError on text that is not the exposition format.

    Only the sample lines of METRICS reach the parser: on the recorded 1.5.0 output
    (1,080 lines) that is 2.4 ms instead of 18.6 ms per scrape, the CHECK stage's
    largest cost through node_exporter (bench/host_check.py)."""
    samples = Samples()
    wanted = set(METRICS)
    kept = "\n".join(line for line in text.splitlines() if line.startswith(METRICS))
    for family in text_string_to_metric_families(kept + "\n"):
        if family.name not in wanted and f"{family.name}_total" not in wanted:
            continue
        for sample in family.samples:
            samples.add(sample.name, sample.labels, float(sample.value))
    return samples


def from_vector(result: Iterable[dict]) -> Samples:
    """A Prometheus instant query's `data.result` (vector of {"metric", "value"})."""
    samples = Samples()
    for item in result:
        metric = dict(item.get("metric") or {})
        try:
            value = float(item["value"][1])
        except (KeyError, IndexError, TypeError, ValueError):
            continue
        samples.add(str(metric.pop("__name__", "")), metric, value)
    return samples


class Grader:
    def __init__(self, host: str):
        self.host = host
        self.ctx = CheckContext(CheckOptions(node=host))

    def limits(self, slug: str) -> dict[str, float]:
        try:
            return self.ctx.thresholds(slug, CHECKERS[slug].defaults)
        except CheckError:
            return dict(CHECKERS[slug].defaults)

    def result(self, slug: str, value: float, message: str, *, target="", metrics=None):
        limits = self.limits(slug)
        status = Status.OK
        if value >= limits["critical"]:
            status = Status.CRITICAL
        elif value >= limits["warning"]:
            status = Status.WARNING
        return CheckResult(slug, status, message, target, metrics or {}, limits)


def derive(samples: Samples, host: str, names: list[str], mountpoint: str = "") -> list:
    """The results of `names` (those DERIVED can give) for the host."""
    grader = Grader(host)
    results: list[CheckResult] = []
    for slug in [name for name in names if name in DERIVED]:
        if slug in ("disk", "inodes"):
            results += _filesystems(samples, grader, slug, mountpoint)
        else:
            results.append(DERIVERS[slug](samples, grader))
    return results


def _mounts(samples: Samples, mountpoint: str) -> list[str]:
    if mountpoint:
        return [mountpoint]
    return sorted(
        mount for mount, fstype in samples.fstypes.items()
        if fstype not in MEMORY_FSTYPES and fstype not in SKIPPED_FSTYPES
    )  # fmt: skip


def _filesystems(samples: Samples, grader: Grader, slug: str, mountpoint: str) -> list:
    found = []
    for mount in _mounts(samples, mountpoint):
        figures = samples.filesystems.get(mount)
        if not figures:
            mounted = ", ".join(_mounts(samples, "")) or "none"
            message = f"{grader.host} has no filesystem at {mount} in node_exporter's metrics (mounted: {mounted})"
            found.append(CheckResult(slug, Status.UNKNOWN, message, mount))
        elif slug == "disk":
            found.append(_disk(figures, grader, mount))
        else:
            found.append(_inodes(figures, grader, mount))
    return found


def _disk(figures: dict, grader: Grader, mount: str) -> CheckResult:
    size, free = figures.get("size_bytes", 0.0), figures.get("free_bytes", 0.0)
    avail = figures.get("avail_bytes", free)
    if not size:
        return CheckResult("disk", Status.UNKNOWN, f"{grader.host} {mount} reports no size", mount)
    used = size - free
    used_percent = 100.0 * used / ((used + avail) or 1)  # as df computes Use%
    metrics = {
        "used_percent": round(used_percent, 1), "total_bytes": int(size),
        "used_bytes": int(used), "free_bytes": int(avail),
        "readonly": bool(figures.get("readonly")),
    }  # fmt: skip
    message = (
        f"{grader.host} {mount} {used_percent:.0f}% used, "
        f"{human_bytes(avail)} free of {human_bytes(size)}"
    )
    result = grader.result("disk", used_percent, message, target=mount, metrics=metrics)
    if metrics["readonly"]:
        result.status = Status.CRITICAL
        result.message += ": mounted read-only; look for I/O errors (dmesg) before remounting"
    elif result.status is not Status.OK:
        result.message += f": find what grew under {mount} on {grader.host} and free space"
    return result


def _inodes(figures: dict, grader: Grader, mount: str) -> CheckResult:
    total, free = figures.get("files", 0.0), figures.get("files_free", 0.0)
    if not total:
        message = f"{grader.host} {mount} has dynamic inodes"
        return CheckResult("inodes", Status.OK, message, mount, {}, grader.limits("inodes"))
    used_percent = 100.0 * (total - free) / total
    message = f"{grader.host} {mount} inodes {used_percent:.0f}% used ({int(free)} free)"
    metrics = {"used_percent": round(used_percent, 1), "total": int(total), "free": int(free)}
    return grader.result("inodes", used_percent, message, target=mount, metrics=metrics)


def _memory(samples: Samples, grader: Grader) -> CheckResult:
    total = samples.values.get("node_memory_MemTotal_bytes")
    available = samples.values.get("node_memory_MemAvailable_bytes")
    if not total or available is None:
        return CheckResult("memory", Status.UNKNOWN, f"{grader.host}: no memory figures")
    used_percent = 100.0 * (1 - available / total)
    message = f"{grader.host} memory {used_percent:.0f}% used, {human_bytes(available)} available of {human_bytes(total)}"
    metrics = {"used_percent": round(used_percent, 1), "total_bytes": int(total),
               "available_bytes": int(available)}  # fmt: skip
    return grader.result("memory", used_percent, message, metrics=metrics)


def _swap(samples: Samples, grader: Grader) -> CheckResult:
    total = samples.values.get("node_memory_SwapTotal_bytes")
    free = samples.values.get("node_memory_SwapFree_bytes", 0.0)
    if total is None:
        return CheckResult("swap", Status.UNKNOWN, f"{grader.host}: no swap figures")
    if not total:
        return CheckResult(
            "swap", Status.OK, f"{grader.host} has no swap", "", {}, grader.limits("swap")
        )
    used_percent = 100.0 * (total - free) / total
    message = f"{grader.host} swap {used_percent:.0f}% used of {human_bytes(total)}"
    return grader.result(
        "swap", used_percent, message, metrics={"used_percent": round(used_percent, 1)}
    )


def _load(samples: Samples, grader: Grader) -> CheckResult:
    load5 = samples.values.get("node_load5")
    cores = len(samples.cpus)
    if load5 is None or not cores:
        return CheckResult("load", Status.UNKNOWN, f"{grader.host}: no load or CPU figures")
    per_core = load5 / cores
    message = f"{grader.host} load {load5:.2f} over 5 min on {cores} CPUs ({per_core:.2f} per core)"
    metrics = {"load5": load5, "cpus": cores, "per_core": round(per_core, 2)}
    return grader.result("load", per_core, message, metrics=metrics)


DERIVERS = {"memory": _memory, "swap": _swap, "load": _load}
