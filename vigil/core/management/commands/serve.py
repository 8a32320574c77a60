import ipaddress
import os
import signal
import socket
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from granian import Granian
from granian.constants import Interfaces

# Bounded threads per worker: granian's default grows with load, and each thread holds
# a database connection (see ARCHITECTURE.md, "connection exhaustion traps").
DEFAULT_BLOCKING_THREADS = 8
# granian waits forever for an HTTP worker to stop unless told otherwise, and a worker
# that receives SIGTERM while it is still loading the application misses it (the signal
# lands in the handler it inherited from the main process) and serves on.
DEFAULT_KILL_TIMEOUT = 10


class Command(BaseCommand):
    help = "Run Vigil's production HTTP server (granian, WSGI; static files by whitenoise)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default=os.environ.get("VIGIL_HOST", "127.0.0.1"),
            help="IP address to bind (default 127.0.0.1, env VIGIL_HOST)",
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
        parser.add_argument(
            "--kill-timeout",
            type=int,
            default=DEFAULT_KILL_TIMEOUT,
            metavar="SECONDS",
            help="on SIGTERM, kill an HTTP worker that has not stopped after this long "
            f"(default {DEFAULT_KILL_TIMEOUT}, 1–1800)",
        )
        parser.add_argument("--access-log", action="store_true", help="log every request")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            default=not settings.ORCHESTRATION_EMBEDDED_WORKER,
            help="do not start the embedded pipeline worker (run `vigil worker` or Celery "
            "workers separately; env ORCHESTRATION_EMBEDDED_WORKER=0)",
        )

    def handle(
        self, *args, host, port, workers, threads, kill_timeout, access_log, no_worker, **options
    ):
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1")
        if not 1 <= kill_timeout <= 1800:
            raise CommandError("--kill-timeout must be between 1 and 1800 seconds")
        if not settings.DEBUG and not (settings.STATIC_ROOT / "staticfiles.json").exists():
            self.stderr.write(
                self.style.WARNING(
                    "static files are not collected; run `vigil collectstatic --noinput` "
                    "for the admin's styles"
                )
            )
        _check_address(host, port)
        self.stdout.write(f"Vigil listening on http://{host}:{port}/ ({workers} workers)")
        # One embedded pipeline worker per `serve`, as a child of this (main) process:
        # granian's HTTP workers are separate processes and must not each start one.
        embedded = None if no_worker else self._start_worker()
        try:
            self._serve(host, port, workers, threads, kill_timeout, access_log)
        finally:
            if embedded is not None:
                self._stop_worker(embedded)

    def _start_worker(self) -> subprocess.Popen:
        self.stdout.write("embedded pipeline worker started (--no-worker to disable)")
        return subprocess.Popen(  # noqa: S603 - our own interpreter and entry point
            [sys.executable, "-m", "vigil.cli", "worker", "--parent-pid", str(os.getpid())]
        )

    def _stop_worker(self, embedded: subprocess.Popen) -> None:
        if embedded.poll() is None:
            embedded.send_signal(signal.SIGTERM)
        try:
            embedded.wait(timeout=settings.ORCHESTRATION_LEASE_SECONDS)
        except subprocess.TimeoutExpired:
            embedded.kill()
            embedded.wait()

    def _serve(self, host, port, workers, threads, kill_timeout, access_log) -> None:
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
            workers_kill_timeout=kill_timeout,
        ).serve()


def _check_address(host: str, port: int) -> None:
    """Refuse an address that something already listens on. granian binds with
    SO_REUSEPORT, so a second `vigil serve` on a busy port (one left from before an
    upgrade, say) would start without a word and share the traffic with the first."""
    try:
        version = ipaddress.ip_address(host).version
    except ValueError:
        raise CommandError(
            f"--host {host!r} is not an IP address (such as 127.0.0.1, 0.0.0.0 or ::)"
        ) from None
    family = socket.AF_INET6 if version == 6 else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers bind
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise CommandError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc}; is another "
                "vigil serve (or another program) running there? Stop it or use --port"
            ) from None
