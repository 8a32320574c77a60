"""The one guard for URLs the server will fetch (SSRF).

A URL is safe when it is plain http(s), carries no credentials, names its host in one
unambiguous spelling, and every address that host resolves to is publicly routable
(or explicitly allowed by SSRF_ALLOWED_HOSTS). The HTTP client then connects to the
addresses validated here, never to a second DNS answer.
"""

import functools
import ipaddress
import re
import socket
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import idna
from django.core.exceptions import ImproperlyConfigured

from vigil.core.security import setting
from vigil.core.security.redact import redact_url

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Iterable[str]]

MAX_URL_LENGTH = 8192
DEFAULT_PORTS = {"http": 80, "https": 443}

_V4 = ipaddress.IPv4Network
_V6 = ipaddress.IPv6Network
# Explicit, because ipaddress.is_global differs between Python versions and calls
# multicast and 6to4 space "global".
BLOCKED_NETWORKS: tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str], ...] = (
    (_V4("0.0.0.0/8"), "'this network'"),
    (_V4("10.0.0.0/8"), "private"),
    (_V4("100.64.0.0/10"), "carrier-grade NAT"),
    (_V4("127.0.0.0/8"), "loopback"),
    (_V4("169.254.0.0/16"), "link-local (cloud metadata)"),
    # Azure's WireServer: metadata and agent traffic, reachable from every Azure VM.
    (_V4("168.63.129.16/32"), "cloud metadata (Azure WireServer)"),
    (_V4("172.16.0.0/12"), "private"),
    (_V4("192.0.0.0/24"), "IETF protocol assignments"),
    (_V4("192.0.2.0/24"), "documentation"),
    (_V4("192.88.99.0/24"), "6to4 relay anycast"),
    (_V4("192.168.0.0/16"), "private"),
    (_V4("198.18.0.0/15"), "benchmarking"),
    (_V4("198.51.100.0/24"), "documentation"),
    (_V4("203.0.113.0/24"), "documentation"),
    (_V4("224.0.0.0/4"), "multicast"),
    (_V4("240.0.0.0/4"), "reserved"),
    (_V4("255.255.255.255/32"), "broadcast"),
    (_V6("::/128"), "unspecified"),
    (_V6("::1/128"), "loopback"),
    (_V6("::ffff:0:0/96"), "IPv4-mapped"),
    (_V6("::ffff:0:0:0/96"), "IPv4-translated"),
    (_V6("::/96"), "IPv4-compatible"),
    (_V6("64:ff9b:1::/48"), "local-use NAT64"),
    (_V6("100::/64"), "discard-only"),
    (_V6("2001::/23"), "IETF protocol assignments (Teredo, benchmarking)"),
    (_V6("2001:db8::/32"), "documentation"),
    (_V6("3fff::/20"), "documentation"),
    (_V6("5f00::/16"), "segment routing"),
    (_V6("fc00::/7"), "unique local (private)"),
    (_V6("fe80::/10"), "link-local"),
    (_V6("fec0::/10"), "site-local"),
    (_V6("ff00::/8"), "multicast"),
)
_NAT64 = _V6("64:ff9b::/96")
_6TO4 = _V6("2002::/16")

_HOST_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_IPV4_NUMBER = re.compile(r"[0-9]+|0x[0-9a-f]*")
_PORT = re.compile(r"[0-9]{1,5}")


class UnsafeURLError(ValueError):
    pass


@dataclass(frozen=True)
class SafeURL:
    url: str
    scheme: str
    host: str
    port: int
    addresses: list[IPAddress] = field(default_factory=list)

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"


def _refuse(url: str, reason: str, what: str = "URL") -> UnsafeURLError:
    shown = redact_url(url) if isinstance(url, str) else repr(url)
    if len(shown) > 200:
        shown = shown[:197] + "..."
    return UnsafeURLError(f"refused {what} {shown!r}: {reason}")


def validate_safe_url(
    url: object,
    allowed_hosts: Iterable[str] | None = None,
    *,
    resolver: Resolver | None = None,
) -> SafeURL:
    if not isinstance(url, str):
        raise _refuse(repr(url), f"a URL must be a string, not {type(url).__name__}")
    if len(url) > MAX_URL_LENGTH:
        raise _refuse(url, f"longer than {MAX_URL_LENGTH} characters")
    _check_characters(url)
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise _refuse(url, f"not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise _refuse(url, f"scheme {parts.scheme!r} is not allowed; use http or https")
    if not parts.netloc:
        raise _refuse(url, "no host")
    if "@" in parts.netloc:
        raise _refuse(url, "credentials in the URL are not allowed; use a header instead")
    host, port = _split_netloc(url, parts.netloc, scheme)
    host, literal = _canonical_host(url, host)
    allow = AllowList.from_entries(allowed_hosts)
    if literal is not None:
        addresses = [literal]
    else:
        addresses = _resolve(url, host, port, resolver or system_resolver)
    for address in addresses:
        if not allow.permits(host, address):
            reason = forbidden_reason(address) or "not a publicly routable address"
            shown = host if literal is not None else f"{host} resolves to {address}, which"
            raise _refuse(url, f"{shown} is {reason}; allow it with SSRF_ALLOWED_HOSTS")
    netloc = f"[{host}]" if ":" in host else host
    if port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    query = f"?{parts.query}" if parts.query else ""
    normalized = f"{scheme}://{netloc}{parts.path or '/'}{query}"
    return SafeURL(normalized, scheme, host, port, addresses)


def _check_characters(url: str) -> None:
    # Parsers disagree about whitespace, control characters and backslashes (urllib
    # strips tabs and newlines, browsers read "\" as "/"); refusing them removes the
    # disagreement instead of guessing which reading the connection will use.
    for char in url:
        if char == "\\":
            raise _refuse(url, "backslashes are not allowed")
        if char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Cs", "Zl", "Zp"}:
            raise _refuse(url, f"contains the character {char!r}")


def _split_netloc(url: str, netloc: str, scheme: str) -> tuple[str, int]:
    if netloc.startswith("["):
        host, _, rest = netloc[1:].partition("]")
        if not rest.startswith(":") and rest:
            raise _refuse(url, "malformed bracketed host")
        port_text = rest[1:] if rest else None
        host = f"[{host}]"
    else:
        host, colon, port_text = netloc.partition(":")
        port_text = port_text if colon else None
    if port_text is None:
        return host, DEFAULT_PORTS[scheme]
    if not _PORT.fullmatch(port_text) or not 0 < int(port_text) < 65536:
        raise _refuse(url, f"invalid port {port_text!r}")
    return host, int(port_text)


def _canonical_host(url: str, host: str) -> tuple[str, IPAddress | None]:
    """Return (ASCII host, address if the host is an IP literal)."""
    if "%" in host:
        raise _refuse(url, "percent-encoded hosts and IPv6 zone ids are not allowed")
    if host.startswith("["):
        try:
            address = ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            raise _refuse(url, f"invalid IPv6 address {host!r}") from None
        return str(address), address
    if not host:
        raise _refuse(url, "no host")
    ascii_host = _to_ascii(url, host)
    address = _parse_ipv4(url, ascii_host)
    if address is not None:
        if ascii_host != str(address) or not host.isascii():
            raise _refuse(
                url,
                f"ambiguous IPv4 notation {host!r} (means {address}); "
                "write the address as four decimal numbers",
            )
        return ascii_host, address
    return ascii_host, None


def _to_ascii(url: str, host: str) -> str:
    # One trailing dot is the fully-qualified spelling of the same name.
    name = host[:-1] if host.endswith(".") else host
    if not name.isascii():
        try:
            name = idna.encode(name, uts46=True, std3_rules=True).decode("ascii")
        except (idna.IDNAError, UnicodeError) as exc:
            raise _refuse(url, f"invalid international host name ({exc})") from None
    name = name.lower()
    labels = name.split(".")
    if len(name) > 253 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
        raise _refuse(url, f"invalid host name {host!r}")
    return name


def _parse_ipv4(url: str, host: str) -> ipaddress.IPv4Address | None:
    # WHATWG (and inet_aton, which getaddrinfo uses) read a host whose last label is a
    # number as an IPv4 address in decimal, octal (0177) or hex (0x7f), with 1-4 parts.
    labels = host.split(".")
    if not _IPV4_NUMBER.fullmatch(labels[-1]):
        return None
    if len(labels) > 4 or not all(_IPV4_NUMBER.fullmatch(label) for label in labels):
        raise _refuse(url, f"invalid IPv4 address {host!r}")
    numbers = []
    for label in labels:
        if label.startswith("0x"):
            numbers.append(int(label[2:] or "0", 16))
        elif len(label) > 1 and label.startswith("0"):
            if not set(label) <= set("01234567"):
                raise _refuse(url, f"invalid IPv4 address {host!r}")
            numbers.append(int(label, 8))
        else:
            numbers.append(int(label))
    *head, last = numbers
    if any(number > 255 for number in head) or last >= 256 ** (5 - len(numbers)):
        raise _refuse(url, f"invalid IPv4 address {host!r}")
    value = last
    for index, number in enumerate(head):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return [info[4][0] for info in infos]


def _resolve(url: str, host: str, port: int, resolver: Resolver) -> list[IPAddress]:
    if host == "localhost" or host.endswith(".localhost"):
        raw: Iterable[str] = ["127.0.0.1"]  # RFC 6761: always loopback, whatever DNS says
    else:
        try:
            raw = list(resolver(host, port))
        except (OSError, UnicodeError) as exc:
            # Fail closed: an unresolvable host is refused, never passed on to httpx.
            raise _refuse(url, f"cannot resolve {host!r} ({exc.__class__.__name__})") from None
    addresses: list[IPAddress] = []
    for text in raw:
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            raise _refuse(url, f"{host!r} resolved to a non-address {text!r}") from None
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise _refuse(url, f"{host!r} has no address")
    return addresses


@dataclass(frozen=True)
class SafeHost:
    host: str
    port: int
    addresses: list[IPAddress] = field(default_factory=list)


def validate_safe_host(
    host: object,
    port: int,
    allowed_hosts: Iterable[str] | None = None,
    *,
    resolver: Resolver | None = None,
) -> SafeHost:
    """The URL rules for a bare host and port (SMTP and other non-HTTP protocols).

    Same refusals and SSRF_ALLOWED_HOSTS exceptions as validate_safe_url; connect to
    `addresses`, never to a second DNS answer.
    """
    shown = f"{host}:{port}"
    if not isinstance(host, str) or not host:
        raise _refuse(repr(host), "a host must be a non-empty string", "host")
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise _refuse(shown, f"invalid port {port!r}", "host")
    try:
        _check_characters(host)
    except UnsafeURLError:
        raise _refuse(shown, "control characters, spaces or backslashes", "host") from None
    bracketed = host.startswith("[") and host.endswith("]")
    bare = host[1:-1] if bracketed else host
    looks_v6 = bracketed or bare.count(":") >= 2
    if any(char in bare for char in "/?#@[]") or (":" in bare and not looks_v6):
        raise _refuse(shown, "a host is a name or an address, without scheme, path or port", "host")
    name, literal = _canonical_host(shown, f"[{bare}]" if ":" in bare else bare)
    allow = AllowList.from_entries(allowed_hosts)
    if literal is not None:
        addresses = [literal]
    else:
        addresses = _resolve(shown, name, port, resolver or system_resolver)
    for address in addresses:
        if not allow.permits(name, address):
            reason = forbidden_reason(address) or "not a publicly routable address"
            what = name if literal is not None else f"{name} resolves to {address}, which"
            raise _refuse(shown, f"{what} is {reason}; allow it with SSRF_ALLOWED_HOSTS", "host")
    return SafeHost(name, port, addresses)


def forbidden_reason(address: IPAddress) -> str | None:
    for network, name in BLOCKED_NETWORKS:
        if address.version == network.version and address in network:
            return f"in the {name} range ({network})"
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        reason = forbidden_reason(embedded)
        return f"an address embedding {embedded}, which is {reason}" if reason else None
    if not address.is_global:
        return "not a publicly routable address"
    return None


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    if address.version != 6:
        return None
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address in _6TO4:
        return address.sixtofour
    return None


@dataclass(frozen=True)
class AllowList:
    hosts: frozenset[str]
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]

    @classmethod
    def from_entries(cls, entries: Iterable[str] | None) -> "AllowList":
        if entries is None:
            entries = setting("SSRF_ALLOWED_HOSTS", [])
        if isinstance(entries, str):
            entries = entries.split(",")
        # Every outbound request asks, most with the settings' list: parsed once.
        return cls._parsed(tuple(str(entry) for entry in entries))

    @classmethod
    @functools.lru_cache(maxsize=64)
    def _parsed(cls, entries: tuple[str, ...]) -> "AllowList":
        hosts, networks = set(), []
        for entry in entries:
            text = entry.strip().lower().rstrip(".")
            if text.startswith("[") and text.endswith("]"):
                text = text[1:-1]
            if not text:
                continue
            try:
                networks.append(ipaddress.ip_network(text, strict=False))
            except ValueError:
                if "/" in text or not all(_HOST_LABEL.fullmatch(x) for x in text.split(".")):
                    raise ImproperlyConfigured(
                        f"SSRF_ALLOWED_HOSTS entry {entry!r} is not a host name, IP or CIDR"
                    ) from None
                hosts.add(text)
        return cls(frozenset(hosts), tuple(networks))

    def permits(self, host: str, address: IPAddress) -> bool:
        if host in self.hosts or any(address in network for network in self.networks):
            return True
        return forbidden_reason(address) is None
