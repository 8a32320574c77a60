"""Running checkers: the commands, the API, the pipeline stage and the scheduler call these."""

import logging
import re
import threading
import time
import uuid
from dataclasses import dataclass, field, replace
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from vigil.checkers.checkers import CHECKERS
from vigil.checkers.checkers.base import (
    CheckContext,
    CheckError,
    CheckerUnavailable,
    CheckOptions,
    CheckResult,
    Status,
)
from vigil.checkers.models import CheckRun
from vigil.core.measurements import SharedMeasurements
from vigil.core.security.redact import redact_text

logger = logging.getLogger(__name__)

__all__ = [
    "CheckError",
    "CheckOptions",
    "CheckResult",
    "IncidentChecks",
    "check_incident",
    "choose_for_incident",
    "default_suite",
    "run_checks",
    "save_results",
]


def validate_names(names: list[str]) -> list[str]:
    unknown = [name for name in names if name not in CHECKERS]
    if unknown:
        valid = ", ".join(CHECKERS)
        raise CheckError(f"unknown checker {unknown[0]!r}; valid: {valid}")
    return list(dict.fromkeys(names))


def default_suite(ctx: CheckContext | None = None) -> list[str]:
    ctx = ctx or CheckContext()
    configured = settings.CHECKER_DEFAULT_SUITE
    if configured:
        return validate_names(configured)
    return [slug for slug, checker in CHECKERS.items() if checker.in_default_suite(ctx)]


def default_timeout() -> float:
    return float(settings.CHECKER_TIMEOUT)


def run_checks(
    names: list[str] | None = None,
    *,
    options: CheckOptions | dict | None = None,
    save: bool = True,
    timeout: float | None = None,
    source: str = CheckRun.Source.CLI,
) -> list[CheckResult]:
    """Run the named checkers (default: the default suite) at once; never raises for a
    failing checker, only for unknown names (CheckError)."""
    ctx = CheckContext(options)
    slugs = validate_names(names) if names else default_suite(ctx)
    started = time.perf_counter()
    results = run_concurrently(slugs, ctx, default_timeout() if timeout is None else timeout)
    # The CLI prints its own results; a log line there would mail cron every minute.
    logger.log(
        logging.DEBUG if source == CheckRun.Source.CLI else logging.INFO,
        "ran %d checkers in %.0f ms: %s",
        len(slugs),
        (time.perf_counter() - started) * 1000,
        ", ".join(f"{result.check}={result.status}" for result in results),
    )
    if save:
        save_results(results, node=ctx.node, source=source)
    return results


def run_concurrently(slugs: list[str], ctx: CheckContext, timeout: float) -> list[CheckResult]:
    # One daemon thread per checker, all started together, so one deadline is each
    # checker's timeout. A checker stuck past it (statvfs on a dead NFS mount blocks in
    # the kernel) is reported and abandoned: daemon threads do not hold the process at
    # exit, where ThreadPoolExecutor would join them and hang the command.
    outcomes: dict[str, list[CheckResult]] = {}
    threads = []
    for slug in slugs:
        thread = threading.Thread(
            target=_run_into, args=(slug, ctx, outcomes), name=f"vigil-check-{slug}", daemon=True
        )
        thread.start()
        threads.append((slug, thread))
    deadline = time.monotonic() + timeout
    results: list[CheckResult] = []
    for slug, thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
        if slug in outcomes:
            results.extend(outcomes[slug])
        else:
            message = f"did not finish within {timeout:g} s: the machine may be overloaded"
            results.append(CheckResult(slug, Status.UNKNOWN, message, duration_ms=timeout * 1000))
    return results


def _run_into(slug: str, ctx: CheckContext, outcomes: dict[str, list[CheckResult]]) -> None:
    outcomes[slug] = run_one(slug, ctx)


def run_one(slug: str, ctx: CheckContext) -> list[CheckResult]:
    checker_class = CHECKERS[slug]
    started = time.perf_counter()
    try:
        checker = checker_class(ctx)
        results = checker.run()
        if not results:
            needs = checker_class.needs or "targets"
            hint = f"CHECKER_{needs.upper()} or the command's options"
            results = [checker.result(Status.UNKNOWN, f"nothing to check: configure {hint}")]
    except CheckerUnavailable as exc:
        results = [CheckResult(slug, Status.UNKNOWN, str(exc))]
    except CheckError as exc:
        results = [CheckResult(slug, Status.UNKNOWN, f"cannot run: {exc}")]
    except Exception as exc:
        logger.warning("checker %s failed", slug, exc_info=True)
        # The message may reach a chat channel: exception text is redacted and capped.
        reason = redact_text(f"{exc.__class__.__name__}: {exc}")[:300]
        results = [CheckResult(slug, Status.UNKNOWN, f"checker failed: {reason}")]
    elapsed = round((time.perf_counter() - started) * 1000, 1)
    return [replace(result, duration_ms=elapsed) for result in results]


def save_results(results: list[CheckResult], *, node: str, source: str) -> list[CheckRun]:
    batch = uuid.uuid4()
    rows = CheckRun.objects.bulk_create(
        CheckRun(
            checker=result.check,
            target=result.target[:500],
            status=str(result.status),
            message=result.message,
            metrics=result.metrics,
            thresholds=result.thresholds,
            duration_ms=result.duration_ms,
            node=node,
            source=source,
            batch=batch,
        )
        for result in results
    )
    purge_old_runs()
    return rows


def purge_old_runs() -> int:
    # A suite every minute writes ~20k rows a day: keep CHECKER_RETENTION_DAYS of them.
    # Run on each save, the delete is a small range scan on the created_at index.
    days = settings.CHECKER_RETENTION_DAYS
    if not days:
        return 0
    deleted, _ = CheckRun.objects.filter(
        created_at__lt=timezone.now() - timedelta(days=days)
    ).delete()
    return deleted


# --- the CHECK stage ----------------------------------------------------------------------

# Which checkers matter for an alert, by the words in its name and labels (camelCase
# split). A keyword of five letters or more matches as a prefix (inode -> inodes); a
# shorter one matches whole, or with digits or a plural s (load5, md0, ports), so
# neither "load" nor "down" matches "download".
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "disk": (("disk", "filesystem", "fs", "space", "inode", "mount", "volume", "storage"),
             ("disk", "inodes", "large_dirs")),
    "memory": (("memory", "mem", "oom", "swap", "ram"), ("memory", "swap", "top_processes")),
    "cpu": (("cpu", "load", "processor"), ("cpu", "load", "top_processes")),
    "io": (("iowait", "io", "diskio", "iops", "latency"), ("diskio", "cpu", "top_processes")),
    "raid": (("raid", "mdadm", "md"), ("raid", "disk")),
    "temperature": (("temperature", "thermal", "temp", "overheat"), ("temperature",)),
    "tls": (("tls", "ssl", "cert", "certificate", "x509"), ("tls",)),
    "network": (("network", "unreachable", "ping", "connect", "port", "tcp", "down"),
                ("network", "ports")),
    "service": (("systemd", "unit", "service", "process", "daemon"), ("systemd", "processes")),
    "backup": (("backup", "stale", "fresh", "cron"), ("freshness",)),
    "reboot": (("reboot", "kernel"), ("reboot",)),
}  # fmt: skip
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_WORD = re.compile(r"[a-z]+[0-9]*")


def alert_words(alert: dict) -> set[str]:
    labels = alert.get("labels") or {}
    parts = [alert.get("name") or "", str(labels.get("alertname", ""))]
    parts += [str(labels.get(key, "")) for key in ("check", "category", "type", "component")]
    text = _CAMEL.sub(" ", " ".join(parts)).lower()
    return set(_WORD.findall(text))


def _matches(word: str, keyword: str) -> bool:
    if not word.startswith(keyword):
        return False
    rest = word[len(keyword) :]
    return len(keyword) >= 5 or rest in ("", "s") or rest.isdigit()


def choose_for_incident(snapshot: dict, ctx: CheckContext | None = None) -> list[str]:
    return topics_of(snapshot) or default_suite(ctx)


def topics_of(snapshot: dict) -> list[str]:
    """The checkers the incident's alerts are about, if their words name any."""
    chosen: list[str] = []
    for alert in snapshot.get("alerts") or [
        {"name": snapshot.get("title", ""), "labels": snapshot.get("labels") or {}}
    ]:
        words = alert_words(alert)
        for keywords, slugs in TOPICS.values():
            if any(_matches(word, keyword) for word in words for keyword in keywords):
                chosen.extend(slugs)
    return list(dict.fromkeys(chosen))


def options_for_incident(snapshot: dict, probe=None) -> CheckOptions:
    options = CheckOptions(probe=probe)
    named = [
        value
        for alert in snapshot.get("alerts") or []
        for key in ("mountpoint", "mount", "path")
        if isinstance(value := (alert.get("labels") or {}).get(key), str)
    ]
    if not named:  # the usual case: no need to list the mounts
        return options
    # An alert's mountpoint label is caller input: it is used only when it names a
    # filesystem mounted here, never as an arbitrary path to stat or scan.
    mounted = {mount.mountpoint for mount in CheckContext(options).probe.mounts()}
    wanted = [value for value in named if value in mounted]
    if wanted:
        options.disk_paths = list(dict.fromkeys(wanted))
        options.large_dirs_paths = options.disk_paths
    return options


# This machine's results, shared by the runs of a burst (CHECKER_REUSE_SECONDS).
_shared = SharedMeasurements("checks")
# Which checkers apply to this machine (sensors, RAID, systemd, …): looked at once per
# CHECKER_REUSE_SECONDS too, not by every run.
_suites = SharedMeasurements("default check suite")


@dataclass
class IncidentChecks:
    """The CHECK stage's answer: the results, and whether they were measured for this run."""

    results: list[CheckResult]
    measurement: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "results": [result.to_dict() for result in self.results],
            "measurement": self.measurement,
        }


def check_incident(snapshot: dict, *, timeout: float = 5.0, probe=None) -> IncidentChecks:
    options = options_for_incident(snapshot, probe=probe)
    # Only this machine's own view is shared: a probe handed in is someone else's.
    ttl = float(settings.CHECKER_REUSE_SECONDS) if probe is None else 0.0
    # The incident's options only narrow disk paths, which no default-suite choice reads.
    names = (
        topics_of(snapshot)
        or _suites.get("default", ttl, lambda: default_suite(CheckContext(options))).value
    )

    def measure() -> list[CheckResult]:
        logger.info("incident %s: running %s", snapshot.get("id"), ", ".join(names))
        return run_checks(
            names, options=options, save=False, timeout=timeout, source=CheckRun.Source.PIPELINE
        )

    key = (tuple(names), tuple(options.disk_paths or ()), timeout)
    taken = _shared.get(key, ttl, measure)
    return IncidentChecks(list(taken.value), taken.describe(",".join(names)))
