"""Output formats for findings: text for people, JSON for tools and purge, SARIF for CI.

People review values, not places: text and JSON group the places of one value found by
one rule and say how many distinct values there are to review.
"""

import json
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

from vigil.secretscan.engine import Finding
from vigil.secretscan.rules import RuleSet

FORMATS = ("text", "json", "sarif")
# GitHub code scanning ranks results by this property (0-10); a live credential is severe.
SECURITY_SEVERITY = {"high": "9.0", "medium": "7.0", "low": "4.0"}


@dataclass
class ValueGroup:
    rule: str
    fingerprint: str
    preview: str
    confidence: str
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "fingerprint": self.fingerprint,
            "preview": self.preview,
            "confidence": self.confidence,
            "places": len(self.findings),
        }


def group(findings: list[Finding]) -> list[ValueGroup]:
    groups: dict[tuple[str, str], ValueGroup] = {}
    for f in findings:
        key = (f.rule, f.fingerprint)
        if key not in groups:
            groups[key] = ValueGroup(f.rule, f.fingerprint, f.preview, f.confidence)
        groups[key].findings.append(f)
    return sorted(groups.values(), key=lambda g: (-len(g.findings), g.rule, g.fingerprint))


def _tool_version() -> str:
    try:
        return version("vigil")
    except PackageNotFoundError:
        return "0"


def render(findings: list[Finding], fmt: str, ruleset: RuleSet, meta: dict) -> str:
    if fmt == "json":
        return render_json(findings, meta)
    if fmt == "sarif":
        return render_sarif(findings, ruleset, meta)
    return render_text(findings)


def render_text(findings: list[Finding]) -> str:
    groups = group(findings)
    lines = []
    for g in groups:
        lines.append(f"{g.rule}  {g.preview}  {g.fingerprint[:19]}  {g.confidence} confidence")
        for f in g.findings:
            where = f"    {f.location}"
            if f.commit:
                where += f"  commit {f.commit[:12]}  {f.author} <{f.email}>  {f.date}"
            lines.append(where)
    lines.append(f"{len(findings)} finding(s) of {len(groups)} distinct value(s) to review")
    return "\n".join(lines) + "\n"


def render_json(findings: list[Finding], meta: dict) -> str:
    groups = group(findings)
    data = {
        **meta,
        "distinct_values": len(groups),
        "values": [g.to_dict() for g in groups],
        "findings": [f.to_dict() for f in findings],
    }
    return json.dumps(data, indent=2) + "\n"


def _sarif_result(f: Finding) -> dict:
    fingerprints = {"secretHash/v1": f.fingerprint}
    if f.commit:
        fingerprints["commitSha"] = f.commit
    region = {"startLine": max(f.line, 1)}
    if f.column:
        region["startColumn"] = f.column
    location = {
        "physicalLocation": {
            "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
            "region": region,
        }
    }
    properties = {"confidence": f.confidence}
    if f.member:
        # The archive is the artifact that exists; the member is named beside it.
        properties["member"] = f.member
    if f.commit:
        properties.update(commit=f.commit, author=f.author, email=f.email, date=f.date)
    return {
        "ruleId": f.rule,
        "level": "error" if f.confidence != "low" else "warning",
        "message": {"text": f"{f.description}: {f.preview}"},
        "partialFingerprints": fingerprints,
        "locations": [location],
        "properties": properties,
    }


def render_sarif(findings: list[Finding], ruleset: RuleSet, meta: dict | None = None) -> str:
    used = {f.rule for f in findings}
    rules = [
        {
            "id": r.id,
            "shortDescription": {"text": r.description},
            "defaultConfiguration": {"level": "error"},
            "properties": {
                "tags": ["security", "secret"],
                "security-severity": SECURITY_SEVERITY[r.confidence],
            },
        }
        for r in ruleset.rules
        if r.id in used
    ]
    run = {
        "tool": {
            "driver": {"name": "vigil-secretscan", "version": _tool_version(), "rules": rules}
        },
        "results": [_sarif_result(f) for f in findings],
    }
    root = (meta or {}).get("root")
    if root:
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": f"file://{root.rstrip('/')}/"}}
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    return json.dumps(sarif, indent=2) + "\n"
