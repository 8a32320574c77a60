"""The `vigil` command: Django's command line with Vigil's settings preset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")
    if sys.argv[1:2] == ["scan_secrets"]:
        # Needs no database: it runs wherever it is called, with or without Vigil's .env
        # (hooks, CI, another repository), reading settings when they load. Imported
        # here so that other commands do not load the scanner.
        from vigil.secretscan.cli import main as scan_secrets

        sys.exit(scan_secrets(sys.argv[2:], prog="vigil scan_secrets"))
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
