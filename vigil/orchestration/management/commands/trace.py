import json

from vigil.core.commands import BadInput, VigilCommand
from vigil.orchestration.tracing import trace


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
        self.stdout.write(f"{ident.strip()[:80]} is taken as a{_AN.get(chain['matched_as'], '')} "
                          f"{chain['matched_as']} id")  # fmt: skip
        for incident in chain["incidents"]:
            self.stdout.write(
                f"incident #{incident['id']} {incident['status']} {incident['severity']} "
                f"{incident['title']}"
            )
            for alert in incident["alerts"]:
                self.stdout.write(
                    f"  alert #{alert['id']} {alert['source']} {alert['name']} ({alert['status']})"
                )
        for run in chain["runs"]:
            self.stdout.write(
                f"run {run['run_id']} {run['status']} lane={run['definition'] or '-'} "
                f"origin={run['origin']} attempts={run['attempts']} trace={run['trace_id']}"
            )
            if run["last_error"]:
                self.stdout.write(
                    f"  error {run['last_error']['type']}: {run['last_error']['message']}"
                )
            for stage in run["stages"]:
                detail = stage["reason"] or (stage["error"] or {}).get("message", "")
                self.stdout.write(
                    f"  {stage['stage']:<8} attempt {stage['attempt']} {stage['status']:<9} "
                    f"{stage['duration_ms'] if stage['duration_ms'] is not None else '-'} ms {detail}"
                )
            for delivery in run["deliveries"]:
                self.stdout.write(
                    f"  delivery {delivery['channel']} {delivery['status']} {delivery['error'] or ''}"
                )


_AN = {"incident": "n", "alert": "n"}


def _dumps(value) -> str:
    return json.dumps(value, indent=2, default=str)
