"""How every Vigil command line answers bad input: one line on stderr and exit code 2.

Stdlib only: `vigil-secretscan` runs in hooks of repositories that have no Vigil settings,
and `vigil` answers `--version` without importing Django.

Exit codes, the same for every command (as grep and diff use them):
0 done; 1 the command ran and failed or found what it was asked to fail on (a delivery
refused, preflight errors, a critical result with --fail-on-critical); 2 bad input (an
unknown option or name, a bad value, an unreadable file, a bad URL or host) — nothing
was done.
"""

import argparse
import contextlib
import os
import signal
import sys

EXIT_FAILED = 1
EXIT_USAGE = 2


def one_line(text: str) -> str:
    """A message as one line: an exception's text may hold line breaks (a path, a
    server's answer)."""
    return " ".join(str(text).split())


def usage_error(prog: str, message: str) -> str:
    return f"{prog}: {one_line(message)} (see {prog} --help)\n"


class OneLineArgumentParser(argparse.ArgumentParser):
    """argparse prints its whole usage before the error; the error alone is the answer."""

    def error(self, message):
        self.exit(EXIT_USAGE, usage_error(self.prog, message))


def fail(prog: str, message: str, code: int = EXIT_USAGE):
    sys.stderr.write(f"{prog}: {one_line(message)}\n")
    sys.exit(code)


@contextlib.contextmanager
def quiet_when_the_reader_leaves():
    """`vigil help | head`: the reader closed the pipe. Stop as shell tools do, without a
    traceback (and without another one when Python flushes stdout at exit)."""
    try:
        yield
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(128 + signal.SIGPIPE)
