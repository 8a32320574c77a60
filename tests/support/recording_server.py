"""A real HTTP server on 127.0.0.1 that records every request and answers from a script.

Drivers under test talk to it through the real outbound client, and tests assert the
exact request that arrived.
"""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Headers(dict):
    """Header names compare case-insensitively, as HTTP says (SDKs send lowercase)."""

    def __init__(self, items):
        super().__init__(items)
        self._lower = {name.lower(): value for name, value in self.items()}

    def __getitem__(self, name: str) -> str:
        return self._lower[name.lower()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._lower

    def get(self, name: str, default=None):
        return self._lower.get(name.lower(), default)


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: Headers
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Reply:
    status: int = 200
    body: bytes | str | dict | list = b"ok"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class RecordingServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.requests: list[RecordedRequest] = []
        self.replies: list[Reply] = []
        self.default = Reply()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, 0), self._handler())
        self._server.daemon_threads = True
        # A short poll interval keeps shutdown (each test's teardown) fast.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def reply(self, *replies: Reply) -> None:
        """Queue answers for the next requests; afterwards `default` answers."""
        with self._lock:
            self.replies.extend(replies)

    def start(self) -> "RecordingServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next_reply(self) -> Reply:
        with self._lock:
            return self.replies.pop(0) if self.replies else self.default

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server._record(
                    RecordedRequest(self.command, self.path, Headers(self.headers.items()), body)
                )
                reply = server._next_reply()
                if reply.delay:
                    threading.Event().wait(reply.delay)
                payload = reply.body
                if isinstance(payload, dict | list):
                    payload = json.dumps(payload).encode()
                    reply.headers.setdefault("Content-Type", "application/json")
                elif isinstance(payload, str):
                    payload = payload.encode()
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        return Handler
