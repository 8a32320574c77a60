from django.core.management.base import BaseCommand, CommandError

from vigil.checkers import services
from vigil.checkers.checkers import CHECKERS
from vigil.checkers.checkers.base import CheckContext
from vigil.checkers.command_options import add_checker_options, emit, exit_code, options_from
from vigil.checkers.models import CheckRun


class Command(BaseCommand):
    # Run from cron every minute: Django's system checks would add noise and time.
    requires_system_checks = []
    help = "Run one checker with options, e.g. `run_check disk --disk-paths /var --threshold disk.warning=70`."

    def add_arguments(self, parser):
        parser.add_argument("name", metavar="CHECKER", help=f"One of: {', '.join(CHECKERS)}.")
        add_checker_options(parser)

    def handle(self, *args, **options):
        check_options = options_from(options)
        try:
            results = services.run_checks(
                [options["name"]],
                options=check_options,
                save=not options["no_save"],
                timeout=options["timeout"],
                source=CheckRun.Source.CLI,
            )
        except services.CheckError as exc:
            raise CommandError(str(exc)) from None
        emit(self, results, options, node=CheckContext(check_options).node)
        code = exit_code(results, options)
        if code:
            raise SystemExit(code)
