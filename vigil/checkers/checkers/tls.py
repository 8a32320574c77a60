import socket
import ssl
from datetime import UTC, datetime

from cryptography import x509

from .base import Checker, CheckError, CheckResult, Status, each_concurrently, split_host_port


class TlsChecker(Checker):
    slug = "tls"
    summary = "TLS certificate expiry (and trust) for configured host:port pairs"
    defaults = {"warning_days": 21.0, "critical_days": 7.0, "timeout_seconds": 3.0}
    needs = "tls_targets"

    def run(self):
        return each_concurrently(self.ctx.value("tls_targets") or [], self.check_target)

    def check_target(self, target: str) -> CheckResult:
        try:
            host, port = split_host_port(target, default_port=443)
        except CheckError as exc:
            return self.result(Status.UNKNOWN, str(exc), target=target)
        ca_file = self.ctx.value("tls_ca_file") or None
        trust_error = None
        try:
            der = self.fetch(host, port, ssl.create_default_context(cafile=ca_file))
        except ssl.SSLCertVerificationError as exc:
            trust_error = exc.verify_message or exc.reason or "verification failed"
            der = None
        except (OSError, ssl.SSLError) as exc:
            return self.result(
                Status.CRITICAL, f"{target}: TLS handshake failed ({_reason(exc)})", target=target
            )
        if der is None:
            try:
                der = self.fetch(host, port, _unverified_context())
            except (OSError, ssl.SSLError) as exc:
                return self.result(
                    Status.CRITICAL,
                    f"{target}: TLS handshake failed ({_reason(exc)})",
                    target=target,
                )
        return self.grade_certificate(target, x509.load_der_x509_certificate(der), trust_error)

    def fetch(self, host: str, port: int, context: ssl.SSLContext) -> bytes:
        timeout = self.limits["timeout_seconds"]
        with (
            socket.create_connection((host, port), timeout=timeout) as raw,
            context.wrap_socket(raw, server_hostname=host) as tls,
        ):
            return tls.getpeercert(binary_form=True)

    def grade_certificate(
        self, target: str, cert: x509.Certificate, trust_error: str | None
    ) -> CheckResult:
        expires = cert.not_valid_after_utc
        days_left = (expires - datetime.now(UTC)).total_seconds() / 86400
        metrics = {
            "days_left": round(days_left, 1),
            "not_after": expires.isoformat(),
            "subject": cert.subject.rfc4514_string(),
            "issuer": cert.issuer.rfc4514_string(),
            "trusted": trust_error is None,
        }
        when = f"expires {expires:%Y-%m-%d} ({days_left:.0f} days)"
        if days_left <= 0:
            status, message = (
                Status.CRITICAL,
                f"{target}: certificate expired {expires:%Y-%m-%d}: renew it now",
            )
        elif trust_error:
            status, message = (
                Status.CRITICAL,
                f"{target}: certificate not trusted ({trust_error}), {when}",
            )
        elif days_left <= self.limits["critical_days"]:
            status, message = Status.CRITICAL, f"{target}: certificate {when}: renew it now"
        elif days_left <= self.limits["warning_days"]:
            status, message = Status.WARNING, f"{target}: certificate {when}: renew it soon"
        else:
            status, message = Status.OK, f"{target}: certificate {when}"
        return self.result(status, message, target=target, metrics=metrics)


def _unverified_context() -> ssl.SSLContext:
    # Only to read the expiry of a certificate we have already reported as untrusted.
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _reason(exc: Exception) -> str:
    return getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc.__class__.__name__
