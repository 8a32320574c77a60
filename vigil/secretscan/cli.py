"""`scan_secrets` as one function shared by the Django command and the standalone
`vigil-secretscan` entry point (hooks run it in repositories that have no Vigil settings).
"""

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from vigil.secretscan import hooks, sources
from vigil.secretscan.baseline import Baseline, BaselineError
from vigil.secretscan.config import DEFAULT_BASELINE, build_scanner
from vigil.secretscan.report import FORMATS, render
from vigil.secretscan.rules import RulesError


class UsageError(Exception):
    permanent = True


@dataclass
class ScanOutcome:
    exit_code: int
    findings: int
    new_findings: int


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", default=".", help="repository or directory to scan (default: .)"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--history",
        action="store_true",
        help="scan git history (current branch; see --all-refs) instead of the working tree",
    )
    mode.add_argument(
        "--staged",
        action="store_true",
        help="scan only the changes staged for commit (what the pre-commit hook runs)",
    )
    mode.add_argument(
        "--install-hook",
        action="store_true",
        help="install a git pre-commit hook in PATH that scans staged changes, then exit",
    )
    parser.add_argument(
        "--since",
        metavar="REF",
        default="",
        help="with --history: only commits not reachable from REF (a commit, branch or tag; a date such as 2024-01-01 also works)",
    )
    parser.add_argument(
        "--all-refs",
        action="store_true",
        help="with --history: every branch and tag, not only HEAD",
    )
    parser.add_argument(
        "--baseline",
        metavar="FILE",
        default="",
        help=f"ignore findings whose hashed value is in FILE (default: {DEFAULT_BASELINE} in PATH when present)",
    )
    parser.add_argument(
        "--update-baseline",
        action="store_true",
        help="write every current finding to the baseline file (--baseline or the default) and exit 0",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--output",
        metavar="FILE",
        default="",
        help="write the report to FILE instead of standard output",
    )
    parser.add_argument(
        "--fail",
        action="store_true",
        help="exit with status 1 when there is a finding not in the baseline",
    )
    parser.add_argument(
        "--rules",
        metavar="FILE",
        action="append",
        default=[],
        help="extra rules file (TOML, same format as the built-in rules); repeatable",
    )
    parser.add_argument(
        "--min-confidence",
        choices=("high", "medium", "low"),
        default="",
        help="report findings of at least this confidence (default: medium; low adds test "
        "fixtures and values marked fake)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help="processes for history and large trees (default: number of CPUs)",
    )
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress line on standard error during long scans",
    )


def _resolve_root(raw: str) -> Path:
    root = Path(raw).expanduser().resolve()
    if not root.is_dir():
        raise UsageError(f"{raw!r} is not a directory")
    return root


def run(options: dict, stdout=sys.stdout, stderr=sys.stderr) -> ScanOutcome:
    root = _resolve_root(options["path"])
    if options.get("install_hook"):
        try:
            hook = hooks.install_pre_commit_hook(root)
        except hooks.HookError as exc:
            raise UsageError(str(exc)) from exc
        stdout.write(f"installed pre-commit hook {hook}\n")
        return ScanOutcome(0, 0, 0)
    if (options.get("since") or options.get("all_refs")) and not options.get("history"):
        raise UsageError("--since and --all-refs need --history")
    if options.get("workers", 0) < 0:
        raise UsageError("--workers must be 0 (auto) or more")
    try:
        scanner = build_scanner(
            root, options.get("rules", ()), min_confidence=options.get("min_confidence") or ""
        )
        findings = _scan(scanner, root, options, stderr)
        baseline_path = (
            Path(options["baseline"]) if options.get("baseline") else root / DEFAULT_BASELINE
        )
        if options.get("update_baseline"):
            count = Baseline.write(baseline_path, findings)
            stdout.write(f"wrote {count} fingerprint(s) to {baseline_path}\n")
            return ScanOutcome(0, len(findings), 0)
        baseline = Baseline.load(baseline_path)
    except (RulesError, BaselineError, sources.ScanError) as exc:
        raise UsageError(str(exc)) from exc
    new = baseline.filter(findings)
    meta = {
        "root": str(root),
        "mode": "history"
        if options.get("history")
        else "staged"
        if options.get("staged")
        else "tree",
        "all_refs": bool(options.get("all_refs")),
        "baselined": len(findings) - len(new),
    }
    text = render(new, options.get("format", "text"), scanner.ruleset, meta)
    if options.get("output"):
        Path(options["output"]).write_text(text, encoding="utf-8")
    else:
        stdout.write(text)
    failed = bool(options.get("fail") and new)
    return ScanOutcome(1 if failed else 0, len(findings), len(new))


def _scan(scanner, root: Path, options: dict, stderr):
    workers = options.get("workers", 0)
    if options.get("staged"):
        return sources.scan_staged(scanner, root)
    if options.get("history"):
        progress = None if options.get("no_progress") else _progress(stderr)
        stats = sources.ScanStats()
        findings = sources.scan_history(
            scanner,
            root,
            since=options.get("since", ""),
            all_refs=options.get("all_refs", False),
            workers=workers,
            progress=progress,
            stats=stats,
        )
        if progress and stats.seconds >= 2:
            stderr.write(
                f"\rscanned {stats.bytes / 1e6:.1f} MB of patches in {stats.commits} commits "
                f"in {stats.seconds:.1f} s ({stats.mb_per_second:.1f} MB/s)\n"
            )
        return findings
    return sources.scan_tree(scanner, root, workers=workers)


def _progress(stderr):
    def report(stats: sources.ScanStats) -> None:
        if stats.seconds >= 2:
            stderr.write(
                f"\rscanned {stats.bytes / 1e6:.1f} MB of patches, {stats.commits} commits, "
                f"{stats.mb_per_second:.1f} MB/s"
            )
            stderr.flush()

    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="vigil-secretscan", description="Scan for leaked secrets."
    )
    add_arguments(parser)
    options = vars(parser.parse_args(argv))
    try:
        outcome = run(options)
    except UsageError as exc:
        sys.stderr.write(f"vigil-secretscan: {exc}\n")
        return 2
    return outcome.exit_code
