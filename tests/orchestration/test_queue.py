from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from vigil.orchestration import queue
from vigil.orchestration.models import PeriodicJob, PipelineRun
from vigil.orchestration.queue import (
    claim_run,
    claim_runs,
    claimable_q,
    queue_stats,
    renew_leases,
)
from vigil.orchestration.scheduler import Job, Scheduler, claim_job, purge_old_runs, reconcile

pytestmark = pytest.mark.django_db


def test_claims_due_runs_oldest_first_and_only_once(make_run):
    runs = [make_run() for _ in range(3)]
    future = make_run(status="retrying", not_before=timezone.now() + timedelta(minutes=5))
    make_run(status="notified")

    first = claim_runs("a", 2)
    second = claim_runs("b", 5)

    assert first == [runs[0].pk, runs[1].pk]
    assert second == [runs[2].pk]
    assert future.pk not in first + second
    claimed = PipelineRun.objects.get(pk=runs[0].pk)
    assert claimed.status == "processing" and claimed.claimed_by == "a" and claimed.attempts == 1
    assert claimed.lease_expires_at > timezone.now()
    assert claim_runs("c", 5) == []


def test_expired_lease_is_reclaimed_live_one_is_not(make_run):
    run = make_run()
    assert claim_run(run.pk, "a")
    assert not claim_run(run.pk, "b")
    PipelineRun.objects.filter(pk=run.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert claim_runs("b", 1) == [run.pk]
    assert PipelineRun.objects.get(pk=run.pk).attempts == 2


def test_renewal_extends_only_the_owners_leases(make_run, settings):
    settings.ORCHESTRATION_LEASE_SECONDS = 600
    mine, theirs = make_run(), make_run()
    claim_run(mine.pk, "a")
    claim_run(theirs.pk, "b")
    assert renew_leases("a", [mine.pk, theirs.pk]) == 1
    lease = PipelineRun.objects.get(pk=mine.pk).lease_expires_at
    assert lease > timezone.now() + timedelta(seconds=590)


def test_reconciler_requeues_runs_of_dead_workers(make_run):
    run = make_run()
    claim_run(run.pk, "dead")
    PipelineRun.objects.filter(pk=run.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )

    result = reconcile()

    run.refresh_from_db()
    assert result.reclaimed == 1 and result.republished == 0
    assert run.status == "retrying" and run.claimed_by == "" and run.last_error_type == "WorkerLost"


def test_each_periodic_job_runs_once_per_interval_across_workers():
    calls = []
    job = Job("probe", lambda: calls.append(1), lambda: 60)
    assert Scheduler([job]).run_due() == ["probe"]
    assert Scheduler([job]).run_due() == []  # a second worker, same interval
    assert calls == [1]
    PeriodicJob.objects.filter(name="probe").update(next_run_at=timezone.now())
    assert claim_job("probe", 60) and not claim_job("probe", 60)


def test_an_idle_scheduler_tick_is_one_query(django_assert_num_queries):
    calls = []
    scheduler = Scheduler([Job(f"job-{n}", lambda: calls.append(1), lambda: 60) for n in range(3)])
    assert len(scheduler.run_due()) == 3

    with django_assert_num_queries(1):  # nothing due: no claim is attempted
        assert scheduler.run_due() == []
    assert len(calls) == 3


def test_failing_job_records_its_error_and_does_not_stop_others():
    def boom():
        raise RuntimeError("disk on fire")

    ran = Scheduler([Job("boom", boom, lambda: 60), Job("ok", lambda: None, lambda: 60)]).run_due()
    assert ran == ["boom", "ok"]
    assert PeriodicJob.objects.get(name="boom").last_error == "RuntimeError: disk on fire"


def test_retention_deletes_only_old_finished_runs(make_run, settings):
    settings.ORCHESTRATION_RETENTION_DAYS = 7
    old = timezone.now() - timedelta(days=8)
    gone = make_run(status="notified", finished_at=old)
    kept_pending = make_run(status="pending")
    kept_recent = make_run(status="failed", finished_at=timezone.now())

    assert purge_old_runs() == 1
    remaining = set(PipelineRun.objects.values_list("pk", flat=True))
    assert gone.pk not in remaining and {kept_pending.pk, kept_recent.pk} <= remaining


def test_queue_stats(make_run, settings):
    settings.ORCHESTRATION_STALE_SECONDS = 60
    make_run()
    PipelineRun.objects.filter(pk=make_run().pk).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )
    make_run(status="retrying", not_before=timezone.now() + timedelta(minutes=1))
    stats = queue_stats()
    assert stats.depth == 3 and stats.due == 2 and stats.retrying == 1
    assert stats.stuck == 1
    assert 299 < stats.oldest_pending_age_seconds < 310


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_renewal_skips_a_run_whose_step_is_being_written_instead_of_waiting(make_run, settings):
    import psycopg
    from django.db import connection

    settings.ORCHESTRATION_LEASE_SECONDS = 600
    busy, free = make_run(), make_run()
    claim_run(busy.pk, "a")
    claim_run(free.pk, "a")
    before = PipelineRun.objects.get(pk=busy.pk).lease_expires_at
    with connection.cursor() as cursor:  # waiting would fail the test, not hang it
        cursor.execute("SET lock_timeout = '3s'")
    params = connection.get_connection_params()
    dsn = {k: params[k] for k in ("dbname", "user", "host", "port", "password") if params.get(k)}
    with psycopg.connect(**dsn) as other:  # another thread's batch, mid-step on `busy`
        other.execute("SELECT 1 FROM orchestration_pipelinerun WHERE id = %s FOR UPDATE", [busy.pk])

        assert renew_leases("a", [busy.pk, free.pk]) == 1  # returns at once: no deadlock wait

    assert PipelineRun.objects.get(pk=busy.pk).lease_expires_at == before
    assert PipelineRun.objects.get(pk=free.pk).lease_expires_at > timezone.now() + timedelta(
        seconds=590
    )


# (status, not_before, lease_expires_at) relative to now in seconds; None: NULL.
CLAIM_CASES = {
    "fresh": ("pending", None, None),
    "retry due": ("retrying", -5, None),
    "retry due this instant": ("retrying", 0, None),
    "retry in the future": ("retrying", 60, None),
    "pending in the future": ("pending", 60, None),
    "leased": ("processing", None, 60),
    "lease expired": ("processing", None, -5),
    "lease expires this instant": ("processing", None, 0),
    "processing without a lease": ("processing", None, None),
    "expired lease, future due": ("processing", 60, -5),
    "done": ("notified", None, -5),
    "failed": ("failed", None, -5),
    "skipped": ("skipped", -5, None),
}


def test_the_claim_sql_picks_exactly_the_runs_claimable_q_names(make_run):
    # On each database the suite runs on (CI: SQLite and PostgreSQL).
    now = timezone.now()

    def at(offset):
        return None if offset is None else now + timedelta(seconds=offset)

    runs = {
        name: make_run(status=status, not_before=at(due), lease_expires_at=at(lease)).pk
        for name, (status, due, lease) in CLAIM_CASES.items()
    }
    by_orm = set(PipelineRun.objects.filter(claimable_q(now)).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(queue._candidates_sql(connection.vendor), queue._candidate_params(now, 100))
        by_sql = {pk for (pk,) in cursor.fetchall()}
    expected = {"fresh", "retry due", "retry due this instant", "lease expired",
                "expired lease, future due"}  # fmt: skip
    assert {name for name, pk in runs.items() if pk in by_orm} == expected
    assert by_sql == by_orm
    assert set(queue._claim_returning(100, "w", now, "")) == by_orm
