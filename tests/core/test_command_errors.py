"""Every command answers bad input the same way: one line on stderr, exit code 2, nothing
done, never a traceback (see vigil.core.usage for the exit codes)."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from vigil import cli
from vigil.core.models import ApiKey
from vigil.secretscan import cli as secretscan_cli

BIN = Path(sys.executable).parent
# Django's own commands answer through `vigil` as Vigil's do.
COMMANDS = [*cli.vigil_commands(), "migrate", "createsuperuser", "shell"]


def _environ(home: Path) -> dict:
    environ = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    environ.update(VIGIL_HOME=str(home), DJANGO_SECRET_KEY="k" * 50)
    environ.pop("DATABASE_URL", None)
    return environ


def assert_one_line(stderr: str, *fragments: str) -> None:
    assert "Traceback" not in stderr
    assert stderr.count("\n") == 1 and stderr.endswith("\n"), stderr
    for fragment in fragments:
        assert fragment in stderr, stderr


def run_vigil(monkeypatch, capsys, *args) -> str:
    """`vigil <args>` in this process, through the same entry point as the script."""
    monkeypatch.setattr(sys, "argv", ["vigil", *args])
    # main() marks an `agent` process in the environment, for the settings it loads
    # (here already loaded): undone after the test, so later processes start plain.
    monkeypatch.setenv("VIGIL_AGENT_PROCESS", os.environ.get("VIGIL_AGENT_PROCESS", "0"))
    with pytest.raises(SystemExit) as exited:
        cli.main()
    stderr = capsys.readouterr().err
    assert exited.value.code == 2, stderr
    return stderr


def test_the_discovered_commands_are_vigils_own():
    assert {"serve", "trace", "check_health", "push_to_hub", "agent", "scan_secrets"} <= set(
        cli.vigil_commands()
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_answers_an_unknown_option_with_one_line_and_exit_2(
    name, monkeypatch, capsys
):
    stderr = run_vigil(monkeypatch, capsys, name, "--no-such-option")
    # argparse names a missing required argument first, if there is one.
    assert_one_line(stderr, f"vigil {name}: ", f"(see vigil {name} --help)")


@pytest.mark.slow
@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["vigil", "no_such_command"], "vigil: unknown command 'no_such_command'"),
        (["vigil", "trac", "1"], "did you mean trace?"),
        (["vigil-secretscan", "--no-such-option"], "vigil-secretscan: unrecognized arguments"),
        (["vigil-secretscan", "--format", "xml"], "invalid choice: 'xml'"),
    ],
)
def test_the_entry_points_answer_bad_input_with_one_line_and_exit_2(argv, fragment, tmp_path):
    done = subprocess.run(
        [str(BIN / argv[0]), *argv[1:]],
        capture_output=True, text=True, cwd=tmp_path, env=_environ(tmp_path), timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert_one_line(done.stderr, fragment)


@pytest.mark.slow
def test_an_unexpected_error_is_one_line_and_exit_1(tmp_path):
    # A database never migrated: not bad input, but no traceback either.
    done = subprocess.run(
        [str(BIN / "vigil"), "trace", "incident:1"],
        capture_output=True, text=True, cwd=tmp_path, env=_environ(tmp_path), timeout=60,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert_one_line(done.stderr, "vigil trace: unexpected OperationalError", "--traceback")


NO_DIR = "/nonexistent-h16/dir"
BAD_VALUES = [
    (["push_to_hub", "--hub", "http://[::1", "--api-key", "k"], "hub URL is not valid"),
    (["push_to_hub", "--hub", "http://[zz::1]/", "--api-key", "k"], "hub URL is not valid"),
    (["push_to_hub", "--hub", "ftp://hub", "--api-key", "k"], "hub URL is not valid"),
    (["push_to_hub", "--hub", "https://hub", "--api-key", "k", "--timeout", "-1"], "--timeout"),
    (["push_to_hub", "--hub", "https://hub", "--api-key", "k", "nope"], "unknown checker 'nope'"),
    (["agent", "--hub", "http://[::1"], "hub URL is not valid"),
    (["agent", "--hub", "https://hub", "--interval", "0"], "--interval must be a positive"),
    (["agent", "--hub", "https://hub", "--spool", "/proc/1/nope"], "cannot use the spool"),
    (["serve", "--port", "70000"], "--port 70000 must be between 0 and 65535"),
    (["serve", "--host", "vigil.example.com"], "is not an IP address"),
    (["serve", "--workers", "0"], "--workers"),
    (["serve", "--port", "eighty"], "argument --port: invalid int value"),
    (["create_api_key", "--name", ""], "--name: This field cannot be blank"),
    (["create_api_key", "--name", "k", "--endpoint", "alerts"], "must be a path starting"),
    (["create_api_key", "--name", "k", "--role", "god"], "invalid choice: 'god'"),
    (["check_health", "nope"], "unknown checker 'nope'"),
    (["check_health", "--threshold", "disk.warning=high"], "'high' is not a number"),
    (["check_health", "--threshold", "nope.warning=1"], "unknown checker 'nope'"),
    (["check_health", "--output", f"{NO_DIR}/vigil.prom"], "does not exist"),
    (["check_health", "--timeout", "0"], "--timeout 0"),
    (["check_health", "--freshness", "/var/backups=soon"], "--freshness: duration 'soon'"),
    (["check_health", "--ports-allowed", "tcp/http"], "--ports-allowed: port allowlist entry"),
    (["check_health", "--hosts", "db.example.com"], "--hosts: 'db.example.com' needs a port"),
    (["check_health", "--tls-targets", "h:99999"], "--tls-targets: 'h:99999' has an invalid"),
    (["check_health", "--tls-ca-file", f"{NO_DIR}/ca.pem"], "not a readable file"),
    (["run_check", "nope"], "unknown checker 'nope'"),
    (["get_recommendations", "--incident-id", "999999"], "no incident with id 999999"),
    (["get_recommendations", "--provider", "nope"], "no provider named 'nope'"),
    (["get_recommendations", "--disk", "--path", "/etc"], "--path refused"),
    (["setup_intelligence", "--provider", "nope", "--name", "x"], "invalid choice: 'nope'"),
    (["setup_intelligence", "--provider", "openai", "--name", "x", "--option", "bad"], "KEY=VALUE"),
    (
        [
            "setup_intelligence",
            "--provider",
            "openai",
            "--name",
            "x",
            "--model",
            "m",
            "--base-url",
            "http://169.254.169.254/",
        ],
        "--base-url",
    ),  # fmt: skip
    (["test_notify", "no-such-channel"], "is neither a channel nor a driver"),
    (["test_notify", "webhook", "--config", "{bad"], "--config is not valid JSON"),
    (["trace", "999999"], "nothing found for '999999'"),
    (["run_pipeline", "--incident", "999999"], "incident 999999 does not exist"),
    (["run_pipeline", "--payload", "{bad"], "invalid JSON"),
    (["run_pipeline", "--sample", "nope"], "unknown driver 'nope'"),
    (["run_pipeline", "--sample", "--definition", "nope"], "unknown lane 'nope'"),
    (["run_pipeline", "--file", f"{NO_DIR}/alert.json"], "--file"),
    (["monitor_pipeline", "--status", "bogus"], "invalid choice: 'bogus'"),
    (["monitor_pipeline", "--limit", "5000"], "--limit"),
    (["worker", "--concurrency", "0"], "--concurrency must be at least 1"),
    (["rotate_encryption_keys", "--batch-size", "0"], "--batch-size must be at least 1"),
    (["purge_secrets", "--report", f"{NO_DIR}/report.json"], "cannot read report"),
    (["scan_secrets", f"{NO_DIR}"], "is not a directory or a file"),
    (["scan_secrets", "--since", "HEAD"], "--since and --all-refs need --history"),
    (["openapi", "--indent", "-1"], "--indent -1"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, fragment", BAD_VALUES, ids=[" ".join(args)[:60] for args, _ in BAD_VALUES]
)
def test_a_bad_value_is_one_line_and_exit_2(args, fragment, monkeypatch, capsys, settings):
    settings.VIGIL_HUB_API_KEY = "k"
    stderr = run_vigil(monkeypatch, capsys, *args)
    assert_one_line(stderr, f"vigil {args[0]}: ", fragment)


@pytest.mark.django_db(transaction=True)
def test_a_refused_api_key_is_not_created(monkeypatch, capsys):
    run_vigil(monkeypatch, capsys, "create_api_key", "--name", "k", "--endpoint", "alerts")
    assert not ApiKey.objects.exists()


def test_secretscan_answers_an_unwritable_output_with_one_line(tmp_path, capsys):
    code = secretscan_cli.main([str(tmp_path), "--output", f"{NO_DIR}/report.txt"])
    assert code == 2
    assert_one_line(capsys.readouterr().err, "vigil-secretscan: --output", "No such file")


@pytest.mark.slow
@pytest.mark.parametrize("args", [["help"], ["openapi"]])
def test_a_reader_that_leaves_early_is_no_traceback(args, tmp_path):
    # `vigil help | head -1`: the pipe is closed before vigil writes.
    read_end, write_end = os.pipe()
    os.close(read_end)
    with os.fdopen(write_end, "wb") as stdout:
        done = subprocess.run(
            [str(BIN / "vigil"), *args],
            stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=_environ(tmp_path), timeout=60,
        )  # fmt: skip
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert done.returncode == 128 + signal.SIGPIPE


def test_a_bad_default_from_the_environment_is_one_line_naming_the_variable(tmp_path):
    # serve's defaults are settings, read when a process starts: a process of its own.
    environ = {**_environ(tmp_path), "VIGIL_PORT": "eighty"}
    done = subprocess.run(
        [str(BIN / "vigil"), "serve"],
        capture_output=True, text=True, cwd=tmp_path, env=environ, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert_one_line(done.stderr, "vigil: configuration error: VIGIL_PORT='eighty'")
