import importlib

import pytest

from tests.orchestration import stage_fakes
from vigil.alerts.models import Incident
from vigil.orchestration import stages
from vigil.orchestration.models import Lane, PipelineRun

FAKES = "tests.orchestration.stage_fakes"
FAKE_SERVICES = {"check": f"{FAKES}.check_incident", "analyze": f"{FAKES}.analyze_incident"}


@pytest.fixture
def make_incident(db):
    counter = iter(range(1, 10_000))

    def make(**fields) -> Incident:
        n = next(counter)
        defaults = {
            "title": f"disk full on web-{n}",
            "source": "alertmanager",
            "group_key": f"group-{n}",
            "severity": "critical",
            "environment": "prod",
            "labels": {"host": f"web-{n}"},
        }
        return Incident.objects.create(**(defaults | fields))

    return make


@pytest.fixture
def make_run(make_incident):
    def make(incident=None, **fields) -> PipelineRun:
        incident = incident or make_incident()
        defaults = {
            "incident": incident,
            "origin": "webhook",
            "trace_id": "t-1",
            "status": "pending",
        }
        return PipelineRun.objects.create(**(defaults | fields))

    return make


@pytest.fixture
def fake_stages(settings):
    """CHECK and ANALYZE served by stage_fakes (NOTIFY stays whatever is installed)."""
    settings.ORCHESTRATION_STAGE_SERVICES = FAKE_SERVICES
    stage_fakes.CALLS.clear()
    return stage_fakes


@pytest.fixture
def no_stages(settings):
    """As on an installation where no stage app has shipped its service."""
    settings.ORCHESTRATION_STAGE_SERVICES = {
        stage: f"{FAKES}.not_there_{stage}" for stage in stages.STAGES
    }


@pytest.fixture
def lane(db):
    def make(name="test-lane", **fields) -> Lane:
        defaults = {"priority": 1, "match": [], "stages": ["check", "analyze"], "channels": []}
        return Lane.objects.create(name=name, **(defaults | fields))

    return make


@pytest.fixture
def seeded_lanes(db):
    """The migration's lanes, for transactional tests: the flush after an earlier
    transactional test removed them."""
    seeds = importlib.import_module("vigil.orchestration.migrations.0002_seed_lanes")
    for lane in seeds.SEED_LANES:
        Lane.objects.get_or_create(name=lane["name"], defaults=lane)
