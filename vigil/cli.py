"""The `vigil` command: Django's command line with Vigil's settings preset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")
    if sys.argv[1:2] == ["agent"]:
        os.environ.setdefault("VIGIL_AGENT_PROCESS", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
