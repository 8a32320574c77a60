"""The real `vigil` console script, as cron or a systemd timer runs it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

VIGIL = Path(sys.executable).with_name("vigil")


def vigil(*args, env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHECKER_", "VIGIL_HUB"))}
    root = str(Path(__file__).parents[2])
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "PYTHONPATH": root,
            "NO_COLOR": "1",
            **(env_extra or {}),
        }
    )
    return subprocess.run(
        [str(VIGIL), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=Path(__file__).parents[2],
    )


def test_check_health_writes_the_textfile_and_exits_1_on_critical(tmp_path):
    fresh = tmp_path / "fresh"
    fresh.write_text("x")
    target = tmp_path / "vigil.prom"
    done = vigil(
        "check_health", "--no-save", "--fail-on-critical", "--format", "prometheus", "--output", str(target),
        env_extra={"CHECKER_FRESHNESS": f"{fresh}=1h,{tmp_path}/missing=1h", "CHECKER_DEFAULT_SUITE": "memory,freshness"},
    )  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "")
    text = target.read_text()
    assert 'vigil_check_status{node="' in text
    assert f'check="freshness",target="{fresh}"}} 0' in text
    assert f'check="freshness",target="{tmp_path}/missing"}} 2' in text
    assert 'check="memory",target=""} ' in text
