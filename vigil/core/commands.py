"""The base of every Vigil management command: errors as one line, with Vigil's exit codes
(see `vigil.core.usage`).

Django prints an argparse error after the command's whole usage, a `CommandError` as
"CommandError: …" with exit code 1, and any other exception as a traceback. A Vigil
command answers each with one line: bad input (`BadInput`, or an option argparse
refuses) exits 2; a failure (`CommandError`) exits with its return code, 1 by default;
an unexpected exception exits 1 and names its type (`--traceback` shows where it came
from). A configuration error and a closed stdout go up to `vigil.cli.main`, which
answers them for every command, as it does while Django loads.
"""

import contextlib
import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import (
    BaseCommand,
    CommandError,
    SystemCheckError,
    handle_default_options,
)
from django.db import connections

from vigil.core.usage import EXIT_FAILED, EXIT_USAGE, one_line, usage_error


class BadInput(CommandError):
    """The caller's input is wrong: an unknown name or id, a bad value, an unreadable file,
    a bad URL. Nothing was done."""

    def __init__(self, message: str):
        super().__init__(message, returncode=EXIT_USAGE)


class VigilCommand(BaseCommand):
    def run_from_argv(self, argv):
        self._called_from_command_line = True
        prog = f"{os.path.basename(argv[0])} {argv[1]}"
        # Defaults may come from the environment (serve's VIGIL_PORT, say): a bad one is
        # ImproperlyConfigured, which `vigil` answers in one line, as any setting.
        parser = self.create_parser(argv[0], argv[1])
        # Its errors then raise CommandError("Error: …") instead of printing the usage.
        parser.called_from_command_line = False
        try:
            options = parser.parse_args(argv[2:])
        except CommandError as exc:
            self.stderr.write(usage_error(prog, str(exc).removeprefix("Error: ")), ending="")
            sys.exit(EXIT_USAGE)
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        handle_default_options(options)
        try:
            self.execute(*args, **cmd_options)
        except CommandError as exc:
            if options.traceback:
                raise
            if isinstance(exc, SystemCheckError):  # a list of findings, formatted
                self.stderr.write(str(exc), lambda x: x)
            else:
                self.stderr.write(f"{prog}: {one_line(exc)}")
            sys.exit(exc.returncode)
        except (ImproperlyConfigured, BrokenPipeError):
            raise  # a setting, or a reader that left: `vigil` answers them, in one place
        except Exception as exc:
            if options.traceback:
                raise
            self.stderr.write(
                f"{prog}: unexpected {type(exc).__name__}: {one_line(exc)[:300]} "
                "(run it again with --traceback for where it came from)"
            )
            sys.exit(EXIT_FAILED)
        finally:
            with contextlib.suppress(ImproperlyConfigured):  # settings never loaded
                connections.close_all()
