"""Redis is a cache, not a dependency of a page: down or frozen, requests are served at
their usual speed and stages never fail because of it."""

import signal
import time
import uuid
from collections import Counter

import pytest
from django.core.cache import cache, caches
from django.db import transaction

from tests.orchestration.procs import process_env, start_celery, stop, wait_until
from tests.reliability.serving import Serve, post
from tests.support.recording_server import RecordingServer
from vigil.alerts.models import Incident
from vigil.intelligence.services import purge_old_runs
from vigil.notify import throttle
from vigil.orchestration.models import PipelineRun
from vigil.orchestration.services import RunRequest, create_run

pytestmark = pytest.mark.slow


@pytest.fixture
def redis_cache(settings, private_redis):
    settings.CACHES = {
        "default": {
            "BACKEND": "vigil.core.cache.ResilientRedisCache",
            "LOCATION": private_redis.url,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    settings.CACHE_RETRY_SECONDS = 30
    yield caches["default"]


def test_stages_keep_working_while_redis_is_down(redis_cache, private_redis, settings, db):
    settings.INTELLIGENCE_RETENTION_DAYS = 30
    private_redis.stop()
    # ANALYZE's retention mark and NOTIFY's rate limit both use the cache.
    purge_old_runs()
    assert throttle.reserve("channel:1", 1.0, time.time()) is None
    assert throttle.reserve("channel:1", 1.0, time.time()) is not None  # kept locally
    assert not cache.reachable


def test_a_frozen_redis_costs_one_timeout_then_requests_skip_it(
    redis_cache, private_redis, client, api_key, db
):
    cache.set("warm", 1)  # the connection exists before Redis freezes
    private_redis.process.send_signal(signal.SIGSTOP)
    try:
        timings = []
        for n in range(20):
            started = time.monotonic()
            response = client.post(
                "/alerts/webhook/generic/", {"name": f"frozen {n}"},
                content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {api_key}",
            )  # fmt: skip
            timings.append(time.monotonic() - started)
            assert response.status_code == 202
    finally:
        private_redis.process.send_signal(signal.SIGCONT)
    # The first request waited for the rate limiter's timeout; the others did not call.
    assert timings[0] < 1.5
    assert sum(timings[1:]) < 1.5, timings


@pytest.mark.postgres
def test_celery_workers_republish_runs_lost_to_a_broker_outage_by_themselves(
    fast_lane, settings, private_redis, tmp_path
):
    queue = f"vigil-rel-{uuid.uuid4().hex[:8]}"
    settings.CELERY_BROKER_URL, settings.CELERY_TASK_DEFAULT_QUEUE = private_redis.url, queue
    env = process_env(
        CELERY_BROKER_URL=private_redis.url,
        CELERY_TASK_DEFAULT_QUEUE=queue,
        ORCHESTRATION_STALE_SECONDS="1",
    )
    worker = start_celery(env, tmp_path / "celery.log", queue)
    try:
        private_redis.stop()
        sent = 10
        for n in range(sent):
            incident = Incident.objects.create(
                title=f"i{n}", source="t", group_key=uuid.uuid4().hex
            )
            with transaction.atomic():
                create_run(RunRequest(incident_id=incident.pk, origin="webhook"))
        private_redis.start()
        # No `vigil worker`, no call here: the Celery workers' own reconciler republishes.
        wait_until(
            lambda: PipelineRun.objects.filter(status="analyzed").count() == sent,
            timeout=90, what="every run to complete via Celery",
        )  # fmt: skip
    finally:
        stop(worker)
    attempts = list(PipelineRun.objects.values_list("attempts", flat=True))
    assert attempts == [1] * sent  # each executed once
    print(f"\nbroker outage: runs {sent}, completed {sent}, lost 0, executed twice 0")


def test_redis_killed_under_a_running_serve_loses_and_doubles_nothing(private_redis, tmp_path):
    receiver = RecordingServer().start()
    serve = Serve(tmp_path, REDIS_URL=private_redis.url)
    serve.python(
        "from vigil.orchestration.models import Lane as P\n"
        "from vigil.notify.models import NotificationChannel as C\n"
        "P.objects.all().delete()\n"
        "P.objects.create(name='page', priority=1, stages=['analyze', 'notify'], channels=['hook'])\n"
        f"C.objects.create(name='hook', driver='webhook', config={{'url': '{receiver.url}/h'}})\n"
    )
    key = serve.api_key()
    sent, answers = 60, []
    try:
        serve.start("--workers", "2")
        for n in range(sent):
            if n == sent // 3:
                private_redis.process.kill()  # kill -9
                private_redis.process.wait()
            answers.append(
                post(serve.port, key, {"name": f"alert {n}", "labels": {"n": str(n)}})[0]
            )
        wait_until(
            lambda: serve.query(
                "SELECT count(*) FROM orchestration_pipelinerun WHERE status = 'notified'"
            )[0][0] == sent,
            timeout=90, what="every run to be notified",
        )  # fmt: skip
    finally:
        serve.stop()
        receiver.stop()
    assert answers == [202] * sent
    stored = serve.query("SELECT count(DISTINCT name), count(*) FROM alerts_alert")[0]
    assert stored == (sent, sent)
    per_run = serve.query("SELECT run_id, count(*) FROM notify_delivery GROUP BY run_id")
    assert len(per_run) == sent and {n for _, n in per_run} == {1}
    pages = Counter(r.json()["incident_id"] for r in receiver.requests)
    assert len(pages) == sent and max(pages.values()) == 1
    assert "Traceback" not in serve.output()
    print(f"\nredis killed: sent {sent}, 202 {sent}, stored {sent}, lost 0, duplicated 0, "
          "deliveries per run 1, pages per run 1")  # fmt: skip
