"""How results leave the machine: a table for people, JSON, Prometheus textfile format."""

import json
import math
import os
import tempfile
import time
from pathlib import Path

from vigil.checkers.checkers.base import CheckResult, Status, worst

_COLOURS = {
    Status.OK: "\033[32m",
    Status.WARNING: "\033[33m",
    Status.CRITICAL: "\033[31;1m",
    Status.UNKNOWN: "\033[35m",
}
_RESET = "\033[0m"


def render_table(results: list[CheckResult], *, colour: bool = False) -> str:
    rows = [
        (r.check, r.target or "-", str(r.status).upper(), f"{r.duration_ms:.0f}", r.message)
        for r in results
    ]
    headers = ("CHECK", "TARGET", "STATUS", "MS", "MESSAGE")
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(4)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(headers[:4], widths, strict=True)) + "  " + headers[4]
    ]
    for result, row in zip(results, rows, strict=True):
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        if colour:
            cells[2] = f"{_COLOURS[result.status]}{cells[2]}{_RESET}"
        lines.append("  ".join(cells) + "  " + row[4])
    overall = worst(result.status for result in results)
    counts = {status: sum(1 for r in results if r.status == status) for status in Status}
    summary = ", ".join(f"{count} {status}" for status, count in counts.items() if count)
    lines.append(f"\noverall {str(overall).upper()}: {summary or 'no results'}")
    return "\n".join(lines)


def render_json(results: list[CheckResult], *, node: str) -> str:
    overall = worst(result.status for result in results)
    payload = {"node": node, "status": str(overall), "results": [r.to_dict() for r in results]}
    return json.dumps(payload, indent=2, sort_keys=False)


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(**labels: str) -> str:
    return "{" + ",".join(f'{key}="{_label(str(value))}"' for key, value in labels.items()) + "}"


def _numeric_metrics(metrics: dict) -> list[tuple[str, float]]:
    found = []
    for key, value in metrics.items():
        if isinstance(value, int | float) and math.isfinite(value):  # bools count as 0/1
            found.append((key, float(value)))
    return found


def render_prometheus(results: list[CheckResult], *, node: str, now: float | None = None) -> str:
    """node_exporter textfile-collector format: no timestamps, one HELP/TYPE per family."""
    families = {
        "vigil_check_status": ("Check status: 0 ok, 1 warning, 2 critical, 3 unknown.", []),
        "vigil_check_duration_seconds": ("How long the check took.", []),
        "vigil_check_metric": ("Numeric figures the check measured (see the metric label).", []),
    }
    for result in results:
        base = {"node": node, "check": result.check, "target": result.target}
        families["vigil_check_status"][1].append(f"{_labels(**base)} {result.status.code}")
        families["vigil_check_duration_seconds"][1].append(
            f"{_labels(**base)} {result.duration_ms / 1000:.6g}"
        )
        for key, value in _numeric_metrics(result.metrics):
            families["vigil_check_metric"][1].append(f"{_labels(**base, metric=key)} {value:.10g}")
    lines = []
    for name, (help_text, samples) in families.items():
        if not samples:
            continue
        lines += [f"# HELP {name} {help_text}", f"# TYPE {name} gauge"]
        lines += [f"{name}{sample}" for sample in samples]
    stamp = time.time() if now is None else now
    lines += [
        "# HELP vigil_check_last_run_timestamp_seconds When Vigil last ran the checks.",
        "# TYPE vigil_check_last_run_timestamp_seconds gauge",
        f"vigil_check_last_run_timestamp_seconds{_labels(node=node)} {stamp:.3f}",
    ]
    return "\n".join(lines) + "\n"


def write_atomically(path: Path, text: str) -> None:
    # node_exporter may read the file at any moment: write beside it, then rename over.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
