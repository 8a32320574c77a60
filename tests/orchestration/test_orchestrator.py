from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vigil.orchestration.models import Lane, PipelineRun, StageExecution
from vigil.orchestration.orchestrator import execute_batch, execute_claimed
from vigil.orchestration.queue import LeaseLost, claim_run, update_claimed
from vigil.orchestration.services import execute_now, resume_run

pytestmark = pytest.mark.django_db


def _stages(run):
    return [
        (e.stage, e.attempt, e.status, e.reason)
        for e in StageExecution.objects.filter(run=run).order_by("started_at", "pk")
    ]


def test_missing_stage_services_are_recorded_as_skipped(make_run, no_stages):
    run = execute_now(make_run())

    assert run.status == "skipped"
    assert run.definition_name == "default"
    assert _stages(run) == [
        ("check", 1, "skipped", "stage not installed"),
        ("analyze", 1, "skipped", "stage not installed"),
        ("notify", 1, "skipped", "stage not installed"),
    ]
    assert run.claimed_by == "" and run.lease_expires_at is None and run.finished_at


def test_resolved_incident_takes_the_notify_only_lane(make_incident, make_run, no_stages):
    run = execute_now(make_run(make_incident(status="resolved")))

    assert run.definition_name == "resolved"
    assert [stage for stage, *_ in _stages(run)] == ["notify"]


def test_stages_run_in_lane_order_and_feed_each_other(make_run, fake_stages, lane):
    lane(stages=["check", "analyze"])
    run = execute_now(make_run())

    assert run.status == "analyzed"
    analyze = StageExecution.objects.get(run=run, stage="analyze")
    assert analyze.output_snapshot["summary"] == f"1 check(s) for run {run.run_id}"
    # Stage outputs are stored redacted.
    assert "sk-should-be-redacted" not in str(analyze.output_snapshot)
    check = StageExecution.objects.get(run=run, stage="check")
    assert check.idempotency_key == f"{run.run_id}:check:1"
    assert check.output_snapshot["results"][0]["message"] == "timeout=10.0"
    assert check.input_snapshot["incident"]["id"] == run.incident_id


def test_no_matching_lane_fails_visibly_and_is_not_retried(make_run, lane, no_stages):
    from vigil.orchestration.models import Lane

    Lane.objects.all().delete()
    lane(match=[{"field": "severity", "op": "is", "value": "info"}])
    run = execute_now(make_run())

    assert run.status == "failed"
    assert run.last_error_type == "no_route"
    assert run.last_error_retryable is False
    assert "severity='critical'" in run.last_error_message
    assert run.not_before is None


def test_transient_failure_reschedules_with_backoff_without_sleeping(
    make_incident, make_run, fake_stages, lane, settings
):
    settings.ORCHESTRATION_RETRY_BASE_SECONDS = 10
    lane(stages=["check", "analyze"])
    incident = make_incident(labels={"fake_analyze": "transient"})
    before = timezone.now()
    run = execute_now(make_run(incident))

    assert run.status == "retrying"
    assert run.last_error_type == "FakeStageError" and run.last_error_retryable
    # The shared backoff: between half and the whole first step (10 s).
    assert before + timedelta(seconds=5) <= run.not_before <= timezone.now() + timedelta(seconds=10)
    assert run.claimed_by == "" and run.lease_expires_at is None
    # Not due yet: nobody may claim it.
    assert not claim_run(run.pk, "someone")


def test_retry_at_from_the_stage_wins_over_the_backoff(make_incident, make_run, fake_stages, lane):
    lane(stages=["check"])
    run = execute_now(make_run(make_incident(labels={"fake_check": "retry_now"})))

    assert run.status == "retrying"
    assert run.not_before <= timezone.now()
    assert claim_run(run.pk, "next")  # due at once, not after ORCHESTRATION_RETRY_BASE_SECONDS


def test_resume_skips_stages_that_already_succeeded(make_incident, make_run, fake_stages, lane):
    lane(stages=["check", "analyze"])
    incident = make_incident(labels={"fake_analyze": "transient"})
    run = execute_now(make_run(incident))
    assert run.status == "retrying"

    incident.labels = {}
    incident.save()
    PipelineRun.objects.filter(pk=run.pk).update(not_before=timezone.now())
    run = execute_now(run)

    assert run.status == "analyzed"
    assert _stages(run) == [
        ("check", 1, "succeeded", ""),
        ("analyze", 1, "failed", ""),
        ("analyze", 2, "succeeded", ""),
    ]
    assert [c for c in fake_stages.CALLS if c[0] == "check"] == [("check", incident.pk)]


def test_permanent_failure_fails_fast(make_incident, make_run, fake_stages, lane):
    lane(stages=["check", "analyze"])
    run = execute_now(make_run(make_incident(labels={"fake_check": "permanent"})))

    assert run.status == "failed"
    assert run.attempts == 1
    assert run.last_error_message == "check is misconfigured"
    assert run.last_error_retryable is False
    assert [s for s, *_ in _stages(run)] == ["check"]


def test_transient_failures_give_up_after_max_attempts(
    make_incident, make_run, fake_stages, lane, settings
):
    settings.ORCHESTRATION_MAX_ATTEMPTS = 2
    lane(stages=["check"])
    run = make_run(make_incident(labels={"fake_check": "transient"}))
    for _ in range(2):
        PipelineRun.objects.filter(pk=run.pk).update(not_before=None)
        run = execute_now(run)

    assert run.status == "failed"
    assert run.last_error_message.startswith("gave up after 2 attempts")
    assert run.last_error_retryable is True


def test_unexpected_exception_in_a_stage_is_transient(make_incident, make_run, fake_stages, lane):
    lane(stages=["check"])
    run = execute_now(make_run(make_incident(labels={"fake_check": "bug"})))

    assert run.status == "retrying"
    assert run.last_error_type == "KeyError"


def test_skip_if_condition_skips_the_rest_of_the_lane(make_incident, make_run, fake_stages, lane):
    lane(stages=["check", "analyze"], skip_if_condition="check.has_errors")
    run = execute_now(make_run(make_incident(labels={"fake_check": "critical"})))

    assert run.status == "checked"
    assert _stages(run)[1] == ("analyze", 1, "skipped", "skip_if_condition check.has_errors held")


def test_forced_definition_wins_over_routing(make_run, fake_stages, lane):
    lane(
        name="checks-only",
        priority=500,
        stages=["check"],
        match=[{"field": "source", "op": "is", "value": "nope"}],
    )
    run = execute_now(make_run(definition_name="checks-only"))

    assert run.status == "checked"
    assert run.definition_name == "checks-only"


def test_run_without_incident_fails_permanently(make_run, no_stages):
    run = make_run()
    run.incident.delete()
    run = execute_now(PipelineRun.objects.get(pk=run.pk))

    assert run.status == "failed" and run.last_error_type == "incident_missing"


def test_a_worker_that_lost_its_claim_stops_writing(make_run, no_stages):
    run = make_run()
    assert claim_run(run.pk, "worker-a")
    PipelineRun.objects.filter(pk=run.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert claim_run(run.pk, "worker-b")  # the lease expired: b reclaims

    with pytest.raises(LeaseLost):
        update_claimed(run, "worker-a", current_stage="check")
    execute_claimed(run.pk, "worker-a")  # returns quietly, touching nothing
    assert PipelineRun.objects.get(pk=run.pk).claimed_by == "worker-b"
    assert not StageExecution.objects.filter(run=run).exists()


def test_a_worker_that_lost_its_claim_mid_stage_writes_no_result_and_no_next_stage(
    make_incident, make_run, fake_stages, lane
):
    lane(stages=["check", "analyze"])
    run = make_run(make_incident(labels={"fake_check": "stolen"}))
    assert claim_run(run.pk, "worker-a")

    execute_claimed(run.pk, "worker-a")

    row = PipelineRun.objects.get(pk=run.pk)
    assert (row.claimed_by, row.status, row.current_stage) == ("worker-b", "processing", "check")
    assert _stages(run) == [("check", 1, "running", "")]  # the winner marks it WorkerLost
    assert [stage for stage, _ in fake_stages.CALLS] == ["check"]


def test_stage_left_running_by_a_dead_worker_is_marked_and_rerun(make_run, fake_stages, lane):
    lane(stages=["check"])
    run = make_run()
    assert claim_run(run.pk, "dead-worker")
    StageExecution.objects.create(
        run=run, stage="check", attempt=1, idempotency_key=f"{run.run_id}:check:1"
    )
    PipelineRun.objects.filter(pk=run.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    run = execute_now(run)

    assert run.status == "checked" and run.attempts == 2
    assert _stages(run) == [("check", 1, "failed", ""), ("check", 2, "succeeded", "")]
    assert StageExecution.objects.get(run=run, attempt=1).error_type == "WorkerLost"


def test_operator_resume_requeues_a_failed_run(make_incident, make_run, fake_stages, lane):
    lane(stages=["check"])
    incident = make_incident(labels={"fake_check": "permanent"})
    run = execute_now(make_run(incident))
    assert run.status == "failed"

    run = resume_run(run)
    assert run.status == "pending" and run.attempts_in_budget == 0
    incident.labels = {}
    incident.save()
    assert execute_now(run).status == "checked"


def test_resume_runs_stages_installed_since(make_run, no_stages, settings):
    run = execute_now(make_run())
    assert run.status == "skipped"

    settings.ORCHESTRATION_STAGE_SERVICES = {
        "check": "tests.orchestration.stage_fakes.check_incident",
        "analyze": "tests.orchestration.stage_fakes.analyze_incident",
        "notify": "tests.orchestration.stage_fakes.not_there_notify",
    }
    run = execute_now(resume_run(run))

    assert run.status == "analyzed"
    assert _stages(run)[3:] == [
        ("check", 2, "succeeded", ""),
        ("analyze", 2, "succeeded", ""),
        ("notify", 2, "skipped", "stage not installed"),
    ]


def _claimed(runs, owner="worker-a"):
    for run in runs:
        assert claim_run(run.pk, owner)
    return [run.pk for run in runs]


def test_a_batch_runs_each_run_and_a_failing_or_lost_run_leaves_only_itself(
    make_incident, make_run, fake_stages, lane
):
    lane(stages=["check", "analyze"])
    ok = make_run()
    transient = make_run(make_incident(labels={"fake_check": "transient"}))
    stolen = make_run(make_incident(labels={"fake_check": "stolen"}))
    permanent = make_run(make_incident(labels={"fake_analyze": "permanent"}))
    last = make_run()

    execute_batch(_claimed([ok, transient, stolen, permanent, last]), "worker-a")

    rows = {row.pk: row for row in PipelineRun.objects.all()}
    for run in (ok, last):
        assert (rows[run.pk].status, rows[run.pk].claimed_by) == ("analyzed", "")
        assert _stages(run) == [("check", 1, "succeeded", ""), ("analyze", 1, "succeeded", "")]
    assert rows[transient.pk].status == "retrying" and rows[transient.pk].not_before
    assert _stages(transient) == [("check", 1, "failed", "")]
    assert (rows[stolen.pk].claimed_by, rows[stolen.pk].status) == ("worker-b", "processing")
    assert _stages(stolen) == [("check", 1, "running", "")]  # nothing written after the loss
    assert rows[permanent.pk].status == "failed"
    assert _stages(permanent) == [("check", 1, "succeeded", ""), ("analyze", 1, "failed", "")]
    # Each stage is called run after run, in the order the runs were created; a run
    # that left the batch is not called again.
    order = {run.incident_id: name for name, run in
             [("ok", ok), ("transient", transient), ("stolen", stolen),
              ("permanent", permanent), ("last", last)]}  # fmt: skip
    assert [(stage, order[incident]) for stage, incident in fake_stages.CALLS] == [
        ("check", "ok"), ("check", "transient"), ("check", "stolen"), ("check", "permanent"),
        ("check", "last"), ("analyze", "ok"), ("analyze", "permanent"), ("analyze", "last"),
    ]  # fmt: skip


def test_a_run_whose_next_step_cannot_be_built_leaves_the_batch_alone(
    make_incident, make_run, fake_stages, lane, caplog
):
    # A lane saved by a newer version, naming a stage this one does not know.
    newer = lane("newer", priority=0, match=[{"field": "label:newer", "op": "exists"}])
    Lane.objects.filter(pk=newer.pk).update(stages=["check", "triage"])
    lane(stages=["check", "analyze"])
    before = make_run()
    odd = make_run(make_incident(labels={"newer": "1"}))
    after = make_run()

    execute_batch(_claimed([before, odd, after]), "worker-a")

    rows = {row.pk: row for row in PipelineRun.objects.all()}
    for run in (before, after):
        assert (rows[run.pk].status, rows[run.pk].claimed_by) == ("analyzed", "")
    # It keeps its claim: once the lease expires, another attempt picks it up, and marks
    # the check whose result went unwritten WorkerLost, as after a crash.
    assert (rows[odd.pk].status, rows[odd.pk].claimed_by) == ("processing", "worker-a")
    assert _stages(odd) == [("check", 1, "running", "")]
    assert f"run pk={odd.pk}: unexpected error in the worker" in caplog.text


@pytest.mark.postgres
def test_a_batch_writes_its_steps_in_statements_that_do_not_grow_with_its_runs(
    make_run, fake_stages, lane, settings
):
    lane(stages=["check", "analyze"])

    def statements(n: int) -> list[str]:
        pks = _claimed([make_run() for _ in range(n)])
        with CaptureQueriesContext(connection) as queries:
            execute_batch(pks, "worker-a")
        assert PipelineRun.objects.filter(pk__in=pks, status="analyzed").count() == n
        return [query["sql"].split()[0] for query in queries.captured_queries]

    statements(1)  # reads the lanes, which stay cached for CONFIG_RELOAD_SECONDS

    # The runs, their incidents and alerts, then one statement per step: check started,
    # analyze started (with check's result), the end (with analyze's result). Each was
    # prepared by the first batch and is now executed by name.
    prepared = statements(1)
    assert prepared == statements(8) == ["EXECUTE"] * 6

    settings.DATABASE_PREPARED_STATEMENTS = False  # the same statements, sent whole
    expected = ["SELECT", "SELECT", "SELECT", "WITH", "WITH", "WITH"]
    assert statements(1) == statements(8) == expected
