from vigil.checkers import services
from vigil.checkers.checkers import CHECKERS
from vigil.checkers.checkers.base import CheckContext
from vigil.checkers.command_options import add_checker_options, options_from, run_and_report
from vigil.core.commands import VigilCommand


class Command(VigilCommand):
    # Run from cron every minute: Django's system checks would add noise and time.
    requires_system_checks = []
    help = (
        "Run health checkers (default: the default suite) and print a table, JSON or "
        "Prometheus textfile format. Exit 1 on what --fail-on-warning or --fail-on-critical "
        "asks to fail on, 2 on bad input."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "names",
            nargs="*",
            metavar="CHECKER",
            help="Checkers to run (default: the default suite).",
        )
        parser.add_argument(
            "--list",
            action="store_true",
            help="List the checkers, their limits and whether they are in the default suite.",
        )
        add_checker_options(parser)

    def handle(self, *args, **options):
        if options["list"]:
            self.list_checkers(CheckContext(options_from(options)))
            return
        run_and_report(self, options["names"] or None, options)

    def list_checkers(self, ctx: CheckContext) -> None:
        suite = set(services.default_suite(ctx))
        for slug, checker in CHECKERS.items():
            marker = "*" if slug in suite else " "
            limits = ", ".join(f"{key}={value:g}" for key, value in checker.defaults.items())
            self.stdout.write(
                f"{marker} {slug:<14} {checker.summary}" + (f" [{limits}]" if limits else "")
            )
        self.stdout.write("\n* in the default suite on this machine")
