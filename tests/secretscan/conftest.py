import random
import subprocess
from pathlib import Path

import pytest

from vigil.secretscan.engine import Scanner
from vigil.secretscan.rules import RuleSet
from vigil.secretscan.samples import GENERATORS


class Repo:
    def __init__(self, path: Path):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "--initial-branch=main")
        self.git("config", "user.name", "Ada Lovelace")
        self.git("config", "user.email", "ada@example.org")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, env=None) -> str:
        proc = subprocess.run(
            ["git", "-C", str(self.path), *args],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        return proc.stdout.strip()

    def write(self, rel: str, content: str | bytes) -> Path:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content)
        return target

    def commit(self, message: str, date: str = "2024-03-01T10:00:00+00:00", **files) -> str:
        for rel, content in files.items():
            self.write(rel.replace("__", "/"), content)
        self.git("add", "-A")
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "PATH": "/usr/bin:/bin"}
        # Building a history for a test: a hook the test installed must not interfere.
        self.git("commit", "-q", "--no-verify", "--allow-empty", "-m", message, env=env)
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path):
    return Repo(tmp_path / "repo")


@pytest.fixture(scope="session")
def scanner():
    return Scanner(RuleSet.load())


@pytest.fixture
def fake(request):
    """fake("github-pat") -> a format-valid, randomly generated fake Sample."""
    rng = random.Random(request.node.name)

    def make(rule_id: str):
        return GENERATORS[rule_id](rng)

    return make
