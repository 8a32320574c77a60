"""The `vigil` command: Django's command line with Vigil's settings preset.

`vigil --version` and `vigil help` answer without setting Django up (a cron job, a hook
or a person pays that second each time): the version comes from the installed
package's metadata, and the list of Vigil's commands from each command module's `help`
text, read from its source.
"""

import ast
import os
import re
import signal
import sys
from pathlib import Path

from vigil.core.usage import fail, quiet_when_the_reader_leaves

PACKAGE = Path(__file__).resolve().parent
USAGE = "usage: vigil <command> [options]   ·   vigil help <command> for its options"


def version() -> str:
    # importlib.metadata costs every other command a tenth of its start (it pulls in the
    # email package): only --version and help load it.
    from importlib import metadata

    try:
        return metadata.version("vigil")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def vigil_commands() -> dict[str, str]:
    """Vigil's commands, name -> the first sentence of their help."""
    found = {}
    for path in sorted(PACKAGE.glob("*/management/commands/*.py")):
        if not path.name.startswith("_"):
            found[path.stem] = _summary(_help_text(path))
    return dict(sorted(found.items()))


def _help_text(path: Path) -> str:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "help" for target in node.targets
        ):
            try:
                return str(ast.literal_eval(node.value))
            except ValueError:  # not a plain string (built at run time)
                return ""
    return ""


def _summary(text: str, width: int = 72) -> str:
    """The first sentence without its asides ("(…)", ": …"), on one line."""
    first = re.split(r"(?<!e\.g)(?<!i\.e)\.\s", " ".join(text.split()))[0].rstrip(".")
    first = re.sub(r"\s*\([^)]*\)", "", first)
    for mark in (": ", "; ", " — "):
        head = first.split(mark)[0]
        if len(head) >= 20:
            first = head
    if len(first) <= width:
        return first
    return first[:width].rsplit(" ", 1)[0] + " …"


def overview() -> str:
    commands = vigil_commands()
    width = max(map(len, commands)) + 2
    lines = [f"Vigil {version()}", USAGE, "", "Vigil's commands:"]
    lines += [f"  {name:<{width}}{summary}" for name, summary in commands.items()]
    lines += [
        "",
        "Django's commands are there too (migrate, createsuperuser, collectstatic, shell, …):",
        "  vigil help --django    lists every command",
    ]
    return "\n".join(lines)


def main() -> None:
    with quiet_when_the_reader_leaves():
        _run(sys.argv[1:])


def _run(args: list[str]) -> None:
    if args in (["--version"], ["version"]):
        print(f"vigil {version()}")
        return
    if args in ([], ["help"], ["--help"], ["-h"]):
        print(overview())
        return
    if args == ["help", "--django"]:
        sys.argv = [sys.argv[0], "help"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")
    if sys.argv[1:2] == ["scan_secrets"]:
        # Needs no database: it runs wherever it is called, with or without Vigil's .env
        # (hooks, CI, another repository), reading settings when they load. Imported
        # here so that other commands do not load the scanner.
        from vigil.secretscan.cli import main as scan_secrets

        sys.exit(scan_secrets(sys.argv[2:], prog="vigil scan_secrets"))
    if sys.argv[1:2] == ["agent"]:
        os.environ.setdefault("VIGIL_AGENT_PROCESS", "1")
    try:
        # Only now: the answers above must not pay for importing Django.
        from django.core.exceptions import ImproperlyConfigured

        _utility()(sys.argv).execute()
    except ImproperlyConfigured as exc:  # a setting: one line that says what to fix
        fail("vigil", f"configuration error: {exc}")
    except KeyboardInterrupt:
        # Ctrl-C before a command set its own handler (while Django loads, say): stop
        # as the shell expects, without a traceback.
        sys.stderr.write("\ninterrupted\n")
        sys.exit(128 + signal.SIGINT)


def _utility():
    """Django's command line, answering an unknown command name as bad input, and
    Django's own commands (migrate, createsuperuser, …) as Vigil's answer theirs."""
    from difflib import get_close_matches
    from types import MethodType

    from django.conf import settings
    from django.core.management import BaseCommand, ManagementUtility, get_commands

    from vigil.core.commands import VigilCommand

    class Utility(ManagementUtility):
        def fetch_command(self, subcommand):
            commands = get_commands()
            if subcommand not in commands:
                settings.INSTALLED_APPS  # noqa: B018 — raises the settings' own error, if any
                close = get_close_matches(subcommand, commands)
                hint = f"did you mean {close[0]}? " if close else ""
                fail("vigil", f"unknown command {subcommand!r}; {hint}`vigil help` lists them")
            command = super().fetch_command(subcommand)
            # Django's `test` parses its own argv first: it keeps Django's answers.
            if type(command).run_from_argv is BaseCommand.run_from_argv:
                command.run_from_argv = MethodType(VigilCommand.run_from_argv, command)
            return command

    return Utility


if __name__ == "__main__":
    main()
