"""A worker leaves no database connection behind when it stops."""

import gc

import pytest
from django.db import connection

from vigil.orchestration.models import PipelineRun
from vigil.orchestration.worker import Worker

pytestmark = pytest.mark.postgres


def _other_sessions() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_the_worker_closes_its_threads_connections(seeded_lanes, make_run, no_stages):
    runs = [make_run() for _ in range(4)]
    # Without the garbage collector, a pool thread's connection that the worker did not
    # close itself stays open: the test does not depend on when a collection happens.
    gc.disable()
    try:
        executed = Worker(concurrency=2, batch_size=1, scheduler=False).run(once=True)
        assert executed == len(runs)
        assert _other_sessions() == 0
    finally:
        gc.enable()
    assert set(PipelineRun.objects.values_list("status", flat=True)) == {"skipped"}
