import json
import time

from django.db import transaction

from vigil.alerts.models import Incident
from vigil.core.commands import BadInput, VigilCommand
from vigil.core.security.paths import UnsafePathError, safe_open
from vigil.orchestration import intake, presenters
from vigil.orchestration.models import Lane, PipelineRun, RunOrigin
from vigil.orchestration.routing import Facts, resolve_lane
from vigil.orchestration.scheduler import run_health_checks
from vigil.orchestration.services import RunError, RunRequest, active_lane, create_run, execute_now
from vigil.orchestration.stages import installed_stages

MAX_FILE_BYTES = 1024 * 1024
WAIT_SECONDS = 60


class Command(VigilCommand):
    help = (
        "Run the pipeline now, in this process, for an alert payload (--sample, --file, "
        "--payload) or an existing incident (--incident), and print the outcome. "
        "This is a real run: the alert is stored and the lane's channels are really "
        "notified. Add --dry-run to see the lane and stages without storing or sending."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group()
        source.add_argument(
            "--sample",
            nargs="?",
            const=intake.DEFAULT_SAMPLE_DRIVER,
            metavar="DRIVER",
            help=f"use an ingest driver's sample payload (default driver {intake.DEFAULT_SAMPLE_DRIVER})",
        )
        source.add_argument(
            "--file", metavar="PATH", help="read the alert payload from a JSON file"
        )
        source.add_argument(
            "--payload",
            metavar="JSON",
            help="the alert payload as a JSON string (stored, and notified for real: try "
            "--dry-run first)",
        )
        source.add_argument(
            "--incident", type=int, metavar="ID", help="run for an existing incident"
        )
        parser.add_argument(
            "--driver",
            default="",
            help="the ingest driver that parses --file/--payload (default: the generic driver)",
        )
        parser.add_argument("--definition", default="", metavar="NAME", help="force this lane")
        parser.add_argument(
            "--checks-only",
            action="store_true",
            help="run the health-check suite once (what the worker's scheduler runs) and exit",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="parse and route only: print the lane and stages; store nothing, send nothing",
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args, **opts):
        if opts["checks_only"]:
            self._emit({"health_checks": _plain(run_health_checks())}, opts["json"])
            return
        try:
            if opts["definition"]:
                active_lane(opts["definition"])
            result = self._for_incident(opts) if opts["incident"] else self._for_payload(opts)
        except (RunError, intake.IntakeError) as err:
            raise BadInput(err.message) from None
        self._emit(result, opts["json"])

    def _for_incident(self, opts) -> dict:
        incident = Incident.objects.filter(pk=opts["incident"]).first()
        if incident is None:
            raise BadInput(f"incident {opts['incident']} does not exist")
        if opts["dry_run"]:
            return {"dry_run": True, "routes": [_route(incident.snapshot(), opts["definition"])]}
        with transaction.atomic():
            run = create_run(
                RunRequest(
                    incident_id=incident.pk,
                    origin=RunOrigin.MANUAL,
                    definition=opts["definition"],
                )
            )
        return {"runs": [presenters.run_detail(_execute(run))]}

    def _for_payload(self, opts) -> dict:
        driver, payload = self._payload(opts)
        if opts["dry_run"]:
            previews = intake.preview(driver, payload)
            return {"dry_run": True, "routes": [_route(p, opts["definition"]) for p in previews]}
        options = {"definition_name": opts["definition"]}
        result = intake.ingest(driver, payload, origin=RunOrigin.MANUAL, options=options)
        runs = PipelineRun.objects.filter(run_id__in=result.run_ids).order_by("pk")
        return {"runs": [presenters.run_detail(_execute(run)) for run in runs]}

    def _payload(self, opts) -> tuple[str, dict]:
        if opts["sample"] is not None:
            return intake.sample(opts["sample"])
        driver = opts["driver"] or intake.DEFAULT_DRIVER
        if opts["file"]:
            try:
                with safe_open(opts["file"]) as handle:
                    body = handle.read(MAX_FILE_BYTES + 1)
            except UnsafePathError as err:
                raise BadInput(f"--file refused: {err}") from None
            except OSError as err:
                raise BadInput(f"--file {opts['file']!r} cannot be read: {err.strerror}") from None
            if len(body) > MAX_FILE_BYTES:
                raise BadInput(f"--file is larger than {MAX_FILE_BYTES} bytes")
            return driver, intake.decode(body)
        if opts["payload"]:
            return driver, intake.decode(opts["payload"].encode())
        raise BadInput(
            "say what to run: --sample [DRIVER], --file PATH, --payload JSON or --incident ID"
        )

    def _emit(self, result: dict, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(result, indent=2, default=str))
            return
        for route in result.get("routes", []):
            self.stdout.write(
                f"incident {route['incident'] or '(new)'}: lane {route['lane'] or 'NONE (no_route)'} "
                f"stages {', '.join(route['stages']) or '-'} channels {', '.join(route['channels']) or '-'}"
            )
        for run in result.get("runs", []):
            self.stdout.write(
                f"run {run['run_id']} {run['status']} lane={run['definition'] or '-'}"
            )
            for stage in run["stages"]:
                detail = stage["reason"] or (stage["error"] or {}).get("message", "")
                self.stdout.write(f"  {stage['stage']:<8} {stage['status']:<9} {detail}")
            if run["last_error"]:
                self.stdout.write(
                    f"  error {run['last_error']['type']}: {run['last_error']['message']}"
                )
        if "health_checks" in result:
            self.stdout.write(json.dumps(result["health_checks"], indent=2, default=str))


def _route(snapshot: dict, definition: str) -> dict:
    if definition:
        lane = Lane.objects.get(name=definition)
    else:
        facts = Facts.from_snapshot(snapshot, origin=RunOrigin.MANUAL)
        lane = resolve_lane(Lane.objects.filter(active=True), facts)
    installed = installed_stages()
    return {
        "incident": snapshot.get("id"),
        "lane": lane.name if lane else None,
        "stages": [f"{s}{'' if installed[s] else ' (not installed)'}" for s in lane.stages]
        if lane
        else [],
        "channels": list(lane.channels) if lane else [],
    }


def _execute(run: PipelineRun) -> PipelineRun:
    run = execute_now(run)
    # A worker may have claimed it first: wait for that worker to finish it.
    deadline = time.monotonic() + WAIT_SECONDS
    while run.status in ("pending", "processing") and time.monotonic() < deadline:
        time.sleep(0.2)
        run.refresh_from_db()
    return run


def _plain(value):
    return json.loads(json.dumps(value, default=lambda o: getattr(o, "__dict__", str(o))))
