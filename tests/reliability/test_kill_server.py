"""Redis frozen under a running `vigil serve`, and a receiver that fails for a while:
nothing answered 202 is lost or stored twice, and every run pages its channel once.

Each test prints its figures (sent, 202, stored, lost, duplicated, deliveries per run):
`pytest tests/reliability/test_kill_server.py -s`."""

import signal
import threading
import time
from collections import Counter

import pytest

from tests.orchestration.procs import wait_until
from tests.reliability.serving import Serve, post
from tests.support.recording_server import RecordingServer, Reply

pytestmark = pytest.mark.slow

OPEN = "SELECT count(*) FROM orchestration_pipelinerun WHERE status NOT IN ('notified', 'failed')"


@pytest.fixture
def receiver():
    server = RecordingServer().start()
    yield server
    server.stop()


def _paging_serve(home, receiver, **env) -> Serve:
    serve = Serve(home, NOTIFY_RETRY_BASE_SECONDS="1", ORCHESTRATION_RETRY_BASE_SECONDS="1",
                  ORCHESTRATION_LEASE_SECONDS="3", **env)  # fmt: skip
    serve.python(
        "from vigil.orchestration.models import Lane as P\n"
        "from vigil.notify.models import NotificationChannel as C\n"
        "P.objects.all().delete()\n"
        "P.objects.create(name='page', priority=1, stages=['analyze', 'notify'], channels=['hook'])\n"
        f"C.objects.create(name='hook', driver='webhook', config={{'url': '{receiver.url}/h'}})\n"
    )
    return serve


class Sender(threading.Thread):
    """Posts `count` alerts one after another; like Alertmanager, an alert answered
    anything but 202 (or not answered) is sent again until it is accepted."""

    def __init__(self, serve: Serve, key: str, count: int):
        super().__init__(daemon=True)
        self.serve, self.key, self.count = serve, key, count
        self.answers: list[int] = []
        self.accepted = 0

    def run(self) -> None:
        deadline = time.monotonic() + 120
        for n in range(self.count):
            payload = {"name": f"alert {n}", "labels": {"n": str(n)}}
            while time.monotonic() < deadline:
                self.answers.append(post(self.serve.port, self.key, payload)[0])
                if self.answers[-1] == 202:
                    self.accepted += 1
                    break
                time.sleep(0.1)
            time.sleep(0.01)


def _figures(serve: Serve, receiver: RecordingServer, sent: int) -> dict:
    names = Counter(name for (name,) in serve.query("SELECT name FROM alerts_alert"))
    per_run = Counter(r for (r,) in serve.query("SELECT run_id FROM notify_delivery"))
    runs = serve.query("SELECT count(*) FROM orchestration_pipelinerun")[0][0]
    # A send cut by kill -9 may arrive without its body: it is no page.
    pages = Counter(r.json()["incident_id"] for r in receiver.requests if r.body)
    return {
        "stored": len(names),
        "lost": sent - len(names),
        "duplicated": sum(n - 1 for n in names.values()),
        "runs": runs,
        "deliveries per run": sorted(set(per_run.values())),
        "runs without a delivery": runs - len(per_run),
        "incidents paged": len(pages),
        "requests per incident": sorted(set(pages.values())),
    }


def test_a_frozen_redis_under_a_running_server_loses_and_doubles_nothing(
    receiver, private_redis, tmp_path
):
    serve = _paging_serve(tmp_path, receiver, REDIS_URL=private_redis.url)
    key = serve.api_key()
    sent = 60
    sender = Sender(serve, key, sent)
    try:
        serve.start("--workers", "2")
        sender.start()
        wait_until(lambda: sender.accepted >= sent // 3, timeout=60, what="a third accepted")
        private_redis.process.send_signal(signal.SIGSTOP)
        try:
            frozen_at = len(sender.answers)
            time.sleep(5)
            during = len(sender.answers) - frozen_at
        finally:
            private_redis.process.send_signal(signal.SIGCONT)
        sender.join(120)
        wait_until(lambda: serve.query(OPEN)[0][0] == 0, timeout=120, what="every run to end")
    finally:
        serve.stop()
    answers = Counter(sender.answers)
    figures = _figures(serve, receiver, sent)
    assert answers == {202: sent}
    assert during >= 10, f"only {during} requests answered in 5 s of frozen Redis"
    assert (figures["stored"], figures["lost"], figures["duplicated"]) == (sent, 0, 0)
    assert figures["deliveries per run"] == [1] and figures["runs without a delivery"] == 0
    assert figures["incidents paged"] == sent and figures["requests per incident"] == [1]
    assert "Traceback" not in serve.output()
    print(f"\nredis frozen 5 s: sent {sent}, 202 {answers[202]}, answered while frozen "
          f"{during}, {figures}")  # fmt: skip


def test_a_receiver_failing_for_a_while_gets_every_page_once_when_it_returns(receiver, tmp_path):
    serve = _paging_serve(tmp_path, receiver)
    key = serve.api_key()
    sent = 40
    receiver.default = Reply(status=503, body="down")
    try:
        serve.start("--workers", "2")
        answers = Counter(post(serve.port, key, {"name": f"alert {n}", "labels": {"n": str(n)}})[0]
                          for n in range(sent))  # fmt: skip
        time.sleep(3)  # every run has met the failing receiver at least once
        failed_requests = len(receiver.requests)
        receiver.default = Reply(status=200, body="ok")
        wait_until(lambda: serve.query(OPEN)[0][0] == 0, timeout=120, what="every run to end")
    finally:
        serve.stop()
    figures = _figures(serve, receiver, sent)
    statuses = dict(
        serve.query("SELECT status, count(*) FROM orchestration_pipelinerun GROUP BY 1")
    )
    attempts = Counter(a for (a,) in serve.query("SELECT attempts FROM notify_delivery"))
    assert answers == {202: sent}
    assert statuses == {"notified": sent}
    assert (figures["stored"], figures["lost"], figures["duplicated"]) == (sent, 0, 0)
    assert figures["deliveries per run"] == [1]
    assert failed_requests >= sent
    sent_deliveries = serve.query("SELECT count(*) FROM notify_delivery WHERE status = 'sent'")
    assert sent_deliveries[0][0] == sent
    assert figures["incidents paged"] == sent
    print(f"\nreceiver down ~3 s: sent {sent}, 202 {sent}, {figures}, failed requests "
          f"{failed_requests}, delivery attempts {dict(sorted(attempts.items()))}")  # fmt: skip
