"""Email against aiosmtpd on 127.0.0.1: plain, STARTTLS and implicit TLS, with AUTH."""

import datetime
import ipaddress
import socket
import ssl
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from vigil.notify.drivers import NotifyError
from vigil.notify.drivers.base import ConfigError
from vigil.notify.drivers.email import EmailDriver


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1: (cert PEM, cert file, key file)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    folder = tmp_path_factory.mktemp("tls")
    pem = cert.public_bytes(serialization.Encoding.PEM)
    (folder / "cert.pem").write_bytes(pem)
    (folder / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))  # fmt: skip
    return pem.decode(), str(folder / "cert.pem"), str(folder / "key.pem")


class Recorder:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.startswith("nobody@"):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (auth_data.login, auth_data.password) == (b"vigil", b"pa55word")
    return AuthResult(success=ok, handled=False)  # unhandled: aiosmtpd answers 535


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings, certificate):
    """Start aiosmtpd: smtp_server(mode) with mode plain, starttls or tls."""
    settings.SSRF_ALLOWED_HOSTS = ["127.0.0.1"]
    started = []
    _, cert_file, key_file = certificate

    def start(mode="starttls"):
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert_file, key_file)
        recorder = Recorder()
        # aiosmtpd only counts STARTTLS as TLS for auth_require_tls, not implicit TLS.
        kwargs = {"authenticator": authenticator, "auth_require_tls": mode == "starttls"}
        if mode == "starttls":
            kwargs.update(tls_context=context, require_starttls=True)
        elif mode == "tls":
            kwargs.update(ssl_context=context, server_hostname="127.0.0.1")
        else:
            kwargs.update(auth_require_tls=False)
        controller = Controller(recorder, hostname="127.0.0.1", port=free_port(), **kwargs)
        controller.start()
        started.append(controller)
        return controller, recorder

    yield start
    for controller in started:
        controller.stop()


def config(controller, certificate, **extra):
    pem, _, _ = certificate
    return {
        "host": "127.0.0.1", "port": controller.port, "from_address": "vigil@example.com",
        "to": ["ops@example.com", "oncall@example.com"], "tls_ca_pem": pem, "timeout": 5,
        **extra,
    }  # fmt: skip


def test_starttls_with_auth_delivers_text_and_html(smtp_server, certificate, message):
    controller, recorder = smtp_server("starttls")
    cfg = config(controller, certificate, username="vigil", password="pa55word")
    EmailDriver.from_config(cfg).send(message)
    [envelope] = recorder.envelopes
    assert envelope.mail_from == "vigil@example.com"
    assert envelope.rcpt_tos == ["ops@example.com", "oncall@example.com"]
    mail = message_from_bytes(envelope.original_content, policy=policy.default)
    assert mail["Subject"] == "[Vigil] [FIRING] [CRITICAL] Disk full on db-1"
    assert mail["To"] == "ops@example.com, oncall@example.com"
    text = mail.get_body(("plain",)).get_content()
    assert "/var is 97% used" in text and "host: db-1" in text
    page = mail.get_body(("html",)).get_content()
    assert "<th align='left'>host</th><td>db-1</td>" in page


def test_implicit_tls_with_auth(smtp_server, certificate, message):
    controller, recorder = smtp_server("tls")
    cfg = config(controller, certificate, security="tls", username="vigil", password="pa55word")
    EmailDriver.from_config(cfg).send(message)
    assert len(recorder.envelopes) == 1


def test_wrong_password_is_a_permanent_error(smtp_server, certificate, message):
    controller, recorder = smtp_server("starttls")
    cfg = config(controller, certificate, username="vigil", password="wrong")
    with pytest.raises(NotifyError) as info:
        EmailDriver.from_config(cfg).send(message)
    assert info.value.permanent
    assert str(info.value) == f"SMTP 127.0.0.1:{controller.port}: authentication failed (535)"
    assert recorder.envelopes == []


def test_untrusted_certificate_is_refused(smtp_server, certificate, message):
    controller, recorder = smtp_server("starttls")
    cfg = config(controller, certificate, tls_ca_pem="")
    with pytest.raises(NotifyError, match="TLS certificate not trusted") as info:
        EmailDriver.from_config(cfg).send(message)
    assert info.value.permanent and recorder.envelopes == []


def test_server_without_starttls_is_a_permanent_error(smtp_server, certificate, message):
    controller, _ = smtp_server("plain")
    with pytest.raises(NotifyError, match="STARTTLS") as info:
        EmailDriver.from_config(config(controller, certificate)).send(message)
    assert info.value.permanent


def test_plain_smtp_without_auth(smtp_server, certificate, message):
    controller, recorder = smtp_server("plain")
    EmailDriver.from_config(config(controller, certificate, security="none")).send(message)
    assert len(recorder.envelopes) == 1


def test_partly_refused_recipients_are_reported(smtp_server, certificate, message):
    controller, recorder = smtp_server("plain")
    cfg = config(
        controller, certificate, security="none", to=["ops@example.com", "nobody@example.com"]
    )
    result = EmailDriver.from_config(cfg).send(message)
    assert recorder.envelopes[0].rcpt_tos == ["ops@example.com"]
    assert result.detail == "refused: nobody@example.com"


def test_connection_refused_is_transient(settings, certificate, message):
    settings.SSRF_ALLOWED_HOSTS = ["127.0.0.1"]
    cfg = {"host": "127.0.0.1", "port": free_port(), "from_address": "v@example.com",
           "to": ["o@example.com"], "timeout": 2}  # fmt: skip
    with pytest.raises(NotifyError) as info:
        EmailDriver.from_config(cfg).send(message)
    assert not info.value.permanent
    assert "ConnectionRefusedError" in str(info.value)


def test_loopback_host_is_refused_at_save_time_and_at_send_time(settings, message):
    cfg = {
        "host": "127.0.0.1",
        "port": 25,
        "from_address": "v@example.com",
        "to": ["o@example.com"],
    }
    with pytest.raises(ConfigError, match="^config: Value error, refused host '127.0.0.1:25'"):
        EmailDriver.from_config(cfg)
    settings.SSRF_ALLOWED_HOSTS = ["127.0.0.1"]
    driver = EmailDriver.from_config(cfg)
    settings.SSRF_ALLOWED_HOSTS = []  # the allow-list changed after the channel was saved
    with pytest.raises(NotifyError, match="loopback.*SSRF_ALLOWED_HOSTS") as info:
        driver.send(message)
    assert info.value.permanent


def test_auth_without_tls_is_refused_at_save_time():
    with pytest.raises(ConfigError, match="in clear"):
        EmailDriver.from_config({"host": "mail.example.com", "security": "none", "username": "u",
                                 "password": "p", "from_address": "v@example.com",
                                 "to": ["o@example.com"]})  # fmt: skip


def test_bad_addresses_are_refused_at_save_time():
    with pytest.raises(
        ConfigError, match="^to: Value error, 'not-an-email' is not an email address$"
    ):
        EmailDriver.from_config({"host": "mail.example.com", "from_address": "v@example.com",
                                 "to": ["not-an-email"]})  # fmt: skip


def test_newlines_in_the_title_cannot_inject_headers(message):
    driver = EmailDriver.from_config({"host": "mail.example.com", "from_address": "v@example.com",
                                      "to": ["o@example.com"]})  # fmt: skip
    message.title = "x\r\nBcc: victim@example.com"
    mail = driver.build(message)
    assert mail["Bcc"] is None
    assert mail["Subject"] == "[Vigil] [FIRING] [CRITICAL] x Bcc: victim@example.com"


def test_private_smtp_host_is_refused_at_save_time():
    with pytest.raises(ConfigError, match="10.0.0.25 is in the private range"):
        EmailDriver.from_config({"host": "10.0.0.25", "from_address": "v@example.com",
                                 "to": ["o@example.com"]})  # fmt: skip
