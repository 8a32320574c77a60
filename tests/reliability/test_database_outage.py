"""PostgreSQL goes away under a running `vigil serve` and comes back: requests meanwhile
are answered 503 with Retry-After (logged once, not once per request), nothing answered
202 is lost or stored twice, and every run pages its channel once."""

import threading
import time
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection

from tests.orchestration.procs import wait_until
from tests.reliability.serving import Serve, post
from tests.support.recording_server import RecordingServer
from tests.support.tcp_proxy import TCPProxy
from vigil.alerts.models import Alert
from vigil.core.services import create_api_key
from vigil.notify.models import Delivery, NotificationChannel
from vigil.orchestration.models import Lane, PipelineRun

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _other_sessions() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.fixture
def receiver():
    server = RecordingServer().start()
    yield server
    server.stop()


def test_a_database_outage_is_answered_503_and_loses_nothing(transactional_db, receiver, tmp_path):
    db = connection.settings_dict
    proxy = TCPProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)).start()
    Lane.objects.all().delete()
    Lane.objects.create(name="page", priority=1, stages=["notify"], channels=["hook"])
    NotificationChannel.objects.create(
        name="hook", driver="webhook", config={"url": f"{receiver.url}/hook"}
    )
    key = create_api_key("outage").raw
    url = f"postgres://{db['USER']}@127.0.0.1:{proxy.port}/{db['NAME']}"
    serve = Serve(
        tmp_path,
        DATABASE_URL=url,
        VIGIL_ENCRYPTION_KEYS=",".join(settings.VIGIL_ENCRYPTION_KEYS),
        ORCHESTRATION_LEASE_SECONDS="5",
        ORCHESTRATION_RETRY_BASE_SECONDS="1",
        NOTIFY_RETRY_BASE_SECONDS="1",
    )
    answers: list[tuple[int, dict]] = []
    stop = threading.Event()
    sent = 250

    def send():
        # Like Alertmanager: an alert answered anything but 2xx is sent again.
        for n in range(sent):
            payload = {"name": f"alert {n}", "labels": {"n": str(n)}}
            while not stop.is_set():
                answers.append(post(serve.port, key, payload))
                if answers[-1][0] == 202:
                    break
                time.sleep(0.2)
            time.sleep(0.02)

    serve.start("--workers", "2")
    sender = threading.Thread(target=send)
    try:
        sender.start()
        time.sleep(2)
        proxy.cut()
        time.sleep(4)
        proxy.restore()
        sender.join(timeout=120)
        assert not sender.is_alive(), "the sends did not finish"
        wait_until(
            lambda: not PipelineRun.objects.exclude(status__in=["notified", "failed"]).exists(),
            timeout=120, what="every run to finish",
        )  # fmt: skip
    finally:
        stop.set()
        serve.stop()
        proxy.stop()
        deadline = time.monotonic() + 15  # PostgreSQL ends the server's sessions
        while _other_sessions() and time.monotonic() < deadline:
            time.sleep(0.1)

    statuses = Counter(status for status, _ in answers)
    output = serve.output()
    assert set(statuses) <= {202, 503}, (statuses, output[-3000:])
    assert statuses[503] > 0, "the outage was not seen"
    assert all(headers.get("retry-after") for status, headers in answers if status == 503)
    # One line when it started, one when it ended, per HTTP worker; no tracebacks.
    assert output.count("answering 503 until it is back") <= 2, output[-5000:]
    assert "Traceback" not in output, output[-5000:]

    assert statuses[202] == sent
    names = Counter(Alert.objects.values_list("name", flat=True))
    assert len(names) == sent and max(names.values()) == 1  # none lost, none twice
    runs = list(PipelineRun.objects.all())
    assert len(runs) == sent and {run.status for run in runs} == {"notified"}
    per_run = Counter(Delivery.objects.values_list("run_id", flat=True))
    assert len(per_run) == sent and set(per_run.values()) == {1}
    pages = Counter(r.json()["incident_id"] for r in receiver.requests)
    assert len(pages) == sent and max(pages.values()) == 1
    print(f"\ndatabase outage: sent {sent} alerts in {len(answers)} requests, 202 {sent}, "
          f"503 {statuses[503]}, stored {len(names)}, lost 0, duplicated 0, "
          f"deliveries per run 1, pages per run 1")  # fmt: skip
