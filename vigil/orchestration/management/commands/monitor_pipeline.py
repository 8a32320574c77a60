import json
import time

from vigil.core.commands import BadInput, VigilCommand
from vigil.orchestration import presenters
from vigil.orchestration.models import PipelineRun, RunStatus
from vigil.orchestration.queue import queue_stats


class Command(VigilCommand):
    help = "Show the run queue (depth, oldest wait, stuck runs) and the latest runs."
    # Read by people and scripts many times a day: `vigil check` and `vigil preflight`
    # run the system checks (which load the whole API).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--watch", type=float, default=0, help="refresh every N seconds until Ctrl-C"
        )
        parser.add_argument(
            "--limit", type=int, default=10, help="latest runs to list (default 10)"
        )
        parser.add_argument(
            "--status",
            default="",
            choices=RunStatus.values,
            help="list only runs in this status",
        )
        parser.add_argument("--json", action="store_true", help="print JSON instead of text")

    def handle(self, *args, watch, limit, status, json: bool = False, **options):
        if watch < 0 or not 0 <= limit <= 1000:
            raise BadInput("--watch must be >= 0 and --limit between 0 and 1000")
        while True:
            self._show(limit, status, json)
            if not watch:
                return
            try:
                time.sleep(watch)
            except KeyboardInterrupt:
                return

    def _show(self, limit, status, as_json) -> None:
        stats = queue_stats().to_dict()
        runs = PipelineRun.objects.order_by("-created_at", "-pk")
        if status:
            runs = runs.filter(status=status)
        latest = [presenters.run_summary(run) for run in runs[:limit]]
        if as_json:
            self.stdout.write(json.dumps({"queue": stats, "runs": latest}, default=str))
            return
        oldest = stats["oldest_pending_age_seconds"]
        self.stdout.write(
            f"queue depth {stats['depth']} (due {stats['due']}, retrying {stats['retrying']}), "
            f"processing {stats['processing']}, stuck {stats['stuck']}, "
            f"oldest waiting {'-' if oldest is None else f'{oldest:.1f}s'}, "
            f"failed last hour {stats['failed_last_hour']}"
        )
        self.stdout.write(
            "by status: " + ", ".join(f"{k}={v}" for k, v in sorted(stats["by_status"].items()))
        )
        for run in latest:
            error = run["last_error"]["type"] if run["last_error"] else ""
            self.stdout.write(
                f"{run['created_at']} {run['run_id']} {run['status']:<10} "
                f"{run['definition'] or '-':<12} attempts={run['attempts']} {error}"
            )
