"""A fake Telegram Bot API on 127.0.0.1, for the real python-telegram-bot to talk to.

It speaks the Bot API's HTTP format (`POST /bot<token>/<method>`, form-encoded, JSON or
multipart bodies; `{"ok": true, "result": …}` answers) for the methods Vigil uses,
records every call, and holds updates for getUpdates with Telegram's semantics: a long
poll waits up to `timeout` seconds for one, and an `offset` confirms (forgets) every
update below it. Tests push updates with `message()` / `press()` and script failures
with `fail_next()`.
"""

import email.parser
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

TOKEN = "123456789:AAHfake-token-for-the-tests-0123456789"
BOT_USER = {"id": 123456789, "is_bot": True, "first_name": "Vigil", "username": "vigil_test_bot"}


@dataclass
class Call:
    method: str
    params: dict
    files: dict = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)
    wall: float = field(default_factory=time.time)


class FakeTelegram:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.updates: list[dict] = []
        self.webhook: dict = {}
        self.commands: list = []
        self._failures: dict[str, list[tuple[int, dict]]] = {}
        self._holds: dict[str, list[float]] = {}
        self._ids = itertools.count(1000)
        self._update_ids = itertools.count(1)
        self._messages = itertools.count(500)
        self._cond = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    # --- the test's side -------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> "FakeTelegram":
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()

    def add_update(self, update: dict) -> dict:
        with self._cond:
            update = {"update_id": next(self._update_ids), **update}
            self.updates.append(update)
            self._cond.notify_all()
        return update

    def message(self, text: str, *, user_id: int = 42, chat_id: int | None = None,
                chat_type: str = "private", username: str = "alice_tg", title: str = "") -> dict:  # fmt: skip
        chat_id = user_id if chat_id is None else chat_id
        chat = {"id": chat_id, "type": chat_type}
        if chat_type != "private":
            chat["title"] = title or "ops"
        entities = []
        if text.startswith("/"):
            entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return self.add_update({"message": {
            "message_id": next(self._messages), "date": int(time.time()), "chat": chat,
            "from": {"id": user_id, "is_bot": False, "first_name": "A", "username": username},
            "text": text, "entities": entities,
        }})  # fmt: skip

    def press(self, data: str, *, user_id: int = 42, chat_id: int | None = None,
              chat_type: str = "private", message_id: int = 77,
              text: str = "[FIRING] disk full") -> dict:  # fmt: skip
        chat_id = user_id if chat_id is None else chat_id
        return self.add_update({"callback_query": {
            "id": str(next(self._ids)), "chat_instance": "ci", "data": data,
            "from": {"id": user_id, "is_bot": False, "first_name": "A", "username": "alice_tg"},
            "message": {"message_id": message_id, "date": int(time.time()),
                        "chat": {"id": chat_id, "type": chat_type, **({"title": "ops"} if chat_type != "private" else {})},
                        "text": text},
        }})  # fmt: skip

    def fail_next(self, method: str, status: int, **answer) -> None:
        """The next call of `method` gets this error answer (e.g. 429 with retry_after)."""
        with self._cond:
            self._failures.setdefault(method, []).append((status, answer))

    def hold_next(self, method: str, seconds: float) -> None:
        """The next call of `method` is answered only after `seconds` (recorded at once)."""
        with self._cond:
            self._holds.setdefault(method, []).append(seconds)

    def of(self, method: str) -> list[Call]:
        with self._cond:
            return [call for call in self.calls if call.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.of(method)
            if len(found) >= count:
                return found
            time.sleep(0.01)
        raise AssertionError(f"{method} called {len(self.of(method))} times, wanted {count}")

    def pending(self) -> list[dict]:
        with self._cond:
            return list(self.updates)

    # --- the Bot API's side ----------------------------------------------------------
    def _answer(self, method: str, params: dict) -> tuple[int, dict]:
        with self._cond:
            holds = self._holds.get(method)
            hold = holds.pop(0) if holds else 0.0
        if hold:
            time.sleep(hold)
        with self._cond:
            failures = self._failures.get(method)
            if failures:
                status, answer = failures.pop(0)
                return status, {"ok": False, "error_code": status, **answer}
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        return 200, {"ok": True, "result": handler(params)}

    def _api_getMe(self, params):
        return BOT_USER

    def _api_getUpdates(self, params):
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        with self._cond:
            if offset:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while not self.updates and time.monotonic() < deadline:
                self._cond.wait(min(deadline - time.monotonic(), 0.5))
            limit = int(params.get("limit") or 100)
            return list(self.updates[:limit])

    def _message(self, params) -> dict:
        return {"message_id": next(self._messages), "date": int(time.time()),
                "chat": {"id": int(params.get("chat_id", 0)), "type": "private"},
                "text": params.get("text", "")}  # fmt: skip

    def _api_sendMessage(self, params):
        return self._message(params)

    def _api_editMessageText(self, params):
        return {**self._message(params), "message_id": int(params.get("message_id", 0))}

    def _api_sendDocument(self, params):
        return {**self._message(params), "document": {"file_id": "f1", "file_unique_id": "u1"}}

    def _api_answerCallbackQuery(self, params):
        return True

    def _api_setWebhook(self, params):
        self.webhook = params
        return True

    def _api_deleteWebhook(self, params):
        self.webhook = {}
        return True

    def _api_setMyCommands(self, params):
        self.commands = params.get("commands")
        return True

    def _record(self, call: Call) -> None:
        with self._cond:
            self.calls.append(call)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                prefix = f"/bot{fake.token}/"
                if not self.path.startswith(prefix):
                    return self._send(
                        401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
                    )
                method = self.path[len(prefix) :].split("?")[0]
                params, files = _parse(self.headers.get("Content-Type", ""), body)
                fake._record(Call(method, params, files))
                status, answer = fake._answer(method, params)
                self._send(status, answer)

            do_GET = do_POST

            def _send(self, status, answer):
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler


def _value(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return text


def _parse(content_type: str, body: bytes) -> tuple[dict, dict]:
    if not body:
        return {}, {}
    if content_type.startswith("application/json"):
        return json.loads(body), {}
    if content_type.startswith("multipart/form-data"):
        message = email.parser.BytesParser().parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body
        )
        params, files = {}, {}
        for part in message.get_payload():
            name = part.get_param("name", header="content-disposition")
            data = part.get_payload(decode=True)
            if part.get_filename():
                files[name] = (part.get_filename(), data)
            else:
                params[name] = _value(data.decode())
        return params, files
    return {k: _value(v[0]) for k, v in parse_qs(body.decode()).items()}, {}
