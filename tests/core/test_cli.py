"""The `vigil` command as cron, hooks and people run it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from vigil import cli
from vigil.core.home import find_home, missing_secret_key

VIGIL = Path(sys.executable).with_name("vigil")


def run_vigil(*args, cwd, **env):
    environ = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    environ.update(env)
    return subprocess.run(
        [str(VIGIL), *args], capture_output=True, text=True, cwd=cwd, env=environ, timeout=60
    )


def test_version_is_vigils_own():
    assert cli.version() != "5.2" and cli.version()[0].isdigit()


def test_help_lists_vigils_commands_with_one_line_each():
    text = cli.overview()
    lines = text.splitlines()
    assert lines[0] == f"Vigil {cli.version()}"
    listed = {line.split()[0]: line for line in lines if line.startswith("  ") and "  " in line[2:]}
    for name in ("trace", "worker", "serve", "preflight", "run_pipeline", "push_to_hub"):
        assert name in listed
    assert "run id, trace id or alert id" not in listed["trace"]
    assert all(len(line) <= 100 for line in lines)


@pytest.mark.slow
def test_version_and_help_answer_without_importing_django(tmp_path):
    for args in (["--version"], ["help"]):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "vigil.cli", *args],
            capture_output=True, text=True, cwd=tmp_path, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0
        assert " django" not in done.stderr, args
    done = run_vigil("--version", cwd=tmp_path)
    assert done.stdout.strip() == f"vigil {cli.version()}"


def test_the_home_is_vigil_home_then_the_installation_then_here(tmp_path, monkeypatch):
    installed, here = tmp_path / "opt-vigil", tmp_path / "cron-cwd"
    installed.mkdir()
    here.mkdir()
    assert find_home({"VIGIL_HOME": str(here)}, here, [installed]).reason == "VIGIL_HOME"
    assert find_home({}, here, [installed]).path == here  # no .env anywhere: here
    (installed / ".env").write_text("DJANGO_SECRET_KEY=k\n")
    (here / ".env").write_text("DJANGO_SECRET_KEY=another-apps-key\n")
    home = find_home({}, here, [installed])
    assert (home.path, home.reason) == (installed, "the installation's directory")


def test_a_missing_secret_key_names_the_file_looked_for(tmp_path):
    home = find_home({"VIGIL_HOME": str(tmp_path)})
    message = missing_secret_key(home)
    assert f"{tmp_path / '.env'} (home: VIGIL_HOME) does not exist" in message
    assert "set VIGIL_HOME" in message and "empty database" in message


@pytest.mark.slow
def test_a_configuration_error_is_one_line_and_exit_2(tmp_path):
    env = {"VIGIL_HOME": str(tmp_path), "DJANGO_SECRET_KEY": ""}
    done = run_vigil("trace", "1", cwd=tmp_path, **env)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert str(tmp_path / ".env") in done.stderr


@pytest.mark.slow
def test_a_database_command_does_not_load_the_api_or_the_vendors_stacks(tmp_path):
    # Modules, not seconds: a load-independent guard of bench/cli_start.py's figures.
    env = {**os.environ, "VIGIL_HOME": str(tmp_path), "DJANGO_SECRET_KEY": "k" * 50}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    subprocess.run([str(VIGIL), "migrate", "-v0"], env=env, cwd=tmp_path, check=True, timeout=120)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "vigil.cli", "monitor_pipeline", "--json"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    for heavy in ("ninja", "pydantic", "httpx", "jinja2", "celery", "psycopg", "vigil.api"):
        assert heavy not in loaded, heavy


def test_the_api_docs_still_find_ninjas_templates_and_static_files(client, auth_headers):
    assert client.get("/api/docs", **auth_headers).status_code == 200
    assert finders.find("ninja/swagger-ui.css")
