"""The stages are declared once (stage_names.Stage); everything else is built from them
or checked against them here."""

import re
from pathlib import Path

from vigil.api import api
from vigil.orchestration import stages
from vigil.orchestration.models import Lane
from vigil.orchestration.routing import SKIP_IF_PATTERN, lane_errors
from vigil.orchestration.stage_names import Stage

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_declared_stage_is_registered_and_nothing_else():
    assert list(stages.STAGES) == list(Stage.values)


def test_every_registered_stage_has_a_service_and_a_runner():
    for spec in stages.STAGES.values():
        assert callable(spec.service())
        assert callable(spec.runner)


def test_routing_refuses_a_stage_it_does_not_know_and_names_the_valid_ones():
    errors = lane_errors(name="l", match=[], stages=["check", "analyse"], channels=[], skip_if="")

    assert errors == [
        "stages ['check', 'analyse'] must be distinct names from check, analyze, notify"
    ]
    assert all(SKIP_IF_PATTERN.match(f"{stage}.has_errors") for stage in Stage.values)


def test_the_lane_schema_lists_the_stages():
    schemas = api.get_openapi_schema()["components"]["schemas"]

    for name in ("LaneIn", "LaneOut"):
        assert schemas[name]["properties"]["stages"]["items"]["enum"] == Stage.values


def test_the_admin_help_text_lists_the_stages():
    help_text = Lane._meta.get_field("stages").help_text

    assert help_text == 'ordered subset of ["check", "analyze", "notify"]'
    assert all(f'"{stage}"' in help_text for stage in Stage.values)


def test_the_docs_list_the_stages():
    lanes = (DOCS / "orchestration.md").read_text()
    listed = re.search(r"ordered `stages` \(a subset of ([^)]*)\)", lanes).group(1)
    contracts = (DOCS / "architecture.md").read_text()

    assert re.findall(r"`(\w+)`", listed) == Stage.values
    assert re.findall(r"^\| ([A-Z]+) \| `vigil\.", contracts, re.M) == [
        stage.upper() for stage in Stage.values
    ]
