"""`scan_secrets` as one function shared by the Django command and the standalone
`vigil-secretscan` entry point (hooks run it in repositories that have no Vigil settings;
`vigil scan_secrets` runs it too, so it works from any directory).
"""

import sys
from dataclasses import dataclass
from pathlib import Path

from vigil.core.usage import (
    EXIT_USAGE,
    OneLineArgumentParser,
    one_line,
    quiet_when_the_reader_leaves,
)
from vigil.secretscan import gitrepo, hooks, sources
from vigil.secretscan.arguments import add_arguments
from vigil.secretscan.baseline import Baseline, BaselineError
from vigil.secretscan.config import DEFAULT_BASELINE, build_scanner
from vigil.secretscan.report import group, render
from vigil.secretscan.rules import RulesError

__all__ = ["ScanOutcome", "UsageError", "add_arguments", "main", "run"]


class UsageError(Exception):
    permanent = True


@dataclass
class ScanOutcome:
    exit_code: int
    findings: int
    new_findings: int


@dataclass
class Target:
    root: Path  # where the project config and the baseline live
    files: list[str] | None = None  # files mode: paths relative to root


def _target(raw_paths: list[str]) -> Target:
    raw_paths = raw_paths or ["."]
    paths = [Path(raw).expanduser().resolve() for raw in raw_paths]
    for raw, path in zip(raw_paths, paths, strict=True):
        if not path.exists():
            raise UsageError(f"{raw!r} is not a directory or a file")
    if len(paths) == 1 and paths[0].is_dir():
        return Target(paths[0])
    if any(p.is_dir() for p in paths):
        raise UsageError("give one directory to scan, or files (not both)")
    root = gitrepo.toplevel(Path.cwd()) or Path.cwd().resolve()
    files = [str(p.relative_to(root)) if p.is_relative_to(root) else str(p) for p in paths]
    return Target(root, files)


def _check_options(options: dict, target: Target) -> None:
    if (options.get("since") or options.get("all_refs")) and not options.get("history"):
        raise UsageError("--since and --all-refs need --history")
    if options.get("workers", 0) < 0:
        raise UsageError("--workers must be 0 (auto) or more")
    if target.files is not None and (
        options.get("history") or options.get("staged") or options.get("install_hook")
    ):
        raise UsageError("--history, --staged and --install-hook take one directory, not files")


def run(options: dict, stdout=None, stderr=None) -> ScanOutcome:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    target = _target(options.get("paths") or [])
    _check_options(options, target)
    if options.get("install_hook"):
        try:
            hook = hooks.install_pre_commit_hook(target.root)
        except hooks.HookError as exc:
            raise UsageError(str(exc)) from exc
        stdout.write(f"installed pre-commit hook {hook}\n")
        return ScanOutcome(0, 0, 0)
    root = target.root
    try:
        scanner = build_scanner(
            root, options.get("rules", ()), min_confidence=options.get("min_confidence") or ""
        )
        findings = _scan(scanner, target, options, stderr)
        baseline_path = (
            Path(options["baseline"]) if options.get("baseline") else root / DEFAULT_BASELINE
        )
        if options.get("update_baseline"):
            count = Baseline.write(baseline_path, findings)
            stdout.write(f"wrote {count} fingerprint(s) to {baseline_path}\n")
            return ScanOutcome(0, len(findings), 0)
        baseline = Baseline.load(baseline_path)
    except (RulesError, BaselineError, gitrepo.ScanError) as exc:
        raise UsageError(str(exc)) from exc
    new = baseline.filter(findings)
    _write_report(
        new, options, scanner, _meta(root, options, target, len(findings) - len(new)), stdout
    )
    failed = bool(options.get("fail") and new)
    if failed:
        command = options.get("prog") or "vigil-secretscan"
        stderr.write(blocked_message(new, _mode(options, target), root, command))
    return ScanOutcome(1 if failed else 0, len(findings), len(new))


def _mode(options: dict, target: Target) -> str:
    if target.files is not None:
        return "files"
    return "history" if options.get("history") else "staged" if options.get("staged") else "tree"


def _meta(root: Path, options: dict, target: Target, baselined: int) -> dict:
    return {
        "root": str(root),
        "mode": _mode(options, target),
        "all_refs": bool(options.get("all_refs")),
        "baselined": baselined,
    }


def _write_report(new, options: dict, scanner, meta: dict, stdout) -> None:
    if options.get("quiet") and not new and not options.get("output"):
        return  # a clean commit prints nothing
    text = render(new, options.get("format", "text"), scanner.ruleset, meta)
    if options.get("output"):
        try:
            Path(options["output"]).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"--output {options['output']}: {exc.strerror}") from None
    else:
        stdout.write(text)


WHERE = {
    "staged": "in the changes staged for commit",
    "files": "in the files given",
    "history": "in the history",
    "tree": "in the working tree",
}


def blocked_message(new, mode: str, root: Path, command: str = "vigil-secretscan") -> str:
    values = len(group(new))
    lines = [
        f"vigil-secretscan: blocked: {values} secret value(s) {WHERE[mode]}, listed above.",
        "  Remove each one (and rotate it if it was ever pushed). If one is not a secret:",
        "    - put the comment `vigil:allow` on its line, or",
        f"    - accept it in the baseline: {command} --update-baseline {root}",
        "      then commit .secrets-baseline.json (it holds hashes, never values).",
    ]
    if mode in ("staged", "files"):
        lines.append("  To commit anyway, this once: git commit --no-verify")
    return "\n".join(lines) + "\n"


def _scan(scanner, target: Target, options: dict, stderr):
    workers, root = options.get("workers", 0), target.root
    if target.files is not None:
        return sources.scan_files(scanner, root, target.files)
    if options.get("staged"):
        return sources.scan_staged(scanner, root)
    if options.get("history"):
        return _scan_history(scanner, root, options, stderr)
    return sources.scan_tree(scanner, root, workers=workers)


def _scan_history(scanner, root: Path, options: dict, stderr):
    quiet = options.get("no_progress") or options.get("quiet")
    progress = None if quiet else _progress(stderr)
    stats = sources.ScanStats()
    findings = sources.scan_history(
        scanner,
        root,
        since=options.get("since", ""),
        all_refs=options.get("all_refs", False),
        workers=options.get("workers", 0),
        progress=progress,
        stats=stats,
    )
    if progress and stats.seconds >= 2:
        stderr.write(
            f"\rscanned {stats.bytes / 1e6:.1f} MB of patches in {stats.commits} commits "
            f"in {stats.seconds:.1f} s ({stats.mb_per_second:.1f} MB/s)\n"
        )
    return findings


def _progress(stderr):
    def report(stats: sources.ScanStats) -> None:
        if stats.seconds >= 2:
            stderr.write(
                f"\rscanned {stats.bytes / 1e6:.1f} MB of patches, {stats.commits} commits, "
                f"{stats.mb_per_second:.1f} MB/s"
            )
            stderr.flush()

    return report


def main(argv=None, prog: str = "vigil-secretscan") -> int:
    parser = OneLineArgumentParser(prog=prog, description="Scan for leaked secrets.")
    add_arguments(parser)
    options = {**vars(parser.parse_args(argv)), "prog": prog}
    try:
        with quiet_when_the_reader_leaves():
            outcome = run(options)
    except UsageError as exc:
        sys.stderr.write(f"{prog}: {one_line(exc)}\n")
        return EXIT_USAGE
    return outcome.exit_code
