"""Dependencies run one way (docs/architecture.md): faces -> orchestration -> stages ->
alerts -> core. These walk the source of each app, imports inside functions and dotted
paths in strings (import_string) included, so a new edge against the direction fails
here instead of in a review."""

import ast
from pathlib import Path

import pytest

import vigil
from vigil.checkers.checkers import CHECKERS

ROOT = Path(vigil.__file__).parent

# The stages (CHECK is nodes + checkers) and what none of them may reach: the layers
# above them, the other stages, and ingest (a stage never raises alerts).
STAGES = {
    "checkers": {"vigil.intelligence", "vigil.notify"},
    "nodes": {"vigil.intelligence", "vigil.notify"},
    "intelligence": {"vigil.checkers", "vigil.nodes", "vigil.notify"},
    "notify": {"vigil.checkers", "vigil.nodes", "vigil.intelligence"},
}
ABOVE_STAGES = {"vigil.orchestration", "vigil.console", "vigil.secretscan", "vigil.bot"}
INGEST = {"vigil.alerts.services", "vigil.alerts.lifecycle", "vigil.alerts.changes"}
ABOVE_ALERTS = (
    ABOVE_STAGES | {"vigil.checkers", "vigil.nodes", "vigil.intelligence"} | {"vigil.notify"}
)


def referenced_modules(path: Path) -> set[str]:
    """Every vigil module `path` imports, at any depth, or names in a string."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        elif (
            isinstance(node, ast.Constant) and isinstance(node.value, str) and " " not in node.value
        ):
            found.add(node.value)
    return {name for name in found if name.startswith("vigil.")}


def violations(app: str, forbidden: set[str]) -> list[str]:
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for name in sorted(referenced_modules(path)):
            if any(name == bad or name.startswith(bad + ".") for bad in forbidden):
                found.append(f"{path.relative_to(ROOT.parent)}: {name}")
    return found


def test_the_walk_finds_an_import_inside_a_function_and_a_dotted_string(tmp_path):
    source = tmp_path / "m.py"
    source.write_text(
        "def f():\n    from vigil.orchestration.models import PipelineRun\n"
        "X = 'vigil.orchestration.intake.ingest'\n"
    )
    assert referenced_modules(source) == {
        "vigil.orchestration.models",
        "vigil.orchestration.models.PipelineRun",
        "vigil.orchestration.intake.ingest",
    }


def test_alerts_imports_nothing_from_the_layers_above_it():
    assert violations("alerts", ABOVE_ALERTS) == []


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_a_stage_never_calls_another_stage_ingest_or_the_orchestrator(stage):
    assert violations(stage, STAGES[stage] | ABOVE_STAGES | INGEST) == []


def test_no_registered_checker_scans_repositories():
    # Secret scanning runs on its own schedule (vigil/secretscan), never inside an
    # incident's CHECK stage, which would raise new alerts from a stage.
    assert "secrets" not in CHECKERS
    for slug, checker in CHECKERS.items():
        module = Path(__import__(checker.__module__, fromlist=["_"]).__file__)
        assert not referenced_modules(module) & {"vigil.secretscan", *INGEST}, slug
