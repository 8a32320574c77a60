"""Our SSRF-safe transport for SDKs built on httpx2 (the pydantic fork of httpx).

anthropic>=2 refuses an `httpx.Client` and wants an `httpx2.Client`; httpx2 is a copy
of httpx under another name, so its objects are not httpx objects. This transport
hands each httpx2 request to `vigil.core.security.http.SafeTransport` (which validates
the URL and pins the validated address, on every request and redirect hop) and hands
the answer back, streamed and still capped. Imported only when such an SDK is used.
"""

from collections.abc import Iterator

import httpx
import httpx2

from vigil.core.security.http import SafeTransport


class _Body(httpx2.SyncByteStream):
    def __init__(self, response: httpx.Response):
        self._response = response

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._response.stream
        except httpx.TimeoutException as exc:
            raise httpx2.ReadTimeout(str(exc)) from None

    def close(self) -> None:
        self._response.close()


class SafeHttpx2Transport(httpx2.BaseTransport):
    def __init__(self) -> None:
        self._inner = SafeTransport()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        legacy = httpx.Request(
            request.method,
            str(request.url),
            headers=request.headers.multi_items(),
            content=request.read(),
            extensions={k: v for k, v in request.extensions.items() if k == "timeout"},
        )
        try:
            response = self._inner.handle_request(legacy)
        except httpx.TimeoutException as exc:
            raise httpx2.ConnectTimeout(str(exc), request=request) from None
        except httpx.TransportError as exc:
            raise httpx2.ConnectError(str(exc), request=request) from None
        return httpx2.Response(
            response.status_code,
            headers=response.headers.multi_items(),
            stream=_Body(response),
            extensions={"http_version": response.extensions.get("http_version", b"HTTP/1.1")},
        )

    def close(self) -> None:
        self._inner.close()


def safe_httpx2_client(timeout: float) -> httpx2.Client:
    return httpx2.Client(
        transport=SafeHttpx2Transport(), timeout=timeout, follow_redirects=False, trust_env=False
    )
