"""Which host an incident is about: read from its alerts' labels, in a documented order.

Each alert is read with the source's fields (NODES_HOST_FIELDS[source], when an
administrator set it) or the common ones, `instance` (its port stripped), `host`,
`hostname`, `node`, `nodename`, followed by the fields its driver declares
(`Driver.host_labels`: New Relic's entity, Opsgenie's entity, Zabbix's address). The
first field whose value looks like a host name or an address wins. Values are caller
input: they only ever name a host to look up, never a URL or a path.
"""

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from vigil.alerts.drivers import DRIVERS
from vigil.checkers.checkers.base import CheckError, split_host_port

COMMON_FIELDS = ("instance", "host", "hostname", "node", "nodename")
# A mount point the alert names (node_exporter's and most rules' label).
MOUNT_FIELDS = ("mountpoint", "mount", "path")
_NAME = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})$")


@dataclass(frozen=True)
class Subject:
    """A host an incident is about, and what its alerts say of it."""

    host: str
    field: str  # the label that named it
    port: int | None = None  # from instance="web-7:9100"
    url: str = ""  # instance="https://shop.example.com/health" (a blackbox probe)
    instance: str = ""  # the label as Prometheus has it, for queries
    job: str = ""
    mountpoint: str = ""
    source: str = ""

    def to_dict(self) -> dict:
        return {
            "host": self.host, "field": self.field, "port": self.port, "url": self.url,
            "mountpoint": self.mountpoint,
        }  # fmt: skip


def fields_for(source: str) -> tuple[str, ...]:
    override = settings.NODES_HOST_FIELDS.get(source)
    if override:
        return tuple(override)
    driver = DRIVERS.get(source)
    return COMMON_FIELDS + tuple(getattr(driver, "host_labels", ()))


def subjects(snapshot: dict, limit: int | None = None) -> list[Subject]:
    """The distinct hosts the incident's alerts name, in the order they appear."""
    limit = settings.NODES_MAX_HOSTS if limit is None else limit
    alerts = snapshot.get("alerts") or [
        {"source": snapshot.get("source", ""), "labels": snapshot.get("labels") or {}}
    ]
    found: dict[str, Subject] = {}
    for alert in alerts:
        subject = subject_of(alert, default_source=str(snapshot.get("source") or ""))
        if subject is not None and subject.host.lower() not in found:
            found[subject.host.lower()] = subject
        if len(found) >= limit:
            break
    return list(found.values())


def subject_of(alert: dict, default_source: str = "") -> Subject | None:
    labels = alert.get("labels") or {}
    source = str(alert.get("source") or default_source)
    for name in fields_for(source):
        value = labels.get(name)
        if not isinstance(value, str) or not value.strip():
            continue
        host, port, url = parse_host(value)
        if host:
            return Subject(
                host=host, field=name, port=port, url=url,
                instance=value.strip() if name == "instance" else "",
                job=str(labels.get("job") or ""),
                mountpoint=_mountpoint(labels), source=source,
            )  # fmt: skip
    return None


def parse_host(value: str) -> tuple[str, int | None, str]:
    """(host, port, url) from 'web-7:9100', '[::1]:9100', 'https://x/health', 'web-1,
    web-2' (the first); ('', None, '') when the value names no host."""
    text = value.strip().split(",")[0].strip()
    url = ""
    if "://" in text:
        try:
            parts = urlsplit(text)
            host, port = parts.hostname or "", parts.port
        except ValueError:
            return "", None, ""
        if parts.scheme in ("http", "https") and host:
            url = text
        return (host, port, url) if _is_host(host) else ("", None, "")
    try:
        host, port = split_host_port(text, default_port=0)
    except CheckError:
        return "", None, ""
    return (host, port or None, "") if _is_host(host) else ("", None, "")


def _is_host(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return bool(_NAME.match(text)) and not text.endswith(".") and ".." not in text


def _mountpoint(labels: dict) -> str:
    for name in MOUNT_FIELDS:
        value = labels.get(name)
        if isinstance(value, str) and value.startswith("/") and len(value) < 500:
            return value
    return ""
