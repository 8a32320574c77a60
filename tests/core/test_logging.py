import json
import logging
import os
import subprocess
import sys

from vigil.core.logging import ContextFilter, JsonFormatter, log_context
from vigil.core.security.redact import RedactingFilter


def _record(msg, *args):
    return logging.LogRecord("vigil.test", logging.INFO, __file__, 1, msg, args, None)


def test_json_lines_carry_trace_and_run_ids():
    record = _record("delivered %s", "ok")
    with log_context(trace_id="tr-1", run_id="run-9"):
        ContextFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "delivered ok"
    assert line["trace_id"] == "tr-1" and line["run_id"] == "run-9"
    assert line["level"] == "INFO" and line["logger"] == "vigil.test"


def test_context_is_restored_after_the_block():
    with log_context(trace_id="outer"):
        with log_context(trace_id="inner"):
            pass
        record = _record("x")
        ContextFilter().filter(record)
        assert record.trace_id == "outer"
    record = _record("x")
    ContextFilter().filter(record)
    assert record.trace_id == "-"


def test_secrets_never_reach_the_log_line():
    hook = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX"
    record = _record("posting to %s with token=%s", hook, "s3cr3t-value-123")
    assert RedactingFilter().filter(record)
    text = record.getMessage()
    assert "XXXXXXXXXXXXXXXXXXXXXXXX" not in text
    assert "s3cr3t-value-123" not in text


def test_rotating_file_handler_is_configured_from_env(tmp_path):
    log_file = tmp_path / "vigil.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vigil.settings",
        "VIGIL_HOME": str(tmp_path),
        "DJANGO_SECRET_KEY": "x" * 60,
        "LOG_FILE": str(log_file),
        "LOG_FORMAT": "json",
        "LOG_FILE_MAX_BYTES": "2048",
        "LOG_FILE_BACKUPS": "2",
    }
    code = (
        "import django, logging; django.setup(); log = logging.getLogger('vigil.t'); "
        "[log.warning('line %d password=hunter2hunter2', i) for i in range(200)]"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    lines = log_file.read_text().splitlines()
    assert lines and all(json.loads(line)["logger"] == "vigil.t" for line in lines)
    assert "hunter2hunter2" not in log_file.read_text()
    assert (tmp_path / "vigil.log.1").exists() and not (tmp_path / "vigil.log.3").exists()
