import ipaddress
import os
import socket

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from granian import Granian
from granian.constants import Interfaces
from granian.http import HTTP1Settings

from vigil.core.embedded import EmbeddedWorker, app_loader, quiet_granian_thread_warning
from vigil.core.front import BODY_TIMEOUT_ENV, DEFAULT_BODY_TIMEOUT, THREADS_ENV

# Bounded threads per worker: granian's default grows with load, and each thread holds
# a database connection (see ARCHITECTURE.md, "connection exhaustion traps").
DEFAULT_BLOCKING_THREADS = 8
# Connections one HTTP worker keeps open (granian's backpressure, which counts accepted
# connections, not requests): idle keep-alive clients (Alertmanager, Grafana, every
# pooled client) each hold one. The threads above bound the requests being executed.
DEFAULT_MAX_CONNECTIONS = 1024
# A client has this long to send a request's headers, then its connection is closed
# (slowloris). It also closes a keep-alive connection idle for that long, as servers do.
DEFAULT_HEADER_TIMEOUT = 30
# granian waits forever for an HTTP worker to stop unless told otherwise.
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
            help=f"request threads per worker process (default {DEFAULT_BLOCKING_THREADS})",
        )
        parser.add_argument(
            "--max-connections",
            type=int,
            default=int(os.environ.get("VIGIL_MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS)),
            help="open client connections per worker process, idle keep-alive ones "
            f"included (default {DEFAULT_MAX_CONNECTIONS}, env VIGIL_MAX_CONNECTIONS)",
        )
        parser.add_argument(
            "--header-timeout",
            type=int,
            default=int(os.environ.get("VIGIL_HEADER_TIMEOUT", DEFAULT_HEADER_TIMEOUT)),
            metavar="SECONDS",
            help="close a connection whose request headers have not arrived after this "
            f"long (default {DEFAULT_HEADER_TIMEOUT}, 1–60, env VIGIL_HEADER_TIMEOUT)",
        )
        parser.add_argument(
            "--body-timeout",
            type=int,
            default=int(os.environ.get(BODY_TIMEOUT_ENV, DEFAULT_BODY_TIMEOUT)),
            metavar="SECONDS",
            help="answer 408 and close the connection of a client whose request body is "
            f"not complete after this long (default {DEFAULT_BODY_TIMEOUT}, 1–600, "
            f"env {BODY_TIMEOUT_ENV})",
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
        _check_limits(options)
        if not settings.DEBUG and not (settings.STATIC_ROOT / "staticfiles.json").exists():
            self.stderr.write(
                self.style.WARNING(
                    "static files are not collected; run `vigil collectstatic --noinput` "
                    "for the admin's styles"
                )
            )
        _check_address(host, port)
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


def _check_limits(options: dict) -> None:
    if options["workers"] < 1 or options["threads"] < 1:
        raise CommandError("--workers and --threads must be at least 1")
    if not 1 <= options["max_connections"] <= 65_536:
        raise CommandError("--max-connections must be between 1 and 65536")
    if not 1 <= options["header_timeout"] <= 60:
        raise CommandError("--header-timeout must be between 1 and 60 seconds")
    if not 1 <= options["body_timeout"] <= 600:
        raise CommandError("--body-timeout must be between 1 and 600 seconds")
    if not 1 <= options["kill_timeout"] <= 1800:
        raise CommandError("--kill-timeout must be between 1 and 1800 seconds")


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
