"""Which rules and allowlists apply to a scan: built-in, settings, project file, flags.

A repository may carry `.vigil-secretscan.toml` at its root:

    [allowlist]
    paths = ["tests/fixtures/*"]   # fnmatch globs, relative to the repository root
    [[rules]]                      # extra rules, same format as the built-in rules.toml
"""

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from vigil.secretscan.engine import Scanner
from vigil.secretscan.rules import RulesError, RuleSet, load_rule_tables

PROJECT_CONFIG = ".vigil-secretscan.toml"
DEFAULT_BASELINE = ".secrets-baseline.json"


@dataclass(frozen=True)
class ProjectConfig:
    allow_paths: tuple[str, ...] = ()
    rule_files: tuple[str, ...] = ()


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
    has_rules = bool(load_rule_tables(path))
    return ProjectConfig(allow_paths=tuple(globs), rule_files=(str(path),) if has_rules else ())


def settings_rule_files() -> tuple[str, ...]:
    # Read through Django when it is configured (`vigil scan_secrets`), from the
    # environment otherwise (the standalone `vigil-secretscan` used by hooks).
    configured = settings.configured and getattr(settings, "SECRETSCAN_RULES_FILE", "")
    value = configured or os.environ.get("SECRETSCAN_RULES_FILE", "")
    return (value,) if value else ()


def build_scanner(root: Path, extra_rule_files=(), use_project_config: bool = True) -> Scanner:
    project = load_project_config(root) if use_project_config else ProjectConfig()
    files = (*settings_rule_files(), *project.rule_files, *(str(f) for f in extra_rule_files))
    return Scanner(RuleSet.load(files), allow_paths=project.allow_paths)
