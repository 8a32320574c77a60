import shutil

from django.conf import settings
from django.core.checks import Error, Warning, register

from vigil.core.security.paths import UnsafePathError, resolve_safe_path
from vigil.secretscan import gitrepo
from vigil.secretscan.rules import RulesError, RuleSet


@register()
def check_rules_file(app_configs, **kwargs):
    if not settings.SECRETSCAN_RULES_FILE:
        return []
    try:
        RuleSet.load([settings.SECRETSCAN_RULES_FILE])
    except RulesError as exc:
        return [
            Error(
                f"SECRETSCAN_RULES_FILE cannot be used: {exc}",
                hint="Fix the file (format: docs/secretscan.md) or unset SECRETSCAN_RULES_FILE.",
                id="secretscan.E001",
            )
        ]
    return []


@register()
def check_repositories(app_configs, **kwargs):
    if not settings.SECRETSCAN_REPOSITORIES:
        return []
    if shutil.which("git") is None:
        return [
            Error(
                "SECRETSCAN_REPOSITORIES is set but git is not installed.",
                hint="Install git (apt-get install git).",
                id="secretscan.E002",
            )
        ]
    issues = []
    for raw in settings.SECRETSCAN_REPOSITORIES:
        try:
            path = resolve_safe_path(raw)
        except UnsafePathError as exc:
            issues.append(
                Warning(
                    f"SECRETSCAN_REPOSITORIES entry {raw!r} is refused: {exc}",
                    hint="Use an absolute path under ALLOWED_FILESYSTEM_ROOTS.",
                    id="secretscan.W001",
                )
            )
            continue
        if not path.is_dir() or not gitrepo.is_git_repo(path):
            issues.append(
                Warning(
                    f"SECRETSCAN_REPOSITORIES entry {raw!r} is not a git repository.",
                    hint="Point it at a working copy or a bare mirror (git clone --mirror).",
                    id="secretscan.W002",
                )
            )
    return issues
