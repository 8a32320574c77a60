import ipaddress
import os
import socket

from django.conf import settings
from django.core.management.base import CommandError
from granian import Granian
from granian.constants import Interfaces
from granian.http import HTTP1Settings

from vigil.core.commands import BadInput, VigilCommand
from vigil.core.embedded import EmbeddedWorker, app_loader, quiet_granian_thread_warning
from vigil.core.front import BODY_TIMEOUT_ENV, THREADS_ENV

# Bounded threads per worker: granian's default grows with load, and each thread holds
# a database connection (see ARCHITECTURE.md, "connection exhaustion traps").
DEFAULT_BLOCKING_THREADS = 8
# granian waits forever for an HTTP worker to stop unless told otherwise.
DEFAULT_KILL_TIMEOUT = 10


class Command(VigilCommand):
    help = "Run Vigil's production HTTP server (granian, WSGI; static files by whitenoise)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default=settings.VIGIL_HOST,
            help="IP address to bind (default 127.0.0.1, env VIGIL_HOST)",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=settings.VIGIL_PORT,
            help="port to bind (default 8000, env VIGIL_PORT)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.VIGIL_WORKERS,
            help="HTTP worker processes (default 2, env VIGIL_WORKERS)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=DEFAULT_BLOCKING_THREADS,
            help=f"request threads per worker process (default {DEFAULT_BLOCKING_THREADS})",
        )
        parser.add_argument(
            "--max-connections",
            type=int,
            default=settings.VIGIL_MAX_CONNECTIONS,
            help="open client connections per worker process, idle keep-alive ones "
            "included (default 1024, env VIGIL_MAX_CONNECTIONS)",
        )
        parser.add_argument(
            "--header-timeout",
            type=int,
            default=settings.VIGIL_HEADER_TIMEOUT,
            metavar="SECONDS",
            help="close a connection whose request headers have not arrived after this "
            "long (default 30, 1–60, env VIGIL_HEADER_TIMEOUT)",
        )
        parser.add_argument(
            "--body-timeout",
            type=int,
            default=settings.VIGIL_BODY_TIMEOUT,
            metavar="SECONDS",
            help="answer 408 and close the connection of a client whose request body is "
            "not complete after this long (default 30, 1–600, env VIGIL_BODY_TIMEOUT)",
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

    def handle(self, *args, host, port, no_worker, **options):
        _check_limits(port, options)
        _check_address(host, port)
        if not settings.DEBUG and not (settings.STATIC_ROOT / "staticfiles.json").exists():
            self.stderr.write(
                self.style.WARNING(
                    "static files are not collected; run `vigil collectstatic --noinput` "
                    "for the admin's styles"
                )
            )
        server = _granian(host, port, **options)
        self.stdout.write(
            f"Vigil listening on http://{host}:{port}/ ({options['workers']} workers)"
        )
        # One embedded pipeline worker per `serve`, as a child of this (main) process:
        # granian's HTTP workers are separate processes and must not each start one.
        embedded = None
        if not no_worker:
            embedded = EmbeddedWorker(
                serve_stopping=lambda: getattr(server, "interrupt_signal", False)
            )
            embedded.start()
            self.stdout.write("embedded pipeline worker started (--no-worker to disable)")
        try:
            quiet_granian_thread_warning()
            server.serve(target_loader=app_loader)
        finally:
            if embedded is not None:
                embedded.stop()


def _granian(host, port, *, workers, threads, max_connections, header_timeout, body_timeout,
             kill_timeout, access_log, **options) -> Granian:  # fmt: skip
    # The HTTP workers, forked by granian, build the front from these (vigil/core/front.py).
    os.environ[THREADS_ENV] = str(threads)
    os.environ[BODY_TIMEOUT_ENV] = str(body_timeout)
    return Granian(
        target="vigil.core.front:application_from_env",
        address=host,
        port=port,
        interface=Interfaces.RSGI,
        workers=workers,
        backpressure=max_connections,
        http1_settings=HTTP1Settings(header_read_timeout=header_timeout * 1000),
        log_access=access_log,
        respawn_failed_workers=True,
        workers_kill_timeout=kill_timeout,
    )


def _check_limits(port: int, options: dict) -> None:
    if not 0 <= port <= 65_535:
        raise BadInput(f"--port {port} must be between 0 and 65535")
    if options["workers"] < 1 or options["threads"] < 1:
        raise BadInput("--workers and --threads must be at least 1")
    if not 1 <= options["max_connections"] <= 65_536:
        raise BadInput("--max-connections must be between 1 and 65536")
    if not 1 <= options["header_timeout"] <= 60:
        raise BadInput("--header-timeout must be between 1 and 60 seconds")
    if not 1 <= options["body_timeout"] <= 600:
        raise BadInput("--body-timeout must be between 1 and 600 seconds")
    if not 1 <= options["kill_timeout"] <= 1800:
        raise BadInput("--kill-timeout must be between 1 and 1800 seconds")


def _check_address(host: str, port: int) -> None:
    """Refuse an address that something already listens on. granian binds with
    SO_REUSEPORT, so a second `vigil serve` on a busy port (one left from before an
    upgrade, say) would start without a word and share the traffic with the first."""
    try:
        version = ipaddress.ip_address(host).version
    except ValueError:
        raise BadInput(
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
