"""Which rules, allowlists and confidence apply to a scan: built-in, settings, project
file, flags (later ones win).

A repository may carry `.vigil-secretscan.toml` at its root:

    [allowlist]
    paths = ["tests/fixtures/*"]   # fnmatch globs, relative to the repository root
    [report]
    min_confidence = "medium"      # low also reports fixtures and fake-marked values
    [[rules]]                      # extra rules, same format as the built-in rules.toml
"""

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from vigil.secretscan.engine import CONFIDENCE_RANK, Scanner
from vigil.secretscan.rules import RulesError, RuleSet, load_rule_tables

PROJECT_CONFIG = ".vigil-secretscan.toml"
DEFAULT_BASELINE = ".secrets-baseline.json"
DEFAULT_MIN_CONFIDENCE = "medium"


@dataclass(frozen=True)
class ProjectConfig:
    allow_paths: tuple[str, ...] = ()
    rule_files: tuple[str, ...] = ()
    min_confidence: str = ""


def _confidence(value, where: str) -> str:
    if value not in CONFIDENCE_RANK:
        raise RulesError(
            f"{where} is {value!r}; valid: {', '.join(sorted(CONFIDENCE_RANK, key=CONFIDENCE_RANK.get))}"
        )
    return value


def load_project_config(root: Path) -> ProjectConfig:
    path = root / PROJECT_CONFIG
    if not path.is_file():
        return ProjectConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"{path} is not valid TOML: {exc}") from exc
    globs = data.get("allowlist", {}).get("paths", [])
    if not isinstance(globs, list) or not all(isinstance(g, str) for g in globs):
        raise RulesError(f"{path}: allowlist.paths must be a list of glob strings")
    minimum = data.get("report", {}).get("min_confidence", "")
    if minimum:
        _confidence(minimum, f"{path}: report.min_confidence")
    has_rules = bool(load_rule_tables(path))
    return ProjectConfig(
        allow_paths=tuple(globs),
        rule_files=(str(path),) if has_rules else (),
        min_confidence=minimum,
    )


def setting(name: str) -> str:
    """A SECRETSCAN_* setting through Django when its settings load (`vigil scan_secrets`
    in Vigil's home), from the environment otherwise (hooks, any other directory)."""
    try:
        if settings.configured:
            return str(getattr(settings, name) or "")
    except ImproperlyConfigured:
        pass
    return os.environ.get(name, "")


def build_scanner(
    root: Path,
    extra_rule_files=(),
    use_project_config: bool = True,
    min_confidence: str = "",
) -> Scanner:
    project = load_project_config(root) if use_project_config else ProjectConfig()
    settings_rules = setting("SECRETSCAN_RULES_FILE")
    files = (
        *((settings_rules,) if settings_rules else ()),
        *project.rule_files,
        *(str(f) for f in extra_rule_files),
    )
    minimum = (
        min_confidence
        or project.min_confidence
        or setting("SECRETSCAN_MIN_CONFIDENCE")
        or DEFAULT_MIN_CONFIDENCE
    )
    _confidence(minimum, "the minimum confidence")
    return Scanner(RuleSet.load(files), allow_paths=project.allow_paths, min_confidence=minimum)
