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
    # The files of the samples after later waits, one dict per wait.
    after_later_waits: list[dict[str, str]] = field(default_factory=list)
    clock: float = 1000.0
    waits: int = 0

    def wait(self, seconds: float) -> None:
        self.clock += seconds
        self.waits += 1
        later = self.after_later_waits[self.waits - 2] if self.waits > 1 else {}
        for name, text in {**self.after_wait, **later}.items():
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
