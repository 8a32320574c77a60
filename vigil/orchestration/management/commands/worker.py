import signal

from django.conf import settings

from vigil.core.commands import BadInput, VigilCommand
from vigil.orchestration.worker import Worker


class Command(VigilCommand):
    help = (
        "Execute pipeline runs: claim due runs from the database, run their stages, "
        "and run the periodic jobs (reconciler, retention, health checks). SIGTERM or "
        "Ctrl-C stops claiming, finishes the runs in flight and exits."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--concurrency",
            type=int,
            default=settings.ORCHESTRATION_CONCURRENCY,
            help="threads executing runs in this process (default ORCHESTRATION_CONCURRENCY, 4)",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=settings.ORCHESTRATION_BATCH_SIZE,
            help="most runs one thread executes together when there is a backlog; their "
            "writes are shared; fewer while runs are slow (default ORCHESTRATION_BATCH_SIZE, 16)",
        )
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="do not run the periodic jobs in this worker",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="execute every run that is due now, then exit (cron, tests)",
        )
        parser.add_argument(
            "--parent-pid",
            type=int,
            default=None,
            help="exit when this process is gone (used by `vigil serve` for its embedded worker)",
        )
        parser.add_argument(
            "--heartbeat",
            default=None,
            metavar="FILE",
            help="touch this file while working (used by `vigil serve`: /readyz reads it)",
        )

    def handle(
        self, *args, concurrency, batch_size, no_scheduler, once, parent_pid, heartbeat, **options
    ):
        if concurrency < 1:
            raise BadInput("--concurrency must be at least 1")
        if batch_size < 1:
            raise BadInput("--batch-size must be at least 1")
        worker = Worker(
            concurrency=concurrency,
            batch_size=batch_size,
            scheduler=not no_scheduler,
            parent_pid=parent_pid,
            heartbeat=heartbeat,
        )

        def stop(signum, frame):
            worker.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        executed = worker.run(once=once)
        if options["verbosity"] > 0:
            self.stdout.write(f"worker stopped after {executed} run(s)")
