"""The async transport (for python-telegram-bot's HTTPXRequest and other asyncio
clients) against a real server on 127.0.0.1: the same checks and pinning as request()."""

import asyncio
import gzip

import pytest

from tests.support.recording_server import RecordingServer, Reply
from vigil.core.security.http import (
    RefusedURLError,
    ResponseTooLarge,
    safe_async_client,
    safe_async_client_options,
)

LOCAL = ["127.0.0.1"]


@pytest.fixture
def server():
    served = RecordingServer().start()
    yield served
    served.stop()


def _resolver(host, port):
    return ["127.0.0.1"]  # pinned.test has no DNS entry; the network guard forbids lookups


def fetch(url, **options):
    async def go():
        async with safe_async_client(**options) as client:
            response = await client.post(url, data={"chat_id": "1", "text": "hi"})
            return response.status_code, response.content

    return asyncio.run(go())


def test_a_request_goes_to_the_validated_address_with_the_host_name(server):
    server.reply(Reply(body={"ok": True}))
    url = f"http://pinned.test:{server.port}/bot123/sendMessage"
    status, body = fetch(url, allowed_hosts=LOCAL, resolver=_resolver)
    assert (status, body) == (200, b'{"ok": true}')
    [request] = server.requests
    assert (request.method, request.path, request.body) == (
        "POST", "/bot123/sendMessage", b"chat_id=1&text=hi",
    )  # fmt: skip
    assert request.headers["Host"] == f"pinned.test:{server.port}"
    assert request.headers["User-Agent"] == "Vigil"


def test_loopback_is_refused_before_connecting_without_the_allow_list(server):
    with pytest.raises(RefusedURLError, match="loopback"):
        fetch(f"{server.url}/x", allowed_hosts=[])
    assert server.requests == []


def test_every_redirect_hop_is_validated(server):
    server.reply(Reply(status=302, body="", headers={"Location": "http://169.254.169.254/"}))
    with pytest.raises(RefusedURLError, match="link-local"):
        fetch(f"{server.url}/x", allowed_hosts=LOCAL, follow_redirects=True)
    assert len(server.requests) == 1


def test_an_answer_is_capped_after_decompression(server):
    bomb = gzip.compress(b"\0" * 2_000_000)
    server.reply(Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(ResponseTooLarge, match="larger than 100000 bytes"):
        fetch(f"{server.url}/x", allowed_hosts=LOCAL, max_bytes=100_000)


def test_the_options_leave_no_way_around_the_transport(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://10.9.9.9:3128")
    options = safe_async_client_options(allowed_hosts=LOCAL)
    assert options["trust_env"] is False and options["proxy"] is None
    assert options["mounts"] is None
    assert type(options["transport"]).__name__ == "AsyncSafeTransport"
