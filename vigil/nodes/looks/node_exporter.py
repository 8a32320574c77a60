"""Scrape the host's node_exporter (`/metrics`) through the outbound guard."""

from urllib.parse import urlsplit

from vigil.core.security import http
from vigil.nodes import exposition
from vigil.nodes.allow import permit
from vigil.nodes.looks import Finding, failed
from vigil.nodes.resolve import Subject

VIA = "node_exporter"


def exporter_url(subject: Subject, node, ports: list[int]) -> str:
    """The node's configured URL, or http://<host>:<port>/metrics when the alert's
    instance is a node_exporter (a port in NODES_NODE_EXPORTER_PORTS, or job="node")."""
    if node is not None and node.node_exporter_url:
        return node.node_exporter_url
    if subject.url or subject.port is None:
        return ""
    if subject.port in ports or subject.job in ("node", "node_exporter", "node-exporter"):
        host = f"[{subject.host}]" if ":" in subject.host else subject.host
        return f"http://{host}:{subject.port}/metrics"
    return ""


def scrape(url: str, subject: Subject, names: list[str], *, known: bool, timeout: float):
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    permission = permit(parts.hostname or "", port, known=known)
    if not permission.allowed:
        return failed(VIA, f"{subject.host}: node_exporter not scraped: {permission.reason}")
    try:
        response = http.request(
            "GET", url, timeout=timeout, follow_redirects=False,
            allowed_hosts=list(permission.allowed_hosts),
            headers={"Accept": "text/plain;version=0.0.4"},
        )  # fmt: skip
    except http.OutboundHTTPError as exc:
        return failed(VIA, f"{subject.host}: node_exporter unreachable: {exc}")
    if not response.ok:
        return failed(VIA, f"{subject.host}: node_exporter answered HTTP {response.status_code}")
    try:
        samples = exposition.parse_exposition(response.text)
    except ValueError:
        return failed(VIA, f"{subject.host}: {url} does not answer in the Prometheus text format")
    if not samples:
        return failed(VIA, f"{subject.host}: {url} has no node_exporter metrics")
    return Finding(VIA, exposition.derive(samples, subject.host, names, subject.mountpoint))
