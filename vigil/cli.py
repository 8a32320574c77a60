"""The `vigil` command: Django's command line with Vigil's settings preset."""

import os
import signal
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)
    except KeyboardInterrupt:
        # Ctrl-C before a command set its own handler (while Django loads, say): stop
        # as the shell expects, without a traceback.
        sys.stderr.write("\ninterrupted\n")
        sys.exit(128 + signal.SIGINT)


if __name__ == "__main__":
    main()
