"""`vigil agent`: run the checkers on this host on a schedule and push the results to the hub.

Each run's payload (the push_to_hub contract, vigil.checkers.hub) is written to a local
spool first and sent from there, oldest first, so nothing is lost while the hub is down:
the spool drains when it answers again. Between runs the agent asks the hub whether the
CHECK stage wants a fresh run (GET /api/nodes/agent/requests/?node=…): it opens no port.
"""

import json
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings

from vigil.checkers import hub, services
from vigil.checkers.checkers.base import CheckError
from vigil.core.security import http

logger = logging.getLogger(__name__)

REQUESTS_PATH = "/api/nodes/agent/requests/"
# The hub refused the key: keep the spool (it drains once the key is fixed).
KEEP_ON_STATUS = {401, 403, 404, 429}


class Spool:
    """Payloads waiting for the hub: one JSON file each, named by time, oldest first."""

    def __init__(self, directory: str | Path, limit: int):
        self.directory = Path(directory)
        self.limit = limit
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)

    def put(self, payload: dict) -> Path:
        body = hub.encode(payload)
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(body)
        target = self.directory / f"{time.time_ns():020d}.json"
        os.replace(temporary, target)  # never half a file under its final name
        for old in self.pending()[: -self.limit]:
            logger.warning("agent spool full (%d): dropping %s", self.limit, old.name)
            old.unlink(missing_ok=True)
        return target

    def pending(self) -> list[Path]:
        return sorted(self.directory.glob("*.json"))


@dataclass
class Agent:
    hub_url: str
    api_key: str
    node: str
    spool: Spool
    secret: str = ""
    interval: float = 60.0
    poll: float = 5.0
    timeout: float | None = None
    sent: int = field(default=0)

    def collect(self, checks: list[str] | None = None, mountpoints: list[str] = ()) -> Path:
        options = services.options_for_incident(
            {"alerts": [{"labels": {"mountpoint": m}} for m in mountpoints]}
        )
        options.node = self.node
        results = services.run_checks(
            checks or None, options=options, save=False, timeout=self.timeout
        )
        return self.spool.put(hub.build_payload(results, node=self.node))

    def drain(self) -> int:
        """Send what the spool holds, oldest first; stop at the first failure."""
        sent = 0
        for path in self.spool.pending():
            try:
                payload = json.loads(path.read_bytes())
            except (OSError, ValueError):
                logger.error("agent spool: %s is unreadable; dropped", path.name)
                path.unlink(missing_ok=True)
                continue
            try:
                hub.push(
                    payload, hub_url=self.hub_url, api_key=self.api_key, secret=self.secret,
                    timeout=self.timeout,
                )  # fmt: skip
            except hub.HubRefused as exc:
                if exc.status_code in KEEP_ON_STATUS or not exc.permanent:
                    logger.warning(
                        "agent: %s; %d kept in the spool", exc, len(self.spool.pending())
                    )
                    break
                logger.error("agent: %s; this payload is dropped", exc)
                path.unlink(missing_ok=True)
                continue
            except CheckError as exc:
                logger.warning("agent: %s; %d kept in the spool", exc, len(self.spool.pending()))
                break
            path.unlink(missing_ok=True)
            sent += 1
        self.sent += sent
        return sent

    def requested(self) -> dict | None:
        """What the hub asks this node to run now, or None (nothing, or the hub is down)."""
        url = hub.hub_endpoint(self.hub_url).removesuffix(hub.HUB_PATH) + REQUESTS_PATH
        try:
            response = http.request(
                "GET", f"{url}?node={quote(self.node)}",
                headers={"Authorization": f"Bearer {self.api_key}"},
                timeout=self.timeout, follow_redirects=False,
                allowed_hosts=[*settings.SSRF_ALLOWED_HOSTS, urlsplit(url).hostname],
            )  # fmt: skip
            answer = response.json() if response.ok else None
        except (http.OutboundHTTPError, ValueError) as exc:
            logger.debug("agent: no requests from the hub: %s", exc)
            return None
        if not isinstance(answer, dict) or not answer.get("run"):
            return None
        return answer

    def loop(self, stop: threading.Event) -> None:
        next_run = time.monotonic()
        while not stop.is_set():
            if time.monotonic() >= next_run:
                self.collect()
                next_run = time.monotonic() + self.interval
                self.drain()
            asked = self.requested()
            if asked is not None:
                checks = _names(asked.get("checks"))
                logger.info("agent: the hub asked for a run (%s)", ", ".join(checks) or "suite")
                try:
                    self.collect(checks, _names(asked.get("mountpoints")))
                except CheckError as exc:  # a checker this agent's version lacks
                    logger.warning("agent: %s; running the default suite", exc)
                    self.collect()
                self.drain()
            elif self.spool.pending():
                self.drain()
            stop.wait(max(0.05, min(self.poll, next_run - time.monotonic())))


def _names(value) -> list[str]:
    return [item for item in value or [] if isinstance(item, str)][:50]
