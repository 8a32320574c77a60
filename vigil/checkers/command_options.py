"""Options shared by check_health and run_check, and how their results are printed."""

import os
from pathlib import Path

from django.core.management.base import CommandError
from django.db import DatabaseError

from vigil.checkers import output, services
from vigil.checkers.checkers import CHECKERS
from vigil.checkers.checkers.base import (
    CheckContext,
    CheckError,
    CheckOptions,
    CheckResult,
    Status,
    split_host_port,
)
from vigil.checkers.checkers.freshness import parse_entry
from vigil.checkers.checkers.ports import parse_allowed
from vigil.checkers.models import CheckRun
from vigil.core.commands import BadInput
from vigil.core.usage import EXIT_FAILED


def add_checker_options(parser) -> None:
    group = parser.add_argument_group("what to check (default: settings CHECKER_*)")
    group.add_argument(
        "--disk-paths",
        nargs="+",
        metavar="PATH",
        help="Paths for disk and inodes instead of every mounted filesystem.",
    )
    group.add_argument(
        "--processes", nargs="+", metavar="NAME", help="Process names that must be running."
    )
    group.add_argument(
        "--hosts",
        nargs="+",
        metavar="HOST:PORT",
        help="Hosts for the network check: host:port (TCP) or ping:host.",
    )
    group.add_argument(
        "--ports-allowed",
        nargs="+",
        metavar="RULE",
        help="Allowed listeners for the ports check: 22, tcp/443, udp/53=named.",
    )
    group.add_argument(
        "--tls-targets",
        nargs="+",
        metavar="HOST:PORT",
        help="host[:port] pairs whose TLS certificate expiry is checked.",
    )
    group.add_argument(
        "--tls-ca-file",
        metavar="FILE",
        help="Trust this CA bundle for the tls check instead of the system's.",
    )
    group.add_argument(
        "--freshness",
        nargs="+",
        metavar="PATH=AGE",
        help="Files or directories that must be newer than AGE: /var/backups=26h.",
    )
    group.add_argument(
        "--large-dirs-paths",
        nargs="+",
        metavar="PATH",
        help="Where large_dirs looks for the biggest directories.",
    )
    group.add_argument(
        "--threshold",
        action="append",
        default=[],
        metavar="CHECK.KEY=VALUE",
        help="Override one limit, e.g. disk.warning=70 (repeatable).",
    )
    group.add_argument(
        "--node", help="Node name in results (default VIGIL_NODE_NAME or the host name)."
    )

    out = parser.add_argument_group("output")
    out.add_argument(
        "--format",
        choices=["table", "json", "prometheus"],
        default="table",
        help="Output format (default table).",
    )
    out.add_argument("--json", action="store_true", help="Same as --format json.")
    out.add_argument(
        "--output",
        metavar="FILE",
        help="Write the output to FILE atomically (for node_exporter's textfile collector).",
    )
    out.add_argument(
        "--fail-on-warning",
        action="store_true",
        help="Exit 1 on a warning or a critical (exit 2 is bad input, as for every command).",
    )
    out.add_argument("--fail-on-critical", action="store_true", help="Exit 1 on a critical.")
    out.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="Per-checker timeout (default CHECKER_TIMEOUT).",
    )
    out.add_argument(
        "--no-save", action="store_true", help="Do not store the results as CheckRun rows."
    )


def parse_thresholds(items: list[str]) -> dict[str, dict[str, float]]:
    thresholds: dict[str, dict[str, float]] = {}
    for item in items:
        name, sep, value = item.partition("=")
        check, dot, key = name.partition(".")
        if not sep or not dot or not check or not key:
            raise BadInput(
                f"--threshold {item!r} is not valid; use CHECK.KEY=VALUE, e.g. disk.warning=70"
            )
        if check not in CHECKERS:
            raise BadInput(
                f"--threshold {item!r}: unknown checker {check!r}; valid: {', '.join(CHECKERS)}"
            )
        try:
            thresholds.setdefault(check, {})[key] = float(value)
        except ValueError:
            raise BadInput(f"--threshold {item!r}: {value!r} is not a number") from None
    return thresholds


def _network_target(text: str) -> None:
    if not text.startswith("ping:"):
        split_host_port(text.removeprefix("tcp:"))


# What each checker would report as UNKNOWN at run time: on the command line it is a typo,
# answered before anything runs.
VALUE_PARSERS = {
    "freshness": parse_entry,
    "ports_allowed": parse_allowed,
    "hosts": _network_target,
    "tls_targets": lambda text: split_host_port(text, default_port=443),
}


def check_values(args: dict) -> None:
    for name, parse in VALUE_PARSERS.items():
        for value in args.get(name) or []:
            try:
                parse(value)
            except CheckError as exc:
                raise BadInput(f"--{name.replace('_', '-')}: {exc}") from None
    ca_file = args.get("tls_ca_file")
    if ca_file and not os.access(ca_file, os.R_OK):
        raise BadInput(f"--tls-ca-file {ca_file}: not a readable file")


def options_from(args: dict) -> CheckOptions:
    check_values(args)
    return CheckOptions(
        disk_paths=args.get("disk_paths"),
        processes=args.get("processes"),
        hosts=args.get("hosts"),
        ports_allowed=args.get("ports_allowed"),
        tls_targets=args.get("tls_targets"),
        tls_ca_file=args.get("tls_ca_file"),
        freshness=args.get("freshness"),
        large_dirs_paths=args.get("large_dirs_paths"),
        thresholds=parse_thresholds(args.get("threshold") or []),
        node=args.get("node"),
    )


def emit(command, results: list[CheckResult], args: dict, *, node: str) -> None:
    fmt = "json" if args.get("json") else args.get("format") or "table"
    if fmt == "json":
        text = output.render_json(results, node=node) + "\n"
    elif fmt == "prometheus":
        text = output.render_prometheus(results, node=node)
    else:
        # Django's own --no-color / --force-color apply; NO_COLOR is honoured too.
        colour = not args.get("output") and (
            args.get("force_color")
            or (
                not args.get("no_color")
                and "NO_COLOR" not in os.environ
                and command.stdout.isatty()
            )
        )
        text = output.render_table(results, colour=colour) + "\n"
    if args.get("output"):
        target = Path(args["output"])
        if not target.parent.is_dir():
            raise BadInput(f"--output {target}: directory {target.parent} does not exist")
        output.write_atomically(target, text)
    else:
        command.stdout.write(text, ending="")


def exit_code(results: list[CheckResult], args: dict) -> int:
    """1 when a result is at the level asked to fail on, or worse; 0 otherwise. Exit code
    2 is bad input, as for every Vigil command, so a result never uses it: scripts tell a
    critical from a warning with --fail-on-critical, or read --json."""
    statuses = {result.status for result in results}
    failing = {Status.CRITICAL} if args.get("fail_on_critical") else set()
    if args.get("fail_on_warning"):
        failing |= {Status.WARNING, Status.CRITICAL}
    return EXIT_FAILED if statuses & failing else 0


def run_and_report(command, names: list[str] | None, args: dict) -> None:
    """check_health and run_check: run, store, print, exit with the asked-for code."""
    check_options = options_from(args)
    if args.get("timeout") is not None and args["timeout"] <= 0:
        raise BadInput(f"--timeout {args['timeout']:g}: give a positive number of seconds")
    try:
        services.validate_names(names or [])
    except CheckError as exc:
        raise BadInput(str(exc)) from None
    node = CheckContext(check_options).node
    try:
        results = services.run_checks(
            names, options=check_options, save=False, timeout=args.get("timeout")
        )
    except CheckError as exc:
        raise CommandError(str(exc)) from None
    if not args.get("no_save"):
        store(command, results, node=node, source=CheckRun.Source.CLI)
    emit(command, results, args, node=node)
    code = exit_code(results, args)
    if code:
        raise SystemExit(code)


def store(command, results: list[CheckResult], *, node: str, source: str) -> None:
    # A node that only prints or pushes may have no migrated database: the checks
    # still count, so say so instead of losing the results to a traceback.
    try:
        services.save_results(results, node=node, source=source)
    except DatabaseError as exc:
        command.stderr.write(
            f"results not stored ({exc.__class__.__name__}): run `vigil migrate`, or pass --no-save"
        )
