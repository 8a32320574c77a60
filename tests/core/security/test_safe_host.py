"""validate_safe_host: the URL guard's rules for SMTP and other non-HTTP hosts."""

import ipaddress

import pytest

from vigil.core.security.urls import UnsafeURLError, validate_safe_host


def public(host, port):
    return ["93.184.216.34"]


def rebinding(host, port):
    return ["93.184.216.34", "10.0.0.5"]


def test_public_name_resolves_to_the_addresses_to_connect_to():
    safe = validate_safe_host("Mail.Example.COM.", 587, resolver=public)
    assert (safe.host, safe.port) == ("mail.example.com", 587)
    assert safe.addresses == [ipaddress.ip_address("93.184.216.34")]


@pytest.mark.parametrize(
    "host,reason",
    [
        ("127.0.0.1", "loopback"),
        ("localhost", "loopback"),
        ("10.1.2.3", "private"),
        ("169.254.169.254", "link-local"),
        ("::1", "loopback"),
        ("[::1]", "loopback"),
        ("0x7f.1", "ambiguous IPv4"),
        ("smtp.example.com:25", "without scheme, path or port"),
        ("user@smtp.example.com", "without scheme, path or port"),
        ("smtp.example.com/x", "without scheme, path or port"),
        ("smtp\nexample.com", "control characters"),
        ("", "non-empty"),
    ],
)
def test_unsafe_hosts_are_refused(host, reason):
    with pytest.raises(UnsafeURLError, match=reason):
        validate_safe_host(host, 25, resolver=public)


def test_every_resolved_address_must_be_public():
    with pytest.raises(UnsafeURLError, match="resolves to 10.0.0.5"):
        validate_safe_host("mail.example.com", 25, resolver=rebinding)


@pytest.mark.parametrize("port", [0, 65536, -1, True, "25"])
def test_invalid_ports_are_refused(port):
    with pytest.raises(UnsafeURLError, match="invalid port"):
        validate_safe_host("mail.example.com", port, resolver=public)


def test_allow_list_admits_a_private_relay(settings):
    settings.SSRF_ALLOWED_HOSTS = ["10.0.0.0/8"]
    assert validate_safe_host("10.1.2.3", 25).addresses == [ipaddress.ip_address("10.1.2.3")]
    assert validate_safe_host("127.0.0.1", 25, ["127.0.0.1"]).host == "127.0.0.1"
