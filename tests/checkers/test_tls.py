"""The tls checker against a real TLS server on 127.0.0.1 with a certificate made here."""

import ipaddress
import socket
import ssl
import threading
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from vigil.checkers.checkers.base import CheckContext, CheckOptions, Status
from vigil.checkers.checkers.tls import TlsChecker


def make_certificate(directory, days_valid: float, days_before: float = 1):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "vigil-test")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=days_before))
        .not_valid_after(now + timedelta(days=days_valid))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "cert.pem", directory / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


class TlsServer:
    def __init__(self, cert_file, key_file):
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert_file, key_file)
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stopped = False
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while not self.stopped:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            try:
                with self.context.wrap_socket(conn, server_side=True) as tls:
                    tls.recv(1)
            except (OSError, ssl.SSLError):
                pass  # the checker hangs up after the handshake, or refuses it

    def stop(self):
        self.stopped = True
        self.sock.close()


@pytest.fixture
def tls_server(tmp_path):
    servers = []

    def start(days_valid: float, days_before: float = 1):
        cert_file, key_file = make_certificate(tmp_path, days_valid, days_before)
        server = TlsServer(cert_file, key_file)
        servers.append(server)
        return server, cert_file

    yield start
    for server in servers:
        server.stop()


def check(target: str, ca_file=None, **thresholds):
    options = CheckOptions(
        tls_targets=[target], tls_ca_file=ca_file and str(ca_file), thresholds={"tls": thresholds}
    )
    return TlsChecker(CheckContext(options)).run()


def test_trusted_certificate_far_from_expiry(tls_server):
    server, cert_file = tls_server(days_valid=90)
    [result] = check(f"127.0.0.1:{server.port}", ca_file=cert_file)
    assert result.status is Status.OK
    assert result.target == f"127.0.0.1:{server.port}"
    assert 89 <= result.metrics["days_left"] <= 90
    assert result.metrics["trusted"] is True
    assert result.metrics["subject"] == "CN=vigil-test"


def test_certificate_close_to_expiry(tls_server):
    server, cert_file = tls_server(days_valid=10)
    [warning] = check(f"127.0.0.1:{server.port}", ca_file=cert_file)
    assert warning.status is Status.WARNING
    assert "renew it soon" in warning.message
    [critical] = check(f"127.0.0.1:{server.port}", ca_file=cert_file, critical_days=14)
    assert critical.status is Status.CRITICAL
    assert critical.thresholds["critical_days"] == 14.0


def test_expired_certificate_is_critical(tls_server):
    server, cert_file = tls_server(days_valid=-2, days_before=30)
    [result] = check(f"127.0.0.1:{server.port}", ca_file=cert_file)
    assert result.status is Status.CRITICAL
    assert "expired" in result.message
    assert result.metrics["days_left"] < 0


def test_untrusted_certificate_still_reports_expiry(tls_server):
    server, _ = tls_server(days_valid=90)
    [result] = check(f"127.0.0.1:{server.port}")
    assert result.status is Status.CRITICAL
    assert "not trusted" in result.message
    assert "self-signed" in result.message or "self signed" in result.message
    assert result.metrics["trusted"] is False
    assert 89 <= result.metrics["days_left"] <= 90


def test_closed_port_is_critical():
    sock = socket.create_server(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    [result] = check(f"127.0.0.1:{port}")
    assert result.status is Status.CRITICAL
    assert "TLS handshake failed" in result.message


def test_bad_target_is_unknown():
    [result] = check("127.0.0.1:notaport")
    assert result.status is Status.UNKNOWN
    assert "invalid port" in result.message
