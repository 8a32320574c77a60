"""What every outbound HTTP path shares: its errors, defaults, URL check and body limit.

`http.request()` (whole answers) and the transports in `transports.py` (httpx clients
for SDKs, sync and async) differ only in how a caller hands them a request and reads
the answer; the checks, the address pinning (`connections.py`) and the limits are these.
"""

import functools
import ssl
import zlib
from collections.abc import Iterable, Mapping
from urllib.parse import quote

import httpcore
import httpx

from vigil.core.retry import RetryableError, classify_answer
from vigil.core.security import DEFAULT_OUTBOUND_MAX_BYTES, DEFAULT_OUTBOUND_TIMEOUT, setting
from vigil.core.security.urls import Resolver, SafeURL, UnsafeURLError, validate_safe_url

MAX_REDIRECTS = 5
USER_AGENT = "Vigil"
# What we can decompress, and so cap after decompression.
ACCEPT_ENCODING = "gzip, deflate"


class OutboundHTTPError(RetryableError):
    """Base of every outbound failure; `permanent` says whether a retry can help."""


class RefusedURLError(UnsafeURLError, OutboundHTTPError):
    permanent = True


class OutboundTimeout(OutboundHTTPError):
    pass


class OutboundConnectionError(OutboundHTTPError):
    pass


class ResponseTooLarge(OutboundHTTPError):
    permanent = True


class TooManyRedirects(OutboundHTTPError):
    permanent = True


class HTTPStatusError(OutboundHTTPError):
    def __init__(self, message: str, status_code: int, headers: Mapping[str, str] | None = None):
        verdict = classify_answer(status_code, headers)
        super().__init__(message, permanent=verdict.permanent, retry_after=verdict.retry_after)
        self.status_code = status_code


def default_timeout() -> float:
    return float(setting("OUTBOUND_HTTP_TIMEOUT", DEFAULT_OUTBOUND_TIMEOUT))


def default_max_bytes() -> int:
    return int(setting("OUTBOUND_HTTP_MAX_BYTES", DEFAULT_OUTBOUND_MAX_BYTES))


@functools.cache
def default_ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle costs ~20 ms; one context serves every pool.
    return httpx.create_ssl_context()


def ssl_context(verify: ssl.SSLContext | bool) -> ssl.SSLContext:
    if verify is True:
        return default_ssl_context()
    return verify if isinstance(verify, ssl.SSLContext) else httpx.create_ssl_context(verify=False)


def validated(url: str, allowed_hosts: Iterable[str] | None, resolver: Resolver | None) -> SafeURL:
    """The URL checked, the raw string before anything normalises it."""
    try:
        return validate_safe_url(url, allowed_hosts, resolver=resolver)
    except UnsafeURLError as exc:
        raise RefusedURLError(str(exc)) from None


_PRINTABLE_ASCII = "".join(map(chr, range(33, 127)))


def core_url(safe: SafeURL) -> httpcore.URL:
    """The validated URL as the pool sees it: its origin is the validated host name."""
    target = "/" + safe.url.split("/", 3)[3]
    if not target.isascii():
        target = quote(target, safe=_PRINTABLE_ASCII)
    return httpcore.URL(scheme=safe.scheme, host=safe.host, port=safe.port, target=target)


class BodyLimit:
    """Counts an answer's bytes on the wire and again after decompression (a small gzip
    body can expand without bound), and decompresses gzip and deflate."""

    def __init__(self, headers: Iterable[tuple[bytes, bytes]], limit: int, shown: str):
        self.limit, self.shown = limit, shown
        self.received = self.decoded = 0
        self.encoding = ""
        for name, value in headers:
            lower = name.lower()
            if lower == b"content-length" and value.isdigit() and int(value) > limit:
                raise ResponseTooLarge(
                    f"response of {int(value)} bytes exceeds the {limit}-byte limit: {shown}"
                )
            if lower == b"content-encoding":
                self.encoding = value.decode("latin-1").strip().lower()
        self._decoder = _decoder(self.encoding)

    @property
    def decodes(self) -> bool:
        return self._decoder is not None

    def feed(self, chunk: bytes) -> bytes:
        self.received += len(chunk)
        if self._decoder is not None:
            chunk = self._decode(chunk, self.limit - self.decoded + 1)
        self.decoded += len(chunk)
        if self.received > self.limit or self.decoded > self.limit:
            raise ResponseTooLarge(f"response larger than {self.limit} bytes: {self.shown}")
        return chunk

    def end(self) -> bytes:
        if self._decoder is None:
            return b""
        rest = self._decode(b"", None)
        if self.decoded + len(rest) > self.limit:
            raise ResponseTooLarge(f"response larger than {self.limit} bytes: {self.shown}")
        return rest

    def _decode(self, chunk: bytes, most: int | None) -> bytes:
        try:
            if most is None:
                return self._decoder.flush()
            return self._decoder.decompress(chunk, most)
        except zlib.error:
            raise OutboundHTTPError(
                f"the compressed response is corrupt: {self.shown}", permanent=False
            ) from None


def _decoder(encoding: str):
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    return None  # identity, or one we did not ask for: passed on as it came, capped
