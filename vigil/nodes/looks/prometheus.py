"""Ask a Prometheus about the host: one instant query through the outbound guard.

The base URL is NODES_PROMETHEUS_URL, or the scheme, host and port of an Alertmanager
alert's generatorURL when that host is in NODES_ALLOWED_HOSTS. The query selects the
metrics node_exporter exposes for the alert's instance (or any instance of the host,
whatever its port), and the results are derived as from a scrape.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings

from vigil.core.security import http
from vigil.nodes import exposition
from vigil.nodes.allow import allowed_hosts, permit
from vigil.nodes.looks import Finding, failed
from vigil.nodes.resolve import Subject

VIA = "prometheus"
QUERY_PATH = "/api/v1/query"


def base_url(generator_url: str) -> tuple[str, bool]:
    """(base URL, configured by the administrator) or ("", False)."""
    if settings.NODES_PROMETHEUS_URL:
        return settings.NODES_PROMETHEUS_URL.rstrip("/"), True
    try:
        parts = urlsplit(generator_url)
    except ValueError:
        return "", False
    hostname = parts.hostname or ""
    if parts.scheme in ("http", "https") and hostname and allowed_hosts().lists(hostname):
        return f"{parts.scheme}://{parts.netloc}", False
    return "", False


def selector(subject: Subject, node) -> str:
    """A PromQL selector for the host's series; values are quoted for PromQL."""
    names = "|".join(exposition.METRICS)
    instance = (node.prometheus_instance if node is not None else "") or subject.instance
    if instance:
        return f'{{__name__=~"{names}",instance="{_quote(instance)}"}}'
    host = re.escape(subject.host)
    return f'{{__name__=~"{names}",instance=~"{_quote(host)}(:[0-9]+)?"}}'


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "")


def query(base: str, subject: Subject, node, names: list[str], *, known: bool, timeout: float):
    parts = urlsplit(base)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    permission = permit(parts.hostname or "", port, known=known)
    if not permission.allowed:
        return failed(VIA, f"{subject.host}: Prometheus not queried: {permission.reason}")
    url = f"{base}{QUERY_PATH}"
    try:
        response = http.request(
            "POST", url, data={"query": selector(subject, node)}, timeout=timeout,
            follow_redirects=False, allowed_hosts=list(permission.allowed_hosts),
        )  # fmt: skip
        answer = response.json() if response.ok else None
    except http.OutboundHTTPError as exc:
        return failed(VIA, f"{subject.host}: Prometheus unreachable: {exc}")
    except ValueError:
        return failed(VIA, f"{subject.host}: Prometheus answered something that is not JSON")
    if answer is None:
        return failed(VIA, f"{subject.host}: Prometheus answered HTTP {response.status_code}")
    data = answer.get("data") if isinstance(answer, dict) else None
    if not isinstance(data, dict) or data.get("resultType") != "vector":
        return failed(VIA, f"{subject.host}: Prometheus gave no vector for the host's query")
    samples = exposition.from_vector(x for x in data.get("result") or [] if isinstance(x, dict))
    if not samples:
        return failed(VIA, f"{subject.host}: Prometheus has no node_exporter series for it")
    return Finding(VIA, exposition.derive(samples, subject.host, names, subject.mountpoint))
