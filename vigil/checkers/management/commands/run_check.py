from vigil.checkers.checkers import CHECKERS
from vigil.checkers.command_options import add_checker_options, run_and_report
from vigil.core.commands import VigilCommand


class Command(VigilCommand):
    # Run from cron every minute: Django's system checks would add noise and time.
    requires_system_checks = []
    help = "Run one checker with options, e.g. `run_check disk --disk-paths /var --threshold disk.warning=70`."

    def add_arguments(self, parser):
        parser.add_argument("name", metavar="CHECKER", help=f"One of: {', '.join(CHECKERS)}.")
        add_checker_options(parser)

    def handle(self, *args, **options):
        run_and_report(self, [options["name"]], options)
