import pytest
from django.core.exceptions import ValidationError

from vigil.orchestration.models import Lane
from vigil.orchestration.routing import Facts, lane_errors, resolve_lane, rule_matches
from vigil.orchestration.services import execute_now

FACTS = Facts(
    source="alertmanager",
    severity="critical",
    status="open",
    flapping=False,
    environment="prod",
    origin="webhook",
    labels={"team": "db", "empty": ""},
)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"field": "severity", "op": "is", "value": "critical"}, True),
        ({"field": "severity", "op": "is", "value": "CRITICAL"}, True),
        ({"field": "severity", "op": "is-not", "value": "critical"}, False),
        ({"field": "source", "op": "in", "value": ["grafana", "alertmanager"]}, True),
        ({"field": "source", "op": "not-in", "value": ["grafana"]}, True),
        ({"field": "flapping", "op": "is", "value": False}, True),
        ({"field": "flapping", "op": "is", "value": "true"}, False),
        ({"field": "label:team", "op": "is", "value": "db"}, True),
        ({"field": "label:team", "op": "exists"}, True),
        ({"field": "label:missing", "op": "exists"}, False),
        ({"field": "label:missing", "op": "exists", "value": False}, True),
        ({"field": "label:empty", "op": "exists"}, False),
        ({"field": "label:missing", "op": "is", "value": "x"}, False),
        ({"field": "label:missing", "op": "is-not", "value": "x"}, True),
        ({"field": "label:missing", "op": "not-in", "value": ["x"]}, True),
        ({"field": "origin", "op": "is", "value": "webhook"}, True),
        ({"field": "environment", "op": "in", "value": ["staging"]}, False),
    ],
)
def test_rule_ops(rule, expected):
    assert rule_matches(rule, FACTS) is expected


def test_first_active_lane_by_priority_wins():
    lanes = [
        Lane(name="off", priority=1, active=False, match=[]),
        Lane(name="db", priority=5, match=[{"field": "label:team", "op": "is", "value": "db"}]),
        Lane(name="all", priority=9, match=[]),
    ]
    assert resolve_lane(lanes, FACTS).name == "db"
    assert resolve_lane(lanes, Facts(labels={"team": "web"})).name == "all"
    assert resolve_lane(lanes[:2], Facts()) is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"match": [{"field": "hostname", "op": "is", "value": "x"}]},
            "field 'hostname' is not valid",
        ),
        (
            {"match": [{"field": "source", "op": "matches", "value": "x"}]},
            "op 'matches' is not valid",
        ),
        ({"match": [{"field": "source", "op": "in", "value": "x"}]}, "must be a list"),
        ({"match": [{"field": "source", "op": "is", "value": {"a": 1}}]}, "must be a string"),
        ({"match": [{"field": "source", "op": "is", "value": "x", "eval": "1"}]}, "unknown keys"),
        ({"stages": ["check", "deploy"]}, "must be distinct names"),
        ({"stages": ["check", "check"]}, "must be distinct names"),
        ({"skip_if": "__import__('os').system('id')"}, "the only form is <stage>.has_errors"),
        ({"skip_if": "{{ check.has_errors }}"}, "the only form is <stage>.has_errors"),
        ({"skip_if": "analyze.has_errors"}, "not in this lane"),
        ({"name": "../etc"}, "name '../etc' is not valid"),
        ({"channels": ["ok", "no spaces"]}, "channels must be"),
    ],
)
def test_lane_validation_names_the_problem(fields, message):
    lane = {"name": "x", "match": [], "stages": ["check"], "channels": [], "skip_if": ""} | fields
    errors = lane_errors(**lane)
    assert any(message in error for error in errors), errors


@pytest.mark.django_db
def test_model_clean_rejects_an_invalid_lane():
    lane = Lane(name="bad", stages=["check"], skip_if_condition="check.ok")
    with pytest.raises(ValidationError):
        lane.full_clean()


@pytest.mark.django_db
def test_default_lanes_are_seeded():
    lanes = {lane.name: lane for lane in Lane.objects.all()}
    assert lanes["resolved"].stages == ["notify"]
    assert lanes["resolved"].match == [
        {"field": "status", "op": "in", "value": ["resolved", "closed"]}
    ]
    assert lanes["default"].stages == ["check", "analyze", "notify"]
    assert lanes["default"].match == []
    assert lanes["resolved"].priority < lanes["default"].priority
    for lane in lanes.values():
        lane.full_clean()


@pytest.mark.django_db
def test_workers_reuse_lanes_for_the_reload_interval_and_forget_them_on_save(
    make_run, fake_stages, lane, settings, config_clock
):
    settings.CONFIG_RELOAD_SECONDS = 60
    test_lane = lane(stages=["check"])
    assert execute_now(make_run()).status == "checked"

    # Another process changing the row (no signal here) applies after the interval...
    Lane.objects.filter(pk=test_lane.pk).update(stages=["check", "analyze"])
    config_clock.advance(59)
    assert execute_now(make_run()).status == "checked"
    config_clock.advance(1)
    assert execute_now(make_run()).status == "analyzed"

    # ...a save in this process (admin, API, shell) at once.
    test_lane.refresh_from_db()
    test_lane.stages = []
    test_lane.save()
    assert execute_now(make_run()).status == "ingested"

    settings.CONFIG_RELOAD_SECONDS = 0  # read for every run
    Lane.objects.filter(pk=test_lane.pk).update(stages=["check", "analyze"])
    assert execute_now(make_run()).status == "analyzed"
