import json

from vigil.core.commands import BadInput, VigilCommand
from vigil.orchestration.tracing import render, trace


class Command(VigilCommand):
    help = (
        "Show the whole chain behind an incident, alert, run or trace id: "
        "alert → incident → runs → stages → deliveries."
    )
    # Read by people and scripts many times a day: `vigil check` and `vigil preflight`
    # run the system checks (which load the whole API).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "ident",
            help="a run id (UUID); an incident id (digits, #12 or incident:12); an alert id "
            "(alert:7, or digits when no incident has that id); or a trace id",
        )
        parser.add_argument("--json", action="store_true", help="print the chain as JSON")

    def handle(self, *args, ident, json: bool = False, **options):
        chain = trace(ident.strip())
        if not chain["runs"] and not chain["incidents"]:
            raise BadInput(
                f"nothing found for {ident[:80]!r} (taken as {chain['matched_as']} id; "
                "try incident:<n>, alert:<n>, a run id or a trace id)"
            )
        if json:
            self.stdout.write(_dumps(chain))
            return
        self.stdout.write(render(ident.strip(), chain))


def _dumps(value) -> str:
    return json.dumps(value, indent=2, default=str)
