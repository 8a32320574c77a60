import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from vigil.alerts.models import Alert
from vigil.orchestration.management.commands.run_pipeline import Command as RunPipeline
from vigil.orchestration.models import PipelineRun

pytestmark = pytest.mark.django_db


def _call(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_run_pipeline_for_an_incident_prints_the_outcome(make_incident, fake_stages):
    incident = make_incident()
    output = json.loads(_call("run_pipeline", "--incident", str(incident.pk), "--json"))

    (run,) = output["runs"]
    assert run["status"] == "skipped" or run["status"] in ("analyzed", "notified")
    assert run["origin"] == "manual" and run["definition"] == "default"
    assert [s["stage"] for s in run["stages"]] == ["check", "analyze", "notify"]
    assert PipelineRun.objects.get(run_id=run["run_id"]).is_final


def test_run_pipeline_dry_run_routes_without_writing(make_incident, no_stages):
    incident = make_incident(status="resolved")
    text = _call("run_pipeline", "--incident", str(incident.pk), "--dry-run")

    assert f"incident {incident.pk}: lane resolved stages notify (not installed)" in text
    assert PipelineRun.objects.count() == 0


def test_run_pipeline_forced_lane_and_errors(make_incident, fake_stages, lane):
    lane(
        name="only-check",
        priority=999,
        stages=["check"],
        match=[{"field": "source", "op": "is", "value": "x"}],
    )
    incident = make_incident()
    text = _call("run_pipeline", "--incident", str(incident.pk), "--definition", "only-check")
    assert "checked lane=only-check" in text

    with pytest.raises(CommandError, match="unknown lane 'nope'"):
        _call("run_pipeline", "--incident", str(incident.pk), "--definition", "nope")
    with pytest.raises(CommandError, match="incident 999999 does not exist"):
        _call("run_pipeline", "--incident", "999999")
    with pytest.raises(CommandError, match="say what to run"):
        _call("run_pipeline")


def test_run_pipeline_file_goes_through_the_path_guard(tmp_path):
    with pytest.raises(CommandError, match="--file refused"):
        _call("run_pipeline", "--file", "/etc/../etc/shadow")
    with pytest.raises(CommandError, match="cannot be read"):
        _call("run_pipeline", "--file", str(tmp_path / "missing.json"))


def test_trace_by_run_trace_and_alert_id(make_incident, make_run, no_stages):
    incident = make_incident()
    alert = Alert.objects.create(
        source="alertmanager", fingerprint="fp-1", name="DiskFull", status="firing",
        severity="critical", incident=incident,
    )  # fmt: skip
    run = make_run(incident, trace_id="trace-77")
    from vigil.orchestration.services import execute_now

    execute_now(run)
    for ident in (str(run.run_id), "trace-77", str(alert.pk)):
        chain = json.loads(_call("trace", ident, "--json"))
        assert [r["run_id"] for r in chain["runs"]] == [str(run.run_id)]
        assert chain["incidents"][0]["alerts"][0]["name"] == "DiskFull"
        assert [s["stage"] for s in chain["runs"][0]["stages"]] == ["check", "analyze", "notify"]
    text = _call("trace", "trace-77")
    assert (
        f"incident #{incident.pk}" in text and "alert #" in text and "stage not installed" in text
    )
    with pytest.raises(CommandError, match="nothing found for 'nope'"):
        _call("trace", "nope")


def test_trace_says_what_an_id_was_taken_as(make_incident, make_run, no_stages):
    other = make_incident()  # so that the alert's id is not also an incident's
    incident = make_incident()
    alert = Alert.objects.create(
        source="generic", fingerprint="fp-9", name="CPU", status="firing",
        severity="critical", incident=incident,
    )  # fmt: skip
    run = make_run(incident)
    assert alert.pk != incident.pk
    assert _call("trace", str(incident.pk)).startswith(f"{incident.pk} is taken as an incident id")
    for ident in (f"incident:{incident.pk}", f"#{incident.pk}", f"alert:{alert.pk}"):
        chain = json.loads(_call("trace", ident, "--json"))
        assert [r["run_id"] for r in chain["runs"]] == [str(run.run_id)], ident
    assert json.loads(_call("trace", f"alert:{alert.pk}", "--json"))["matched_as"] == "alert"
    assert json.loads(_call("trace", str(other.pk), "--json"))["incidents"][0]["id"] == other.pk
    with pytest.raises(CommandError, match="taken as incident id"):
        _call("trace", "incident:999")


def test_monitor_pipeline_shows_queue_and_runs(make_run):
    make_run(trace_id="t-a")
    make_run(status="failed", last_error_type="no_route")
    data = json.loads(_call("monitor_pipeline", "--json"))
    assert data["queue"]["depth"] == 1
    assert data["queue"]["by_status"] == {"pending": 1, "failed": 1}
    assert len(data["runs"]) == 2
    text = _call("monitor_pipeline", "--status", "failed")
    assert (
        "queue depth 1" in text and "no_route" in text and "pending " not in text.split("\n", 2)[2]
    )


@pytest.mark.django_db(transaction=True)
def test_worker_once_drains_due_runs(seeded_lanes, make_run, no_stages):
    runs = [make_run() for _ in range(3)]
    # One thread: the test database is in-memory SQLite, which locks whole tables across
    # threads (a file database in WAL mode, as deployed, does not); PostgreSQL tests in
    # tests/reliability run many threads and processes.
    assert "worker stopped after 3 run(s)" in _call("worker", "--once", "--concurrency", "1")
    assert {run.status for run in PipelineRun.objects.filter(pk__in=[r.pk for r in runs])} == {
        "skipped"
    }
    with pytest.raises(CommandError, match="--concurrency must be at least 1"):
        _call("worker", "--concurrency", "0")


@pytest.mark.parametrize(
    "args",
    [
        ("run_pipeline", "--payload", "{not json"),
        ("run_pipeline", "--incident", "999999"),
        ("run_pipeline",),
        ("worker", "--concurrency", "0"),
        ("monitor_pipeline", "--limit", "5000"),
        ("test_notify", "no-such-channel"),
        ("test_notify", "webhook", "--config", "[1]"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(db, args):
    with pytest.raises(CommandError) as info:
        _call(*args)
    assert info.value.returncode == 2
    assert "\n" not in str(info.value)


def test_run_pipeline_help_says_it_really_notifies_and_offers_a_dry_run():
    text = " ".join(RunPipeline().create_parser("vigil", "run_pipeline").format_help().split())
    assert "the lane's channels are really notified" in text
    assert "--dry-run" in text
