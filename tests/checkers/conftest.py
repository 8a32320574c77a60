import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from vigil.checkers.checkers.base import CheckContext, CheckOptions
from vigil.checkers.probe import Probe

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class FixtureProbe(Probe):
    """A probe over a copy of a fixture tree. Waiting does not sleep: it advances a
    clock and writes the files of the second sample, so rates are exact."""

    after_wait: dict[str, str] = field(default_factory=dict)
    clock: float = 1000.0

    def wait(self, seconds: float) -> None:
        self.clock += seconds
        for name, text in self.after_wait.items():
            self.path(name).write_text(text)

    def monotonic(self) -> float:
        return self.clock


@pytest.fixture
def fixture_probe(tmp_path):
    count = iter(range(1000))

    def make(name: str, **kwargs) -> FixtureProbe:
        root = tmp_path / f"{name}-{next(count)}"
        shutil.copytree(FIXTURES / name, root)
        return FixtureProbe(root=root, **kwargs)

    return make


@pytest.fixture
def context():
    def make(probe=None, **options) -> CheckContext:
        return CheckContext(CheckOptions(probe=probe, node="test-node", **options))

    return make
