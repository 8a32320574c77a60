import ipaddress
import socket

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from vigil.core.security.urls import SafeURL, UnsafeURLError, validate_safe_url

PUBLIC_V4 = "93.184.216.34"
PUBLIC_V6 = "2606:2800:220:1:248:1893:25c8:1946"


def no_dns(host, port):
    raise AssertionError(f"an IP literal must not be resolved (asked for {host!r})")


def answers(*addresses):
    calls = []

    def resolver(host, port):
        calls.append((host, port))
        return list(addresses)

    resolver.calls = calls
    return resolver


def refused(url, allowed_hosts=(), resolver=no_dns):
    with pytest.raises(UnsafeURLError) as caught:
        validate_safe_url(url, allowed_hosts, resolver=resolver)
    return str(caught.value)


LOOPBACK_AND_METADATA_SPELLINGS = [
    "http://127.0.0.1/",
    "http://127.0.0.1./",
    "http://127.255.255.254/",
    "http://0.0.0.0/",
    "http://169.254.169.254/latest/meta-data/",
    "http://168.63.129.16/machine?comp=goalstate",
    "http://[::ffff:168.63.129.16]/",
    "http://[::1]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::127.0.0.1]/",
    "http://[::ffff:0:7f00:1]/",
    "http://[64:ff9b::127.0.0.1]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[64:ff9b:1::808:808]/",
    "http://[2002:7f00:1::]/",
    "http://[2002:a9fe:a9fe::1]/",
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
    "http://[fe80::1]/",
    "http://[FE80::a:b:c:d]/",
    "http://[fec0::1]/",
    "http://[fc00::1]/",
    "http://[fd12:3456::1]/",
    "http://[ff02::1]/",
    "http://[100::1]/",
    "http://[2001:db8::1]/",
    "http://[3fff::1]/",
]
PRIVATE_AND_SPECIAL_V4 = [
    "0.1.2.3",
    "10.0.0.1",
    "10.255.255.255",
    "100.64.0.1",
    "100.127.255.254",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.1",
    "192.0.0.170",
    "192.0.2.1",
    "192.88.99.1",
    "198.18.0.1",
    "198.19.255.255",
    "198.51.100.7",
    "203.0.113.9",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
]


@pytest.mark.parametrize("url", LOOPBACK_AND_METADATA_SPELLINGS)
def test_internal_addresses_are_refused_in_every_ip_literal_spelling(url):
    assert "SSRF_ALLOWED_HOSTS" in refused(url)


@pytest.mark.parametrize("address", PRIVATE_AND_SPECIAL_V4)
def test_private_and_special_ipv4_ranges_are_refused(address):
    assert "SSRF_ALLOWED_HOSTS" in refused(f"https://{address}:8443/x")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.1/",
        "http://127.0.1/",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://0x7F.0x0.0x0.0x1/",
        "http://0177.0.0.1/",
        "http://0177.0000.0000.0001/",
        "http://017700000001/",
        "http://0x7f.1/",
        "http://127.0.0.01/",
        "http://0/",
        "http://0x/",
        "http://169.254.43518/",
        "http://0xa9fea9fe/",
        "http://8.8.8.010/",  # even a public address is refused in a disguised spelling
        "http://\u2460\u2461\u2466.0.0.1/",  # circled digits, IDNA-maps to 127.0.0.1
        "http://\uff11\uff12\uff17.\uff10.\uff10.\uff11/",  # fullwidth digits
        "http://127\u30020\u30020\u30021/",  # ideographic full stops
        "http://127\uff0e0\uff0e0\uff0e1/",  # fullwidth full stops
    ],
)
def test_ambiguous_ipv4_notations_are_refused(url):
    assert "IPv4" in refused(url) or "international" in refused(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://256.0.0.1/",
        "http://1.2.3.4.5/",
        "http://0x100.0.0.1/",
        "http://08.0.0.1/",
        "http://1.2.3.999999999/",
        "http://example.123/",
    ],
)
def test_invalid_ipv4_numbers_are_refused(url):
    assert "invalid IPv4" in refused(url)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("gopher://example.com:70/_x", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("data:text/plain,hi", "scheme"),
        ("//example.com/", "scheme"),
        ("example.com", "scheme"),
        ("http:/example.com", "no host"),
        ("http:///example.com", "no host"),
        ("http://user:hunter2@example.com/", "credentials"),
        ("http://user@example.com/", "credentials"),
        ("http://example.com@127.0.0.1/", "credentials"),
        ("http://127.0.0.1:80@example.com/", "credentials"),
        ("http://127.0.0.1\\@example.com/", "backslash"),
        ("http://example.com\\@127.0.0.1/", "backslash"),
        ("http:\\\\127.0.0.1\\", "backslash"),
        (" http://example.com/", "character"),
        ("http://example.com/ ", "character"),
        ("http://exa mple.com/", "character"),
        ("http://exa\tmple.com/", "character"),
        ("http://example.com/\r\nHost: 127.0.0.1", "character"),
        ("http://127.0.0.1\x00.example.com/", "character"),
        ("http://exa\u200bmple.com/", "character"),
        ("http://example.com\u3000/", "character"),
        ("http://example.com\u00a0/", "character"),
        ("http://%31%32%37.0.0.1/", "percent"),
        ("http://localhost%2eexample.com/", "percent"),
        ("http://[fe80::1%25eth0]/", "percent"),
        ("http://[fe80::1%eth0]/", "percent"),
        ("http://example.com:0/", "port"),
        ("http://example.com:65536/", "port"),
        ("http://example.com:80a/", "port"),
        ("http://example.com:/", "port"),
        ("http://example.com:-1/", "port"),
        ("http://[::1/", "valid URL"),
        ("http://[example.com]/", "IPv6"),
        ("http://[::1]x/", "bracketed"),
        ("http://example..com/", "invalid host"),
        ("http://-example.com/", "invalid host"),
        ("http://example.com../", "invalid host"),
        ("http://exa[mple.com/", "valid URL"),
        ("http://" + "a" * 9000 + ".com/", "longer than"),
        ("http://\u0000/", "character"),
        ("http://xn--/", "invalid host"),
        ("http://\u2100.example/", "valid URL"),  # ℀ maps to "a/c": a separator
    ],
)
def test_malformed_or_smuggling_urls_are_refused(url, reason):
    assert reason in refused(url, resolver=answers(PUBLIC_V4))


@pytest.mark.parametrize("value", [None, b"http://example.com/", 42, ["http://example.com"]])
def test_non_string_urls_are_refused(value):
    assert "must be a string" in refused(value)


@pytest.mark.parametrize(
    "url",
    ["http://localhost/", "http://LOCALHOST:8000/", "http://localhost./", "http://a.localhost/"],
)
def test_localhost_is_loopback_whatever_dns_says(url):
    assert "loopback" in refused(url, resolver=answers(PUBLIC_V4))


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (["10.0.0.5"], "private"),
        ([PUBLIC_V4, "127.0.0.1"], "loopback"),
        (["127.0.0.1", PUBLIC_V4], "loopback"),
        (["::ffff:169.254.169.254"], "IPv4-mapped"),
        (["fe80::1%eth0"], "link-local"),
        (["64:ff9b::a00:1"], "embedding 10.0.0.1, which is in the private range"),
        (["0.0.0.0"], "'this network'"),
        ([], "no address"),
        (["not-an-address"], "non-address"),
        (["999.1.1.1"], "non-address"),
    ],
)
def test_every_resolved_address_must_be_public(answer, reason):
    assert reason in refused("https://service.example.com/hook", resolver=answers(*answer))


@pytest.mark.parametrize("error", [socket.gaierror(-2, "Name or service not known"), OSError()])
def test_dns_failure_fails_closed(error):
    def broken(host, port):
        raise error

    assert "cannot resolve 'service.example.com'" in refused(
        "http://service.example.com/", resolver=broken
    )


def test_public_host_is_returned_with_the_addresses_that_were_checked():
    resolver = answers(PUBLIC_V4, PUBLIC_V6, PUBLIC_V4)
    safe = validate_safe_url("HTTPS://Example.COM.:8443/a/b?q=1#frag", [], resolver=resolver)
    assert safe == SafeURL(
        url="https://example.com:8443/a/b?q=1",
        scheme="https",
        host="example.com",
        port=8443,
        addresses=[ipaddress.ip_address(PUBLIC_V4), ipaddress.ip_address(PUBLIC_V6)],
    )
    assert resolver.calls == [("example.com", 8443)]
    assert safe.netloc == "example.com:8443"


@pytest.mark.parametrize(
    ("url", "host", "port"),
    [
        ("http://8.8.8.8/", "8.8.8.8", 80),
        ("https://[2606:4700:4700::1111]/", "2606:4700:4700::1111", 443),
        ("http://[64:ff9b::808:808]:8080/", "64:ff9b::808:808", 8080),  # NAT64 of 8.8.8.8
        ("http://[2002:808:808::1]/", "2002:808:808::1", 80),  # 6to4 of 8.8.8.8
    ],
)
def test_public_ip_literals_are_accepted_without_dns(url, host, port):
    safe = validate_safe_url(url, [], resolver=no_dns)
    assert (safe.host, safe.port, [str(a) for a in safe.addresses]) == (host, port, [host])


def test_fragment_and_query_cannot_carry_a_second_host():
    for url in ("http://example.com#@127.0.0.1/", "http://example.com?@127.0.0.1/"):
        resolver = answers(PUBLIC_V4)
        assert validate_safe_url(url, [], resolver=resolver).host == "example.com"
        assert resolver.calls == [("example.com", 80)]


def test_international_host_is_resolved_in_its_ascii_form():
    resolver = answers(PUBLIC_V4)
    safe = validate_safe_url("https://b\u00fccher.example/", [], resolver=resolver)
    assert safe.host == "xn--bcher-kva.example"
    assert resolver.calls == [("xn--bcher-kva.example", 443)]


def test_allowed_hosts_let_exact_hosts_addresses_and_networks_through():
    assert validate_safe_url("http://127.0.0.1:8000/", ["127.0.0.1"]).port == 8000
    local = validate_safe_url("http://localhost:8000/", ["localhost"])
    assert [str(a) for a in local.addresses] == ["127.0.0.1"]
    grafana = validate_safe_url("http://grafana.lan/", ["10.0.0.0/8"], resolver=answers("10.1.2.3"))
    assert grafana.host == "grafana.lan"
    named = validate_safe_url("http://Grafana.LAN./", ["grafana.lan"], resolver=answers("10.9.9.9"))
    assert str(named.addresses[0]) == "10.9.9.9"
    assert validate_safe_url("http://[::1]:9/", ["[::1]"]).host == "::1"


def test_allowed_hosts_are_exact():
    assert "private" in refused("http://grafana.lan/", ["10.0.0.0/8"], answers("192.168.1.1"))
    assert "IPv4-mapped" in refused("http://[::ffff:127.0.0.1]/", ["127.0.0.1"])
    assert "IPv4" in refused("http://127.1/", ["127.0.0.1"])
    assert "private" in refused("http://sub.grafana.lan/", ["grafana.lan"], answers("10.0.0.1"))
    assert "loopback" in refused("http://127.0.0.2/", ["127.0.0.1"])


def test_allowed_hosts_default_to_the_setting():
    with override_settings(SSRF_ALLOWED_HOSTS=["127.0.0.1"]):
        assert validate_safe_url("http://127.0.0.1:1234/").host == "127.0.0.1"
    with override_settings(SSRF_ALLOWED_HOSTS=[]):
        assert "loopback" in refused("http://127.0.0.1:1234/", allowed_hosts=None)


def test_invalid_allowed_hosts_entry_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="'10.0.0.0/33'"):
        validate_safe_url("http://8.8.8.8/", ["10.0.0.0/33"])


def test_messages_never_show_credentials_or_secret_query_values():
    message = refused("http://admin:hunter2@10.0.0.1/?token=abc123&x=1")
    assert "hunter2" not in message and "abc123" not in message
    assert "admin:***@10.0.0.1" in message
    message = refused("http://10.0.0.1/hooks/T0123456789ABCDEFGHIJKLMN/?sig=deadbeef")
    assert "T0123456789ABCDEFGHIJKLMN" not in message and "deadbeef" not in message
