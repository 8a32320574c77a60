import json

from django.core.management.base import CommandError

from vigil.core.commands import VigilCommand
from vigil.secretscan import posture

MARK = {posture.PASS: "PASS", posture.WARN: "WARN", posture.FAIL: "FAIL"}


class Command(VigilCommand):
    help = (
        "Runtime security posture: DEBUG, secret key, hosts, HTTPS, API auth, rate limits, "
        "encryption keys, .env permissions, webhook secrets, admin over HTTPS. "
        "Exits 1 when an item fails."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the items as JSON")

    def handle(self, *args, **options):
        items = posture.evaluate()
        if options["json"]:
            self.stdout.write(json.dumps([i.to_dict() for i in items], indent=2))
        else:
            for item in items:
                self.stdout.write(f"{MARK[item.status]}  {item.title}")
                for detail in item.detail:
                    self.stdout.write(f"      {detail}")
                for fix in item.fix:
                    self.stdout.write(f"      fix: {fix}")
        failed = [i.id for i in items if i.status == posture.FAIL]
        if failed:
            raise CommandError(f"security posture fails: {', '.join(failed)}", returncode=1)
