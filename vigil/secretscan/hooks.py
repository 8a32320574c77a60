"""The git pre-commit hook written by `scan_secrets --install-hook`."""

import os
import shlex
import stat
import subprocess
import sys
from pathlib import Path

MARKER = "# installed by vigil scan_secrets --install-hook"


class HookError(Exception):
    permanent = True


def hook_script(python: str) -> str:
    # The standalone entry point needs no Vigil settings, so the hook works in any
    # repository; the interpreter is pinned to the one that installed the hook.
    return (
        "#!/bin/sh\n"
        f"{MARKER}\n"
        "# Scans the staged changes for secrets; `git commit --no-verify` skips it.\n"
        f'exec {shlex.quote(python)} -m vigil.secretscan --staged --fail --quiet "$(git rev-parse --show-toplevel)"\n'
    )


def install_pre_commit_hook(repo: Path, python: str = sys.executable) -> Path:
    proc = subprocess.run(  # noqa: S603
        ["git", "-C", str(repo), "rev-parse", "--git-path", "hooks"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise HookError(f"{repo} is not a git repository")
    hooks_dir = Path(proc.stdout.strip())
    if not hooks_dir.is_absolute():
        hooks_dir = repo / hooks_dir
    hooks_dir.mkdir(parents=True, exist_ok=True)
    hook = hooks_dir / "pre-commit"
    if hook.exists() and MARKER not in hook.read_text(encoding="utf-8", errors="replace"):
        raise HookError(
            f"{hook} exists and was not written by Vigil; add "
            f"`{python} -m vigil.secretscan --staged --fail --quiet .` to it, or use the "
            "pre-commit framework hook `vigil-secretscan`"
        )
    hook.write_text(hook_script(python), encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return hook


INSTALLED, MISSING, DISABLED = "installed", "missing", "disabled"
FRAMEWORK_CONFIG = ".pre-commit-config.yaml"


def hook_state(repo: Path) -> str:
    """installed, missing or disabled; "" where hooks do not apply (a bare mirror)."""
    proc = subprocess.run(  # noqa: S603
        ["git", "-C", str(repo), "rev-parse", "--is-bare-repository", "--git-path", "hooks"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    lines = proc.stdout.splitlines()  # the hooks path may hold spaces
    if proc.returncode != 0 or not lines or lines[0] == "true":
        return ""
    hooks_dir = Path(lines[1]) if Path(lines[1]).is_absolute() else repo / lines[1]
    hook = hooks_dir / "pre-commit"
    if not hook.is_file():
        return MISSING
    text = hook.read_text(encoding="utf-8", errors="replace")
    config = repo / FRAMEWORK_CONFIG
    runs_vigil = (
        "vigil.secretscan" in text
        or "vigil-secretscan" in text
        or (
            "pre-commit" in text
            and config.is_file()
            and "vigil-secretscan" in config.read_text(encoding="utf-8", errors="replace")
        )
    )
    if not runs_vigil:
        return MISSING
    return INSTALLED if os.access(hook, os.X_OK) else DISABLED
