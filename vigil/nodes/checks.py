"""System checks for the nodes app's settings (`vigil check`, `vigil preflight`)."""

import ipaddress

from django.conf import settings
from django.core.checks import Error, Warning, register

from vigil.nodes.registry import ConfigError, read_nodes_file


@register()
def check_nodes_settings(app_configs=None, **kwargs):
    problems = []
    if settings.NODES_FILE:
        try:
            read_nodes_file(settings.NODES_FILE)
        except ConfigError as exc:
            problems.append(
                Error(str(exc), hint="see docs/checkers.md, Known hosts", id="nodes.E001")
            )
    for entry in settings.NODES_ALLOWED_HOSTS:
        text = entry.strip().removeprefix("*.")
        if "/" in text:
            try:
                ipaddress.ip_network(text, strict=False)
            except ValueError:
                problems.append(
                    Error(
                        f"NODES_ALLOWED_HOSTS entry {entry!r} is not a network",
                        hint="use a host name, *.domain, an address or a CIDR such as 10.0.0.0/24",
                        id="nodes.E002",
                    )
                )
    bad_ports = [p for p in settings.NODES_NODE_EXPORTER_PORTS if not str(p).isdigit()]
    if bad_ports:
        problems.append(
            Error(
                f"NODES_NODE_EXPORTER_PORTS has {bad_ports[0]!r}, which is not a port",
                hint="a comma-separated list of ports, e.g. 9100,9101",
                id="nodes.E003",
            )
        )
    fields = settings.NODES_HOST_FIELDS
    if not isinstance(fields, dict) or not all(
        isinstance(names, list) and all(isinstance(n, str) for n in names)
        for names in fields.values()
    ):
        problems.append(
            Error(
                "NODES_HOST_FIELDS must map a source to a list of label names",
                hint='e.g. {"generic": ["server", "host"]}',
                id="nodes.E004",
            )
        )
    prometheus = settings.NODES_PROMETHEUS_URL
    if prometheus and not prometheus.startswith(("http://", "https://")):
        problems.append(
            Warning(
                f"NODES_PROMETHEUS_URL {prometheus!r} is not an http(s) URL; it is not queried",
                hint="e.g. http://prometheus.internal:9090",
                id="nodes.W001",
            )
        )
    return problems
