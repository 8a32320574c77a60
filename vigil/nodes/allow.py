"""Which hosts the hub may contact because an alert names them.

An alert's host is caller input. The hub scrapes or probes it only when the
administrator allowed it: a known node (NODES_FILE, the admin), or a host matching
NODES_ALLOWED_HOSTS (a name, a `*.suffix` pattern, an address or a CIDR network). The
connection itself still goes through the outbound guard (vigil.core.security), which
resolves the name once and connects to the address it checked.
"""

import ipaddress
from dataclasses import dataclass

from django.conf import settings

from vigil.core.security.urls import UnsafeURLError, validate_safe_host

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class Permission:
    """The guard's yes (addresses to connect to, and the allow-list to pass on) or no."""

    host: str
    allowed: bool
    reason: str = ""
    addresses: tuple[str, ...] = ()
    allowed_hosts: tuple[str, ...] = ()


class AllowedHosts:
    def __init__(self, entries: list[str]):
        self.names: set[str] = set()
        self.suffixes: list[str] = []
        self.networks: list[Network] = []
        for entry in entries:
            text = entry.strip().lower().rstrip(".")
            if not text:
                continue
            if text.startswith("*."):
                self.suffixes.append(text[1:])
                continue
            try:
                self.networks.append(ipaddress.ip_network(text, strict=False))
            except ValueError:
                self.names.add(text)

    def names_host(self, host: str) -> bool:
        name = host.lower().rstrip(".")
        return name in self.names or any(name.endswith(suffix) for suffix in self.suffixes)

    def lists(self, host: str) -> bool:
        """The host is named by an entry, or is an address in an allowed network."""
        try:
            return self.names_host(host) or self.covers(host)
        except ValueError:
            return False

    def covers(self, address: str) -> bool:
        ip = ipaddress.ip_address(address)
        return any(ip.version == net.version and ip in net for net in self.networks)


def allowed_hosts() -> AllowedHosts:
    return AllowedHosts(list(settings.NODES_ALLOWED_HOSTS))


def permit(host: str, port: int, *, known: bool = False) -> Permission:
    """May the hub connect to host:port? `known`: the administrator registered it."""
    allow = allowed_hosts()
    named = known or allow.names_host(host)
    if not named and not _may_be_covered(allow, host):
        # Not even resolved: a name no entry allows is never looked up.
        return Permission(host, False, _not_allowed(host))
    # The guard refuses private addresses unless listed: pass it this host (when named)
    # and the allowed networks, on top of SSRF_ALLOWED_HOSTS.
    passed = [*settings.SSRF_ALLOWED_HOSTS, *(str(n) for n in allow.networks)]
    if named:
        passed.append(host)
    try:
        safe = validate_safe_host(host, port, passed)
    except UnsafeURLError as exc:
        return Permission(host, False, str(exc))
    addresses = tuple(str(address) for address in safe.addresses)
    if not named and not all(allow.covers(address) for address in addresses):
        return Permission(host, False, _not_allowed(host))
    return Permission(host, True, "", addresses, tuple(passed))


def _may_be_covered(allow: AllowedHosts, host: str) -> bool:
    try:
        return allow.covers(host)  # an address: in an allowed network or not
    except ValueError:
        return bool(allow.networks)  # a name: only its addresses can tell


def _not_allowed(host: str) -> str:
    return (
        f"{host} is not in NODES_ALLOWED_HOSTS; add it (or *.its-domain, or its network) "
        "to let Vigil scrape and probe it"
    )
