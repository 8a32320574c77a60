"""Output formats for findings: text for people, JSON for tools and purge, SARIF for CI."""

import json
from importlib.metadata import PackageNotFoundError, version

from vigil.secretscan.engine import Finding
from vigil.secretscan.rules import RuleSet

FORMATS = ("text", "json", "sarif")


def _tool_version() -> str:
    try:
        return version("vigil")
    except PackageNotFoundError:
        return "0"


def render(findings: list[Finding], fmt: str, ruleset: RuleSet, meta: dict) -> str:
    if fmt == "json":
        return render_json(findings, meta)
    if fmt == "sarif":
        return render_sarif(findings, ruleset)
    return render_text(findings)


def render_text(findings: list[Finding]) -> str:
    lines = []
    for f in findings:
        where = f"{f.path}:{f.line}"
        lines.append(f"{where}  {f.rule}  {f.preview}  {f.fingerprint[:19]}")
        if f.commit:
            lines.append(f"    commit {f.commit[:12]}  {f.author} <{f.email}>  {f.date}")
    lines.append(f"{len(findings)} finding(s)")
    return "\n".join(lines) + "\n"


def render_json(findings: list[Finding], meta: dict) -> str:
    return json.dumps({**meta, "findings": [f.to_dict() for f in findings]}, indent=2) + "\n"


def render_sarif(findings: list[Finding], ruleset: RuleSet) -> str:
    used = {f.rule for f in findings}
    rules = [
        {"id": r.id, "shortDescription": {"text": r.description}}
        for r in ruleset.rules
        if r.id in used
    ]
    results = []
    for f in findings:
        result = {
            "ruleId": f.rule,
            "level": "error",
            "message": {"text": f"{f.description}: {f.preview}"},
            "partialFingerprints": {"secretHash/v1": f.fingerprint},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path},
                        "region": {"startLine": max(f.line, 1)},
                    }
                }
            ],
        }
        if f.commit:
            result["properties"] = {
                "commit": f.commit,
                "author": f.author,
                "email": f.email,
                "date": f.date,
            }
        results.append(result)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "vigil-secretscan",
                        "version": _tool_version(),
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, indent=2) + "\n"
