import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from granian import Granian
from granian.constants import Interfaces

# Bounded threads per worker: granian's default grows with load, and each thread holds
# a database connection (see ARCHITECTURE.md, "connection exhaustion traps").
DEFAULT_BLOCKING_THREADS = 8


class Command(BaseCommand):
    help = "Run Vigil's production HTTP server (granian, WSGI; static files by whitenoise)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default=os.environ.get("VIGIL_HOST", "127.0.0.1"),
            help="address to bind (default 127.0.0.1, env VIGIL_HOST)",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("VIGIL_PORT", 8000)),
            help="port to bind (default 8000, env VIGIL_PORT)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("VIGIL_WORKERS", 2)),
            help="HTTP worker processes (default 2, env VIGIL_WORKERS)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=DEFAULT_BLOCKING_THREADS,
            help="request threads per worker process (default 8)",
        )
        parser.add_argument("--access-log", action="store_true", help="log every request")

    def handle(self, *args, host, port, workers, threads, access_log, **options):
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1")
        if not settings.DEBUG and not (settings.STATIC_ROOT / "staticfiles.json").exists():
            self.stderr.write(
                self.style.WARNING(
                    "static files are not collected; run `vigil collectstatic --noinput` "
                    "for the admin's styles"
                )
            )
        self.stdout.write(f"Vigil listening on http://{host}:{port}/ ({workers} workers)")
        Granian(
            target="vigil.wsgi:application",
            address=host,
            port=port,
            interface=Interfaces.WSGI,
            workers=workers,
            blocking_threads=threads,
            log_access=access_log,
            backpressure=threads,
            respawn_failed_workers=True,
        ).serve()
