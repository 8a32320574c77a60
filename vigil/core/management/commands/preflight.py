import json

from django.core import checks
from django.core.management.base import CommandError

from vigil.core.commands import VigilCommand

LEVELS = {
    checks.DEBUG: "debug",
    checks.INFO: "info",
    checks.WARNING: "warning",
    checks.ERROR: "error",
    checks.CRITICAL: "critical",
}


class Command(VigilCommand):
    help = (
        "Check that this installation is ready for production: configuration, Django's "
        "deployment checks, database reachable and migrated, cache reachable. "
        "Exits 1 on any error."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the findings as JSON")

    def handle(self, *args, json: bool = False, **options):
        found = checks.run_checks(include_deployment_checks=True, databases=["default"])
        findings = [
            {
                "id": message.id,
                "level": LEVELS.get(message.level, str(message.level)),
                "message": message.msg,
                "hint": message.hint,
            }
            for message in found
            if message.level >= checks.WARNING and not message.is_silenced()
        ]
        failed = any(m.level >= checks.ERROR and not m.is_silenced() for m in found)
        if json:
            self.stdout.write(_dumps({"ok": not failed, "findings": findings}))
        else:
            self._print_table(findings, failed)
        if failed:
            raise CommandError("preflight failed: fix the errors above", returncode=1)

    def _print_table(self, findings, failed):
        if not findings:
            self.stdout.write(self.style.SUCCESS("preflight: all checks passed"))
            return
        for item in findings:
            style = (
                self.style.ERROR if item["level"] in {"error", "critical"} else (self.style.WARNING)
            )
            self.stdout.write(style(f"{item['level'].upper():8} {item['id']}: {item['message']}"))
            if item["hint"]:
                self.stdout.write(f"         fix: {item['hint']}")
        summary = "preflight: errors found" if failed else "preflight: passed with warnings"
        self.stdout.write(summary)


def _dumps(value) -> str:
    return json.dumps(value, indent=2)
