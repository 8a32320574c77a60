"""The command line of `scan_secrets` / `vigil-secretscan`: its arguments, declared once
for the Django command and the standalone entry point."""

import argparse

from vigil.secretscan.config import DEFAULT_BASELINE
from vigil.secretscan.report import FORMATS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a repository or directory to scan (default: .), or files to scan (what "
        "pre-commit passes)",
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
        "--quiet",
        action="store_true",
        help="print nothing when there is no finding to report (hooks)",
    )
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress line on standard error during long scans",
    )
