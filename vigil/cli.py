"""The `vigil` command: Django's command line with Vigil's settings preset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")
    if sys.argv[1:2] == ["agent"]:
        os.environ.setdefault("VIGIL_AGENT_PROCESS", "1")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # A configuration mistake is one line for a person, not a traceback.
        sys.exit(f"vigil: {exc}")


if __name__ == "__main__":
    main()
