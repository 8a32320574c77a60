import base64
import json
import uuid

import pytest
import redis
from django.db import transaction

from tests.orchestration.procs import process_env, start_celery, stop, wait_until
from vigil.orchestration.models import Lane, PipelineRun
from vigil.orchestration.publish import send_now
from vigil.orchestration.services import RunRequest, create_run

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def broker(settings):
    settings.CELERY_BROKER_URL = settings.REDIS_URL
    settings.CELERY_TASK_DEFAULT_QUEUE = f"vigil-test-{uuid.uuid4().hex[:8]}"
    yield settings.CELERY_BROKER_URL, settings.CELERY_TASK_DEFAULT_QUEUE
    redis.Redis.from_url(settings.REDIS_URL).delete(settings.CELERY_TASK_DEFAULT_QUEUE)


def _create_runs(make_incident, n: int) -> list[PipelineRun]:
    runs = []
    for _ in range(n):
        with transaction.atomic():
            runs.append(create_run(RunRequest(incident_id=make_incident().pk, origin="webhook")))
    return runs


@pytest.mark.django_db(transaction=True)
def test_committed_run_is_published_as_a_json_task(broker, make_incident):
    url, queue = broker
    (run,) = _create_runs(make_incident, 1)

    raw = redis.Redis.from_url(url).lrange(queue, 0, -1)
    assert len(raw) == 1
    message = json.loads(raw[0])
    assert message["content-type"] == "application/json"
    assert message["headers"]["task"] == "vigil.orchestration.execute_run"
    args, kwargs, _ = json.loads(base64.b64decode(message["body"]))
    assert args == [str(run.run_id)] and kwargs == {}


@pytest.mark.django_db(transaction=True)
def test_rolled_back_run_is_never_published(broker, make_incident):
    url, queue = broker
    incident = make_incident()
    with pytest.raises(RuntimeError), transaction.atomic():
        create_run(RunRequest(incident_id=incident.pk))
        raise RuntimeError("ingest failed after the run row was written")
    assert redis.Redis.from_url(url).llen(queue) == 0


@pytest.mark.django_db(transaction=True)
def test_celery_worker_executes_published_runs_exactly_once(broker, make_incident, tmp_path):
    url, queue = broker
    Lane.objects.all().delete()
    Lane.objects.create(name="fast", priority=1, stages=["analyze"])
    calls = tmp_path / "calls.txt"
    env = process_env(
        CELERY_BROKER_URL=url, CELERY_TASK_DEFAULT_QUEUE=queue, FAKE_CALLS_FILE=str(calls)
    )
    worker = start_celery(env, tmp_path / "celery.log", queue)
    try:
        runs = _create_runs(make_incident, 20)
        # A duplicated message is harmless: the claim decides, not the message.
        _create_duplicate_message(runs[0])
        wait_until(
            lambda: PipelineRun.objects.filter(status="analyzed").count() == 20,
            timeout=60,
            what="the Celery worker to execute every run",
        )
    finally:
        stop(worker)
    starts = [line.split()[0] for line in calls.read_text().splitlines() if line.endswith("start")]
    assert sorted(starts) == sorted(str(run.run_id) for run in runs)
    assert set(PipelineRun.objects.values_list("attempts", flat=True)) == {1}


def _create_duplicate_message(run: PipelineRun) -> None:
    assert send_now([str(run.run_id)]) == 1
