import asyncio
import datetime
import gzip
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpcore
import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.test import override_settings

from vigil.core.security.connections import PinnedBackend, pinned
from vigil.core.security.http import (
    MAX_REDIRECTS,
    HTTPStatusError,
    OutboundConnectionError,
    OutboundHTTPError,
    OutboundTimeout,
    RefusedURLError,
    ResponseTooLarge,
    SafeSession,
    TooManyRedirects,
    UnsafeURLError,
    request,
    safe_async_client,
    safe_client,
)
from vigil.core.security.urls import validate_safe_url

LOCAL = ["127.0.0.1"]
PUBLIC = "93.184.216.34"


@dataclass
class Received:
    method: str
    path: str
    headers: dict
    body: bytes
    client_port: int = 0


@dataclass
class Server:
    port: int = 0
    requests: list[Received] = field(default_factory=list)
    routes: dict = field(default_factory=dict)
    scheme: str = "http"
    closed_ports: list[int] = field(default_factory=list)  # connections the client ended

    def url(self, path="/", host="127.0.0.1"):
        return f"{self.scheme}://{host}:{self.port}{path}"


def reply(status=200, body=b"ok", headers=None, *, length=True):
    def respond(handler):
        handler.send_response(status)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        if length:
            handler.send_header("Content-Length", str(len(body)))
        else:
            handler.send_header("Connection", "close")
            handler.close_connection = True
        handler.end_headers()
        handler.wfile.write(body)

    return respond


def _handler_for(server: Server):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def handle_one(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {name.lower(): value for name, value in self.headers.items()}
            received = Received(self.command, self.path, headers, body, self.client_address[1])
            server.requests.append(received)
            server.routes.get(self.path.split("?")[0], reply())(self)

        do_GET = do_POST = do_PUT = do_DELETE = handle_one

        def log_message(self, *args):
            pass

        def finish(self):
            super().finish()
            server.closed_ports.append(self.client_address[1])

    return Handler


class IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def _serve(ssl_context=None, host="127.0.0.1"):
    server = Server(scheme="https" if ssl_context else "http")
    server_class = IPv6Server if ":" in host else ThreadingHTTPServer
    httpd = server_class((host, 0), _handler_for(server))
    httpd.daemon_threads = True
    httpd.handle_error = lambda request, address: None  # clients that time out hang up
    if ssl_context:
        httpd.socket = ssl_context.wrap_socket(httpd.socket, server_side=True)
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.01})
    thread.start()
    return server, httpd, thread


@pytest.fixture
def server():
    served, httpd, thread = _serve()
    yield served
    httpd.shutdown()
    httpd.server_close()
    thread.join()


other_server = server


@pytest.fixture
def ipv6_server():
    try:
        served, httpd, thread = _serve(host="::1")
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    yield served
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_request_sends_exactly_the_request_and_returns_the_response(server):
    server.routes["/hook"] = reply(201, b'{"id": 7}', {"Content-Type": "application/json"})
    response = request(
        "POST",
        server.url("/hook?run=1"),
        json={"text": "disk full"},
        headers={"X-Trace": "t-1"},
        allowed_hosts=LOCAL,
    )
    [received] = server.requests
    assert (received.method, received.path, received.body) == (
        "POST",
        "/hook?run=1",
        b'{"text":"disk full"}',
    )
    assert received.headers["host"] == f"127.0.0.1:{server.port}"
    assert received.headers["content-type"] == "application/json"
    assert received.headers["x-trace"] == "t-1"
    assert received.headers["user-agent"] == "Vigil"
    assert (response.status_code, response.ok, response.json()) == (201, True, {"id": 7})
    assert response.url == server.url("/hook?run=1")


def test_requests_to_one_host_reuse_a_connection(server):
    peers = []

    def remember_peer(handler):
        peers.append(handler.client_address)
        reply()(handler)

    server.routes["/p"] = remember_peer
    for _ in range(3):
        request("POST", server.url("/p"), content=b"{}", allowed_hosts=LOCAL)
    assert len(peers) == 3 and len(set(peers)) == 1


def test_a_cookie_set_by_one_response_is_never_sent_again(server):
    server.routes["/set"] = reply(200, b"ok", {"Set-Cookie": "session=s3cr3t; Path=/"})
    request("GET", server.url("/set"), allowed_hosts=LOCAL)
    request("GET", server.url("/next"), allowed_hosts=LOCAL)
    assert "cookie" not in server.requests[1].headers


def test_ipv6_literal_is_connected_to_in_brackets(ipv6_server):
    response = request("GET", f"http://[::1]:{ipv6_server.port}/v6", allowed_hosts=["::1"])
    assert response.text == "ok"
    assert ipv6_server.requests[0].headers["host"] == f"[::1]:{ipv6_server.port}"


def test_form_body_is_sent_form_encoded(server):
    request("POST", server.url("/form"), data={"a": "1 2"}, allowed_hosts=LOCAL)
    assert server.requests[0].body == b"a=1+2"


def test_loopback_is_allowed_through_the_setting(server):
    with override_settings(SSRF_ALLOWED_HOSTS=["127.0.0.1"]):
        assert request("GET", server.url("/")).text == "ok"


def test_loopback_is_refused_before_connecting_without_the_setting(server):
    with (
        override_settings(SSRF_ALLOWED_HOSTS=[]),
        pytest.raises(RefusedURLError, match="loopback") as caught,
    ):
        request("GET", server.url("/"))
    assert server.requests == []
    assert isinstance(caught.value, UnsafeURLError) and isinstance(caught.value, OutboundHTTPError)
    assert caught.value.permanent


@pytest.mark.parametrize(
    "location",
    [
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://10.0.0.1/admin",
        "http://[::ffff:169.254.169.254]/",
        "http://0xa9fea9fe/",
        "http://2852039166/",
        "ftp://127.0.0.1/",
        "file:///etc/passwd",
    ],
)
def test_redirect_to_a_forbidden_address_is_refused_before_connecting(server, location):
    server.routes["/go"] = reply(302, b"", {"Location": location})
    with pytest.raises(RefusedURLError):
        request("GET", server.url("/go"), allowed_hosts=LOCAL)
    assert [r.path for r in server.requests] == ["/go"]


def test_redirect_to_a_name_resolving_to_a_private_address_is_refused(server):
    server.routes["/go"] = reply(302, b"", {"Location": "http://intranet.example/"})

    def resolver(host, port):
        return ["127.0.0.1"] if host == "127.0.0.1" else ["10.1.1.1"]

    with (
        safe_client(allowed_hosts=LOCAL, resolver=resolver) as client,
        pytest.raises(RefusedURLError, match="intranet.example resolves to 10.1.1.1"),
    ):
        client.get(server.url("/go"))


def test_redirects_are_followed_and_each_hop_is_checked(server):
    server.routes["/a"] = reply(301, b"", {"Location": "/b"})
    server.routes["/b"] = reply(302, b"", {"Location": server.url("/c")})
    response = request("GET", server.url("/a"), allowed_hosts=LOCAL)
    assert [r.path for r in server.requests] == ["/a", "/b", "/c"]
    assert response.url == server.url("/c")


def test_redirects_are_not_followed_when_asked(server):
    server.routes["/a"] = reply(302, b"", {"Location": "/b"})
    response = request("GET", server.url("/a"), allowed_hosts=LOCAL, follow_redirects=False)
    assert response.status_code == 302 and len(server.requests) == 1


def test_redirect_loop_stops_after_the_limit(server):
    server.routes["/loop"] = reply(302, b"", {"Location": "/loop"})
    with pytest.raises(TooManyRedirects, match="more than 5 redirects") as caught:
        request("GET", server.url("/loop"), allowed_hosts=LOCAL)
    assert len(server.requests) == MAX_REDIRECTS + 1
    assert caught.value.permanent


def test_authorization_does_not_follow_a_redirect_to_another_origin(server, other_server):
    server.routes["/out"] = reply(302, b"", {"Location": other_server.url("/in")})
    request(
        "GET", server.url("/out"), headers={"Authorization": "Bearer s3cret"}, allowed_hosts=LOCAL
    )
    assert server.requests[0].headers["authorization"] == "Bearer s3cret"
    assert "authorization" not in other_server.requests[0].headers
    assert other_server.requests[0].headers["host"] == f"127.0.0.1:{other_server.port}"


def test_declared_oversized_response_is_refused(server):
    server.routes["/big"] = reply(200, b"x" * 5000)
    with pytest.raises(ResponseTooLarge, match="5000 bytes exceeds the 1000-byte limit") as caught:
        request("GET", server.url("/big"), max_bytes=1000, allowed_hosts=LOCAL)
    assert caught.value.permanent


def test_undeclared_oversized_response_is_cut_off(server):
    server.routes["/stream"] = reply(200, b"x" * 200_000, length=False)
    with pytest.raises(ResponseTooLarge, match="larger than 1000 bytes"):
        request("GET", server.url("/stream"), max_bytes=1000, allowed_hosts=LOCAL)


def test_compressed_response_is_capped_after_decompression(server):
    bomb = gzip.compress(b"\0" * 2_000_000)
    server.routes["/gz"] = reply(200, bomb, {"Content-Encoding": "gzip"})
    assert len(bomb) < 10_000
    with pytest.raises(ResponseTooLarge):
        request("GET", server.url("/gz"), max_bytes=100_000, allowed_hosts=LOCAL)


def test_max_bytes_defaults_to_the_setting(server):
    server.routes["/big"] = reply(200, b"x" * 3000)
    with (
        override_settings(OUTBOUND_HTTP_MAX_BYTES=2048),
        pytest.raises(ResponseTooLarge, match="2048"),
    ):
        request("GET", server.url("/big"), allowed_hosts=LOCAL)


def test_slow_server_times_out_as_a_transient_error(server):
    def slow(handler):
        time.sleep(0.4)
        reply()(handler)

    server.routes["/slow"] = slow
    started = time.monotonic()
    with pytest.raises(OutboundTimeout, match="no answer within 0.1 s") as caught:
        request("GET", server.url("/slow?token=abc123"), timeout=0.1, allowed_hosts=LOCAL)
    assert time.monotonic() - started < 0.35
    assert not caught.value.permanent
    assert "abc123" not in str(caught.value) and "token=***" in str(caught.value)


def test_refused_connection_is_a_transient_error():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = httpd.server_address[1]
    httpd.server_close()
    with pytest.raises(OutboundConnectionError) as caught:
        request("GET", f"http://127.0.0.1:{port}/", allowed_hosts=LOCAL)
    assert not caught.value.permanent


@pytest.mark.parametrize(
    ("status", "permanent"), [(404, True), (410, True), (429, False), (503, False)]
)
def test_raise_for_status_classifies_errors(server, status, permanent):
    server.routes["/s"] = reply(status)
    response = request("GET", server.url("/s?key=k3y"), allowed_hosts=LOCAL)
    with pytest.raises(HTTPStatusError, match=f"HTTP {status}") as caught:
        response.raise_for_status()
    assert caught.value.permanent is permanent and caught.value.status_code == status
    assert "k3y" not in str(caught.value)


def test_raw_url_is_checked_before_httpx_normalises_it(server):
    for url in (f"http://127.0.0.1:{server.port}\\@example.com/", f" {server.url('/')}"):
        with pytest.raises(RefusedURLError):
            request("GET", url, allowed_hosts=LOCAL)
    assert server.requests == []


def _rebinding_resolver(*answers):
    calls = []

    def resolver(host, port):
        calls.append(host)
        return [answers[min(len(calls), len(answers)) - 1]]

    resolver.calls = calls
    return resolver


def test_dns_rebinding_between_check_and_connect_is_refused(server):
    resolver = _rebinding_resolver(PUBLIC, "127.0.0.1")
    url = f"http://rebind.example:{server.port}/"
    assert str(validate_safe_url(url, [], resolver=resolver).addresses[0]) == PUBLIC
    with (
        safe_client(allowed_hosts=[], resolver=resolver) as client,
        pytest.raises(RefusedURLError, match="resolves to 127.0.0.1"),
    ):
        client.get(url)
    assert resolver.calls == ["rebind.example", "rebind.example"]
    assert server.requests == []


def test_connection_goes_to_the_validated_address_with_the_original_host(server):
    # "pinned.test" has no DNS entry (and the network guard forbids lookups): the request
    # can only arrive because the transport connected to the address it validated.
    resolver = _rebinding_resolver("127.0.0.1")
    server.routes["/rel"] = reply(302, b"", {"Location": "/final"})
    with safe_client(allowed_hosts=LOCAL, resolver=resolver) as client:
        response = client.get(f"http://pinned.test:{server.port}/rel", headers={"Host": "evil"})
    assert response.status_code == 200
    assert [(r.path, r.headers["host"]) for r in server.requests] == [
        ("/rel", f"pinned.test:{server.port}"),
        ("/final", f"pinned.test:{server.port}"),
    ]
    assert str(response.url) == f"http://pinned.test:{server.port}/final"
    assert resolver.calls == ["pinned.test", "pinned.test"]


def test_next_validated_address_is_tried_when_one_refuses(server):
    def resolver(host, port):
        return ["127.0.0.2", "127.0.0.1"]  # nothing listens on 127.0.0.2

    with safe_client(allowed_hosts=["127.0.0.0/8"], resolver=resolver) as client:
        assert client.get(f"http://two.test:{server.port}/").status_code == 200
    assert server.requests[0].headers["host"] == f"two.test:{server.port}"


def test_safe_client_caps_responses_for_sdk_callers(server):
    server.routes["/big"] = reply(200, b"x" * 3000, length=False)
    with safe_client(allowed_hosts=LOCAL, max_bytes=1000) as client:
        with pytest.raises(ResponseTooLarge):
            client.get(server.url("/big"))
        assert client.get(server.url("/")).text == "ok"


def test_safe_client_ignores_proxy_environment(server, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://10.9.9.9:3128")
    monkeypatch.setenv("ALL_PROXY", "http://10.9.9.9:3128")
    with safe_client(allowed_hosts=LOCAL) as client:
        assert client.get(server.url("/")).status_code == 200


# --- TLS: the certificate is checked against the host name, not the pinned address -------


def _certificates(tmp_path, name):
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Vigil test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(ca_name)
        .public_key(leaf_key.public_key())
        .serial_number(2)
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    (tmp_path / "leaf.pem").write_bytes(
        leaf.public_bytes(pem)
        + leaf_key.private_bytes(
            pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    client = ssl.create_default_context(cadata=ca.public_bytes(pem).decode())
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(tmp_path / "leaf.pem")
    return server, client


@pytest.fixture
def tls_server(tmp_path):
    server_context, client_context = _certificates(tmp_path, "pinned.test")
    names = []
    server_context.sni_callback = lambda sock, name, context: names.append(name)
    served, httpd, thread = _serve(server_context)
    yield served, client_context, names
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_tls_uses_the_host_name_for_sni_and_certificate_checks(tls_server):
    server, client_context, names = tls_server
    resolver = _rebinding_resolver("127.0.0.1")
    with safe_client(allowed_hosts=LOCAL, resolver=resolver, verify=client_context) as client:
        assert client.get(f"https://pinned.test:{server.port}/").text == "ok"
        with pytest.raises(httpx.ConnectError, match="certificate"):
            client.get(f"https://impostor.test:{server.port}/")
    assert names[0] == "pinned.test"
    assert [r.headers["host"] for r in server.requests] == [f"pinned.test:{server.port}"]


def test_the_async_client_checks_the_certificate_against_the_host_name(tls_server):
    server, client_context, names = tls_server
    options = {"allowed_hosts": LOCAL, "resolver": _rebinding_resolver("127.0.0.1"),
               "verify": client_context}  # fmt: skip

    async def fetch(host):
        async with safe_async_client(**options) as client:
            return (await client.get(f"https://{host}:{server.port}/")).text

    assert asyncio.run(fetch("pinned.test")) == "ok"
    with pytest.raises(httpx.ConnectError, match="certificate"):
        asyncio.run(fetch("impostor.test"))
    assert names[0] == "pinned.test"
    assert [r.headers["host"] for r in server.requests] == [f"pinned.test:{server.port}"]


# --- request(): the same pinned pools, read whole ----------------------------------------


def test_request_connects_to_the_validated_address_and_sends_the_host_name(server):
    # "pinned.test" has no DNS entry: the request arrives only through the address the
    # session validated, once per hop, and a caller's Host header is not sent.
    resolver = _rebinding_resolver("127.0.0.1")
    server.routes["/rel"] = reply(302, b"", {"Location": "/final"})
    session = SafeSession(resolver=resolver)
    response = session.request(
        "GET", f"http://pinned.test:{server.port}/rel", headers={"Host": "evil"},
        allowed_hosts=LOCAL,
    )  # fmt: skip
    assert response.status_code == 200
    assert response.url == f"http://pinned.test:{server.port}/final"
    assert [(r.path, r.headers["host"]) for r in server.requests] == [
        ("/rel", f"pinned.test:{server.port}"),
        ("/final", f"pinned.test:{server.port}"),
    ]
    assert resolver.calls == ["pinned.test", "pinned.test"]


def test_request_tries_the_next_validated_address_when_one_refuses(server):
    session = SafeSession(resolver=lambda host, port: ["127.0.0.2", "127.0.0.1"])
    response = session.request(
        "GET", f"http://two.test:{server.port}/", allowed_hosts=["127.0.0.0/8"]
    )
    assert response.text == "ok"
    assert server.requests[0].headers["host"] == f"two.test:{server.port}"


def test_request_checks_the_certificate_against_the_host_name(tls_server):
    server, client_context, names = tls_server
    session = SafeSession(resolver=_rebinding_resolver("127.0.0.1"), verify=client_context)
    assert session.request("GET", f"https://pinned.test:{server.port}/", allowed_hosts=LOCAL).ok
    with pytest.raises(OutboundConnectionError, match="certificate") as caught:
        session.request("GET", f"https://impostor.test:{server.port}/", allowed_hosts=LOCAL)
    assert not caught.value.permanent
    assert names[0] == "pinned.test"
    assert [r.headers["host"] for r in server.requests] == [f"pinned.test:{server.port}"]


def test_a_connection_the_server_closed_while_idle_is_not_reused(server):
    def answer_then_hang_up(handler):
        reply()(handler)  # keep-alive answer, then the server closes its end
        handler.close_connection = True

    server.routes["/bye"] = answer_then_hang_up
    session = SafeSession()
    assert session.request("GET", server.url("/bye"), allowed_hosts=LOCAL).text == "ok"
    time.sleep(0.05)
    assert session.request("GET", server.url("/again"), allowed_hosts=LOCAL).text == "ok"
    assert [r.path for r in server.requests] == ["/bye", "/again"]


def test_a_response_ended_by_closing_the_connection_is_read_whole(server):
    server.routes["/close"] = reply(200, b"all of it", length=False)
    assert request("GET", server.url("/close"), allowed_hosts=LOCAL).text == "all of it"
    assert request("GET", server.url("/after"), allowed_hosts=LOCAL).text == "ok"


def test_a_compressed_response_is_decompressed(server):
    server.routes["/gz"] = reply(200, gzip.compress(b'{"ok": true}'), {"Content-Encoding": "gzip"})
    assert request("GET", server.url("/gz"), allowed_hosts=LOCAL).json() == {"ok": True}
    assert "gzip" in server.requests[0].headers["accept-encoding"]


@pytest.mark.parametrize(("status", "method", "body"), [(302, "GET", b""), (307, "POST", b"{}")])
def test_a_redirected_post_becomes_a_get_unless_the_status_keeps_it(server, status, method, body):
    server.routes["/moved"] = reply(status, b"", {"Location": "/new"})
    request("POST", server.url("/moved"), content=b"{}", allowed_hosts=LOCAL)
    moved = server.requests[1]
    assert (moved.method, moved.path, moved.body) == (method, "/new", body)


def test_a_header_that_would_split_the_request_is_refused_before_sending(server):
    with pytest.raises(OutboundHTTPError, match="invalid request header") as caught:
        request(
            "GET", server.url("/"), headers={"X-Note": "a\r\nX-Injected: 1"}, allowed_hosts=LOCAL
        )
    assert caught.value.permanent
    assert server.requests == []


def test_a_path_outside_ascii_is_sent_percent_encoded(server):
    request("GET", server.url("/caf\u00e9?q=\u00e9t\u00e9"), allowed_hosts=LOCAL)
    assert server.requests[0].path == "/caf%C3%A9?q=%C3%A9t%C3%A9"


def test_a_corrupt_compressed_response_is_an_outbound_error(server):
    server.routes["/bad"] = reply(200, b"not gzip at all", {"Content-Encoding": "gzip"})
    with pytest.raises(OutboundHTTPError, match="compressed response is corrupt") as caught:
        request("GET", server.url("/bad"), allowed_hosts=LOCAL)
    assert not caught.value.permanent


def test_a_kept_alive_connection_serves_only_requests_that_validated_its_address(server):
    # pinned.test first resolves to the server's address, then to one where nothing
    # listens: the open connection to the first must not carry the second request.
    answers = iter(["127.0.0.1", "127.0.0.1", "127.0.0.2"])
    session = SafeSession(resolver=lambda host, port: [next(answers)])
    url = f"http://pinned.test:{server.port}/"
    for _ in range(2):
        assert session.request("GET", url, allowed_hosts=["127.0.0.0/8"]).ok
    with pytest.raises(OutboundConnectionError, match="Connection refused"):
        session.request("GET", url, allowed_hosts=["127.0.0.0/8"])
    assert len(server.requests) == 2
    assert len({r.client_port for r in server.requests}) == 1  # kept alive until then


def test_many_hosts_keep_their_connections_within_the_pool_limit(server, monkeypatch):
    monkeypatch.setattr("vigil.core.security.connections.MAX_POOLS", 2)
    # Three address sets, so three pools; nothing listens on 127.0.0.2 or .3.
    sets = {"h1.test": ["127.0.0.1"], "h2.test": ["127.0.0.2", "127.0.0.1"],
            "h3.test": ["127.0.0.3", "127.0.0.1"]}  # fmt: skip
    session = SafeSession(resolver=lambda host, port: sets[host])
    for host in ("h1.test", "h2.test", "h3.test", "h1.test"):
        url = f"http://{host}:{server.port}/"
        assert session.request("GET", url, allowed_hosts=["127.0.0.0/8"]).ok
    ports = [r.client_port for r in server.requests]
    # h3 retired h1's pool, h1 again retired h2's: their idle connections were closed.
    assert len(set(ports)) == 4
    deadline = time.monotonic() + 2
    while len(server.closed_ports) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sorted(server.closed_ports) == sorted(ports[:2])


def test_safe_client_caps_a_compressed_answer_after_decompression(server):
    bomb = gzip.compress(b"\0" * 2_000_000)
    server.routes["/gz"] = reply(200, bomb, {"Content-Encoding": "gzip"})
    server.routes["/small"] = reply(200, gzip.compress(b"fine"), {"Content-Encoding": "gzip"})
    with safe_client(allowed_hosts=LOCAL, max_bytes=100_000) as client:
        with pytest.raises(ResponseTooLarge, match="larger than 100000 bytes"):
            client.get(server.url("/gz"))
        assert client.get(server.url("/small")).text == "fine"


def test_the_pool_connects_only_to_the_url_just_validated(server):
    safe = validate_safe_url(server.url("/"), LOCAL)
    backend = PinnedBackend()
    with pytest.raises(httpcore.ConnectError, match="not validated"):
        backend.connect_tcp("127.0.0.1", server.port)  # outside pinned()
    with pinned(safe), pytest.raises(httpcore.ConnectError, match="not validated"):
        backend.connect_tcp("127.0.0.1", server.port + 1)  # not the validated port
    with pinned(safe):
        backend.connect_tcp("127.0.0.1", server.port).close()


def test_an_answer_declared_too_large_closes_its_connection_for_sdk_callers(server):
    server.routes["/big"] = reply(200, b"x" * 5000)
    with safe_client(allowed_hosts=LOCAL, max_bytes=1000) as client:
        with pytest.raises(ResponseTooLarge, match="5000 bytes exceeds the 1000-byte limit"):
            client.get(server.url("/big"))
        # Its body unread, the connection cannot carry another request: it is closed
        # at once, not left open and counted as busy while the client lives.
        deadline = time.monotonic() + 2
        while not server.closed_ports and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server.closed_ports == [server.requests[0].client_port]
