"""check_health and run_check: formats, exit codes, options, storage."""

import json
import os
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from vigil.checkers.models import CheckRun


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def backup(tmp_path):
    path = tmp_path / "db.dump"
    path.write_text("x")
    ten_minutes_ago = time.time() - 600
    os.utime(path, (ten_minutes_ago, ten_minutes_ago))
    return path


@pytest.mark.django_db
def test_table_has_a_row_per_result_and_no_colour_off_a_terminal(backup):
    text = run(
        "check_health", "freshness", "--freshness", f"{backup}=1h", f"{backup.parent}/missing=1h"
    )
    lines = text.splitlines()
    assert lines[0].split() == ["CHECK", "TARGET", "STATUS", "MS", "MESSAGE"]
    assert lines[1].split()[:3] == ["freshness", str(backup), "OK"]
    assert lines[2].split()[:3] == ["freshness", f"{backup.parent}/missing", "CRITICAL"]
    assert "\033[" not in text
    assert lines[-1] == "overall CRITICAL: 1 ok, 1 critical"
    assert CheckRun.objects.count() == 2


def test_force_color_colours_the_status(backup):
    text = run(
        "check_health", "freshness", "--freshness", f"{backup}=1h", "--no-save", "--force-color"
    )
    assert "\033[32mOK" in text


def test_json_output(backup):
    data = json.loads(
        run(
            "check_health",
            "freshness",
            "--freshness",
            f"{backup}=1h",
            "--no-save",
            "--json",
            "--node",
            "web-1",
        )
    )
    assert data["node"] == "web-1"
    assert data["status"] == "ok"
    [result] = data["results"]
    assert result["check"] == "freshness" and result["target"] == str(backup)
    assert result["thresholds"] == {"warning_ratio": 0.9}
    assert result["metrics"]["max_age_hours"] == 1.0


def test_exit_codes(backup):
    ok = ["check_health", "freshness", "--no-save", "--freshness", f"{backup}=1h"]
    critical = ["check_health", "freshness", "--no-save", "--freshness", f"{backup.parent}/gone=1h"]
    # Aged to 95% of its limit: a warning (warning_ratio 0.9).
    warning = [
        "check_health",
        "freshness",
        "--no-save",
        "--freshness",
        f"{backup}=1h",
        "--threshold",
        "freshness.warning_ratio=0",
    ]
    assert run(*critical)  # exit 0 unless asked
    for args, flag, code in [
        (critical, "--fail-on-critical", 1),
        (critical, "--fail-on-warning", 1),
        (warning, "--fail-on-warning", 1),
    ]:
        with pytest.raises(SystemExit) as exited:
            run(*args, flag)
        assert exited.value.code == code, (args, flag)
    run(*warning, "--fail-on-critical")  # a warning does not fail --fail-on-critical
    run(*ok, "--fail-on-warning")


def test_prometheus_textfile(tmp_path, backup):
    target = tmp_path / "vigil.prom"
    run("check_health", "freshness", "--freshness", f"{backup}=1h", f"{tmp_path}/gone=1h", "--no-save",
        "--format", "prometheus", "--output", str(target), "--node", 'we"b')  # fmt: skip
    text = target.read_text()
    lines = text.splitlines()
    assert lines[:2] == [
        "# HELP vigil_check_status Check status: 0 ok, 1 warning, 2 critical, 3 unknown.",
        "# TYPE vigil_check_status gauge",
    ]
    assert f'vigil_check_status{{node="we\\"b",check="freshness",target="{backup}"}} 0' in lines
    assert (
        f'vigil_check_status{{node="we\\"b",check="freshness",target="{tmp_path}/gone"}} 2' in lines
    )
    assert (
        f'vigil_check_metric{{node="we\\"b",check="freshness",target="{backup}",metric="max_age_hours"}} 1'
        in lines
    )
    assert "# TYPE vigil_check_last_run_timestamp_seconds gauge" in lines
    assert text.endswith("\n")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert oct(target.stat().st_mode & 0o777) == "0o644"


def test_output_directory_must_exist(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run("check_health", "load", "--no-save", "--output", str(tmp_path / "nope" / "x.prom"))


def test_unknown_checker_is_a_command_error():
    with pytest.raises(CommandError, match="unknown checker 'dsk'; valid: cpu"):
        run("check_health", "dsk")


def test_bad_threshold_flag():
    with pytest.raises(CommandError, match="use CHECK.KEY=VALUE"):
        run("check_health", "load", "--threshold", "warning=3")
    with pytest.raises(CommandError, match="unknown checker 'lod'; valid: cpu, load"):
        run("check_health", "load", "--threshold", "lod.warning=3")
    with pytest.raises(CommandError, match="'x' is not a number"):
        run("check_health", "load", "--threshold", "load.warning=x")


def test_list_marks_the_default_suite(settings):
    settings.CHECKER_PROCESSES = ["nginx"]
    lines = run("check_health", "--list").splitlines()
    assert any(line.startswith("* cpu ") for line in lines)
    assert any(line.startswith("* processes ") for line in lines)
    assert any(line.startswith("  network ") for line in lines)
    assert any("disk" in line and "[warning=80, critical=90]" in line for line in lines)


@pytest.mark.django_db
def test_run_check_with_paths_and_thresholds(tmp_path):
    text = run(
        "run_check",
        "disk",
        "--disk-paths",
        str(tmp_path),
        "--threshold",
        "disk.warning=0",
        "--threshold",
        "disk.critical=100",
    )
    assert text.splitlines()[1].split()[:3] == ["disk", str(tmp_path), "WARNING"]
    row = CheckRun.objects.get()
    assert (row.checker, row.target, row.status) == ("disk", str(tmp_path), "warning")
    assert row.thresholds == {"warning": 0.0, "critical": 100.0}


def test_run_check_processes_option():
    data = json.loads(
        run(
            "run_check", "processes", "--processes", "surely-not-running-xyz", "--no-save", "--json"
        )
    )
    [result] = data["results"]
    assert (result["status"], result["message"]) == (
        "critical",
        "surely-not-running-xyz: not running: start it and read its logs",
    )


@pytest.mark.django_db
def test_results_still_print_when_the_database_is_not_migrated(backup):
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE checkers_checkrun")
    out, err = StringIO(), StringIO()
    call_command("check_health", "freshness", "--freshness", f"{backup}=1h", stdout=out, stderr=err)
    assert "freshness" in out.getvalue() and "overall OK" in out.getvalue()
    assert err.getvalue().startswith("results not stored (")
    assert "run `vigil migrate`, or pass --no-save" in err.getvalue()
