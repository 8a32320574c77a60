import signal
import subprocess
import sys
import textwrap
import time
import uuid

import pytest
from django.db import transaction

from tests.orchestration.procs import ROOT, process_env, start_celery, stop, wait_until
from vigil.alerts.models import Incident
from vigil.orchestration.models import PipelineRun
from vigil.orchestration.scheduler import reconcile
from vigil.orchestration.services import RunRequest, create_run

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]


@pytest.fixture
def celery_settings(settings, private_redis):
    settings.CELERY_BROKER_URL = private_redis.url
    settings.CELERY_TASK_DEFAULT_QUEUE = f"vigil-rel-{uuid.uuid4().hex[:8]}"
    settings.ORCHESTRATION_STALE_SECONDS = 1
    return settings


def _incident() -> Incident:
    return Incident.objects.create(title="disk full", source="test", group_key=uuid.uuid4().hex)


def _all_analyzed(n: int):
    return lambda: PipelineRun.objects.filter(status="analyzed").count() == n


def test_runs_accepted_while_the_broker_is_down_complete_when_it_is_back(
    fast_lane, celery_settings, private_redis, tmp_path
):
    env = process_env(
        CELERY_BROKER_URL=private_redis.url,
        CELERY_TASK_DEFAULT_QUEUE=celery_settings.CELERY_TASK_DEFAULT_QUEUE,
        ORCHESTRATION_STALE_SECONDS="1",
    )
    worker = start_celery(env, tmp_path / "celery.log", celery_settings.CELERY_TASK_DEFAULT_QUEUE)
    try:
        private_redis.stop()
        started = time.monotonic()
        for _ in range(10):
            with transaction.atomic():
                create_run(RunRequest(incident_id=_incident().pk, origin="webhook"))
        # Accepting alerts does not wait on the dead broker for long.
        assert time.monotonic() - started < 30
        assert PipelineRun.objects.filter(status="pending").count() == 10

        private_redis.start()
        # The Celery worker's own reconciler republishes them (ORCHESTRATION_RECONCILE_
        # INTERVAL=1 in process_env), once they are older than ORCHESTRATION_STALE_SECONDS.
        wait_until(_all_analyzed(10), timeout=90, what="every run to complete via Celery")
    finally:
        stop(worker)
    assert set(PipelineRun.objects.values_list("attempts", flat=True)) == {1}


CRASH_AFTER_COMMIT = textwrap.dedent(
    """
    import os, sys
    import django
    django.setup()
    from django.db import transaction
    from vigil.orchestration.services import RunRequest, create_run

    with transaction.atomic():
        # Registered first, so it runs first after COMMIT: the process dies before
        # the publish callback that create_run registers.
        transaction.on_commit(lambda: os._exit(9))
        run = create_run(RunRequest(incident_id=int(sys.argv[1]), origin="webhook"))
        print(run.run_id, flush=True)
    """
)


def test_crash_between_commit_and_publish_loses_nothing(
    fast_lane, celery_settings, private_redis, tmp_path
):
    queue = celery_settings.CELERY_TASK_DEFAULT_QUEUE
    env = process_env(CELERY_BROKER_URL=private_redis.url, CELERY_TASK_DEFAULT_QUEUE=queue)
    incident = _incident()
    crashed = subprocess.run(
        [sys.executable, "-c", CRASH_AFTER_COMMIT, str(incident.pk)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert crashed.returncode == 9, crashed.stderr.decode()[-2000:]
    run = PipelineRun.objects.get(run_id=crashed.stdout.decode().strip())
    assert run.status == "pending"

    worker = start_celery(env, tmp_path / "celery.log", queue)
    try:
        time.sleep(2)  # nothing was published: the run is still waiting
        run.refresh_from_db()
        assert run.status == "pending"
        assert reconcile().republished == 1
        wait_until(_all_analyzed(1), timeout=60, what="the reconciled run to complete")
    finally:
        stop(worker)


def test_a_frozen_broker_does_not_hold_webhooks_and_the_runs_complete_later(
    fast_lane, celery_settings, private_redis, tmp_path, client, auth_headers
):
    queue = celery_settings.CELERY_TASK_DEFAULT_QUEUE
    celery_settings.RATE_LIMIT_ENABLED = False
    env = process_env(
        CELERY_BROKER_URL=private_redis.url,
        CELERY_TASK_DEFAULT_QUEUE=queue,
        ORCHESTRATION_STALE_SECONDS="1",
    )
    sent, timings = 20, []
    # Frozen, not dead: connections open and nothing answers (SIGSTOP), so every call
    # waits for its socket timeout instead of failing at once.
    private_redis.process.send_signal(signal.SIGSTOP)
    try:
        for n in range(sent):
            started = time.monotonic()
            response = client.post(
                "/alerts/webhook/generic/", {"name": f"frozen {n}", "labels": {"n": str(n)}},
                content_type="application/json", **auth_headers,
            )  # fmt: skip
            timings.append(time.monotonic() - started)
            assert response.status_code == 202
    finally:
        private_redis.process.send_signal(signal.SIGCONT)
    # The publish waits in its own thread; the webhook (and the group commit) does not.
    assert max(timings) < 1, timings
    assert PipelineRun.objects.filter(status="pending").count() == sent

    worker = start_celery(env, tmp_path / "celery.log", queue)
    try:
        # The runs the frozen broker never took are republished by the workers' reconciler.
        wait_until(_all_analyzed(sent), timeout=90, what="every run to complete via Celery")
    finally:
        stop(worker)
    attempts = list(PipelineRun.objects.values_list("attempts", flat=True))
    assert attempts == [1] * sent
    print(f"\nfrozen broker: sent {sent}, 202 {sent}, slowest answer {max(timings) * 1000:.0f} ms,"
          f" runs completed {sent}, lost 0, executed twice 0")  # fmt: skip
