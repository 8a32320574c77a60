"""Settings behaviour that only shows in a fresh process (startup failures, .env rules)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run_settings(
    tmp_path,
    env_extra,
    code="from django.conf import settings; print(settings.DEBUG, settings.SECRET_KEY[:6])",
):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "VIGIL_", "DATABASE_", "REDIS_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "vigil.settings",
            "VIGIL_HOME": str(tmp_path),
            "PYTHONPATH": str(ROOT),
        }
    )
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )


def test_missing_secret_key_stops_startup_with_a_clear_message(tmp_path):
    result = _run_settings(tmp_path, {})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_dotenv_never_overrides_the_real_environment(tmp_path):
    (tmp_path / ".env").write_text("DJANGO_SECRET_KEY=fromdotenv-xxxxxxxx\nDJANGO_DEBUG=1\n")
    result = _run_settings(tmp_path, {"DJANGO_DEBUG": "0"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "fromdo"]


def test_env_dev_is_read_only_in_dev(tmp_path):
    (tmp_path / ".env").write_text("DJANGO_SECRET_KEY=fromdotenv-xxxxxxxx\n")
    (tmp_path / ".env.dev").write_text("DJANGO_DEBUG=1\n")
    assert _run_settings(tmp_path, {}).stdout.split()[0] == "False"
    assert _run_settings(tmp_path, {"DJANGO_ENV": "dev"}).stdout.split()[0] == "True"


def test_bad_boolean_stops_startup_naming_the_variable(tmp_path):
    result = _run_settings(tmp_path, {"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG='maybe' is not a boolean" in result.stderr


def test_sqlite_default_runs_in_wal_mode(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    result = _run_settings(tmp_path, {"DJANGO_SECRET_KEY": "x" * 60}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wal"
    assert (tmp_path / "var" / "vigil.sqlite3").exists()


def test_a_command_whose_home_has_no_env_file_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "VIGIL_"))}
    result = subprocess.run(
        [sys.executable, "-m", "vigil.cli", "check"],
        capture_output=True, text=True,
        env={**env, "PYTHONPATH": str(ROOT), "VIGIL_HOME": str(tmp_path)},
        cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("vigil: configuration error: DJANGO_SECRET_KEY is not set")
    assert f"{tmp_path / '.env'}" in result.stderr and "set VIGIL_HOME" in result.stderr
