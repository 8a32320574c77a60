"""Known hosts: looked up by any of their names, filled by agents, NODES_FILE and the admin;
and what passes between the CHECK stage and a node's agent (reports, fresh-run requests)."""

import logging
import os
import time
import tomllib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from vigil.checkers.checkers.base import Status, worst
from vigil.core.config_cache import ConfigCache
from vigil.nodes.models import CheckRequest, Node, NodeReport

logger = logging.getLogger(__name__)

# Every node, read at most once per CONFIG_RELOAD_SECONDS per process (each run asks).
_nodes = ConfigCache("known nodes", watch=Node)
CONFIG_FIELDS = ("aliases", "addresses", "labels", "node_exporter_url", "prometheus_instance")
# A request no agent took within this time is dropped (the agent is gone).
REQUEST_EXPIRY = timedelta(minutes=5)
WAIT_STEP = 0.1


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class _Synced:
    path: str = ""
    mtime: float = 0.0


_synced = _Synced()


def read_nodes_file(path: str) -> list[dict]:
    """The [[node]] entries of a NODES_FILE, checked; ConfigError names the problem."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"NODES_FILE {path!r} cannot be read: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"NODES_FILE {path!r} is not valid TOML: {exc}") from None
    entries = data.get("node", [])
    if not isinstance(entries, list):
        raise ConfigError(f"NODES_FILE {path!r}: use [[node]] tables")
    for index, entry in enumerate(entries):
        where = f"NODES_FILE {path!r}, node {index + 1}"
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise ConfigError(f"{where}: a node needs a name")
        unknown = sorted(set(entry) - {"name", *CONFIG_FIELDS})
        if unknown:
            valid = ", ".join(("name", *CONFIG_FIELDS))
            raise ConfigError(f"{where}: unknown key {unknown[0]!r}; valid: {valid}")
        for key in ("aliases", "addresses"):
            if not all(isinstance(item, str) for item in entry.get(key, [])):
                raise ConfigError(f"{where}: {key} must be a list of strings")
    return entries


def sync_nodes_file() -> None:
    """Write NODES_FILE's nodes into the registry when the file changed (once per change
    per process). A broken file is reported by `vigil check` (nodes.E001) and ignored."""
    global _synced
    path = settings.NODES_FILE
    if not path:
        return
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        return
    if _synced == _Synced(path, mtime):
        return
    try:
        entries = read_nodes_file(path)
    except ConfigError as exc:
        logger.warning("%s", exc)
        return
    with transaction.atomic():
        for entry in entries:
            values = {key: entry[key] for key in CONFIG_FIELDS if key in entry}
            node, created = Node.objects.get_or_create(
                name=entry["name"].strip(), defaults={**values, "origin": Node.Origin.CONFIG}
            )
            if not created and values:
                Node.objects.filter(pk=node.pk).update(**values, origin=Node.Origin.CONFIG)
    _synced = _Synced(path, mtime)
    _nodes.forget()


def _load_nodes() -> dict[str, Node]:
    sync_nodes_file()
    index: dict[str, Node] = {}
    for node in Node.objects.all():
        for name in node.names():
            index.setdefault(name, node)
    return index


def find_node(host: str) -> Node | None:
    index = _nodes.get("all", settings.CONFIG_RELOAD_SECONDS, _load_nodes)
    return index.get(host.lower())


def latest_report(node: Node) -> NodeReport | None:
    return NodeReport.objects.filter(node=node).order_by("-received_at", "-id").first()


def record_report(payload: dict) -> NodeReport:
    """Keep a cluster payload (push_to_hub, `vigil agent`) as the node's latest results."""
    name = str(payload["node"]).strip()[:255]
    results = [result for result in payload.get("results") or [] if isinstance(result, dict)]
    statuses = [
        Status(r["status"]) for r in results if r.get("status") in Status._value2member_map_
    ]
    sent_at = parse_datetime(str(payload.get("sent_at") or "")) if payload.get("sent_at") else None
    now = timezone.now()
    # An agent reporting as web-7 is the known web-7.prod.example.com (alias web-7).
    known = find_node(name)
    with transaction.atomic():
        if known is not None:
            node = known
        else:
            node, _ = Node.objects.get_or_create(name=name, defaults={"origin": Node.Origin.AGENT})
        report = NodeReport.objects.create(
            node=node, sent_at=sent_at, received_at=now, results=results,
            status=str(worst(statuses)),
        )  # fmt: skip
        Node.objects.filter(pk=node.pk).update(last_report_at=now, last_seen_at=now)
        kept = NodeReport.objects.filter(node=node).order_by("-received_at", "-id")
        stale = list(kept.values_list("pk", flat=True)[settings.NODES_REPORTS_KEPT :])
        if stale:
            NodeReport.objects.filter(pk__in=stale).delete()
    return report


def heard_from_lately(node: Node) -> bool:
    """Its agent reported or polled within NODES_AGENT_FRESH_SECONDS: worth waiting for."""
    seen = Node.objects.filter(pk=node.pk).values_list("last_seen_at", flat=True).first()
    window = timedelta(seconds=settings.NODES_AGENT_FRESH_SECONDS)
    return seen is not None and timezone.now() - seen <= window


def ask_fresh_run(node: Node, checks: list[str], mountpoint: str, run_id: str) -> CheckRequest:
    return CheckRequest.objects.create(
        node=node, checks=checks, mountpoint=mountpoint[:500], run_id=run_id[:64]
    )


def wait_for_report(node: Node, since, deadline: float) -> NodeReport | None:
    """The node's first report received after `since`, or None at the deadline."""
    while True:
        report = (
            NodeReport.objects.filter(node=node, received_at__gt=since)
            .order_by("-received_at", "-id")
            .first()
        )
        if report is not None or time.monotonic() + WAIT_STEP > deadline:
            return report
        time.sleep(WAIT_STEP)


def take_requests(name: str) -> dict:
    """What the node's agent is asked to run now (the agent's poll); marks them taken."""
    now = timezone.now()
    node = Node.objects.filter(name=name).first()
    if node is None:
        return {"node": name, "run": False, "checks": [], "mountpoints": []}
    Node.objects.filter(pk=node.pk).update(last_seen_at=now)
    with transaction.atomic():
        pending = list(
            CheckRequest.objects.select_for_update()
            .filter(node=node, taken_at__isnull=True, requested_at__gte=now - REQUEST_EXPIRY)
            .order_by("requested_at")
        )
        CheckRequest.objects.filter(pk__in=[r.pk for r in pending]).update(taken_at=now)
        CheckRequest.objects.filter(node=node, requested_at__lt=now - REQUEST_EXPIRY).delete()
    checks = sorted({name for request in pending for name in request.checks})
    # One request for the default suite (no names) asks for everything.
    if any(not request.checks for request in pending):
        checks = []
    mounts = sorted({request.mountpoint for request in pending if request.mountpoint})
    return {"node": name, "run": bool(pending), "checks": checks, "mountpoints": mounts}


def latest_reports(nodes: list[Node]) -> dict[int, NodeReport]:
    """Each node's latest report, in one query per node that has reported."""
    return {
        node.pk: report
        for node in nodes
        if node.last_report_at is not None and (report := latest_report(node)) is not None
    }
