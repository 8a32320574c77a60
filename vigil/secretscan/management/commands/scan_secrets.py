from django.core.management.base import CommandError

from vigil.core.commands import BadInput, VigilCommand
from vigil.secretscan import cli


class _Unterminated:
    """Django's OutputWrapper ends every write with a newline; progress lines use \\r."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, ending="")

    def flush(self) -> None:
        self.wrapper.flush()


class Command(VigilCommand):
    help = (
        "Scan a working tree, the staged changes or the git history for leaked secrets. "
        "Reports file, line, rule, commit, author, date and a redacted preview."
    )

    def add_arguments(self, parser):
        cli.add_arguments(parser)

    def handle(self, *args, **options):
        try:
            outcome = cli.run(
                options, stdout=_Unterminated(self.stdout), stderr=_Unterminated(self.stderr)
            )
        except cli.UsageError as exc:
            raise BadInput(str(exc)) from None
        if outcome.exit_code:
            raise CommandError(
                f"{outcome.new_findings} finding(s) not in the baseline", returncode=1
            )
