import signal
import threading

from django.conf import settings
from django.core.management.base import CommandError

from vigil.checkers import hub
from vigil.checkers.checkers.base import CheckError, node_name
from vigil.core.commands import BadInput, VigilCommand
from vigil.nodes.agent import Agent, Spool


class Command(VigilCommand):
    help = (
        "Run the checkers on this host every --interval seconds and push the results to the "
        "hub (kept in a local spool while the hub is down); between runs, ask the hub "
        "whether the CHECK stage wants a fresh run."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--hub", metavar="URL", help="The hub's base URL (default VIGIL_HUB_URL)."
        )
        parser.add_argument(
            "--node", help="This host's name (default VIGIL_NODE_NAME or the host name)."
        )
        parser.add_argument(
            "--interval", type=float, metavar="SECONDS",
            help="Seconds between runs (default VIGIL_AGENT_INTERVAL, 60).",
        )  # fmt: skip
        parser.add_argument(
            "--poll", type=float, metavar="SECONDS",
            help="Seconds between asks for fresh runs (default VIGIL_AGENT_POLL_SECONDS, 5).",
        )  # fmt: skip
        parser.add_argument(
            "--spool",
            metavar="DIR",
            help="Where results wait for the hub (default VIGIL_AGENT_SPOOL_DIR).",
        )
        parser.add_argument(
            "--timeout", type=float, metavar="SECONDS", help="Per-checker and per-request timeout."
        )
        parser.add_argument(
            "--once", action="store_true", help="Run once, send the spool, and exit."
        )

    def handle(self, *args, **options):
        hub_url = options["hub"] or settings.VIGIL_HUB_URL
        api_key = settings.VIGIL_HUB_API_KEY
        if not hub_url:
            raise BadInput("no hub: pass --hub https://vigil.example.com or set VIGIL_HUB_URL")
        if not api_key:
            raise BadInput(
                "no API key: set VIGIL_HUB_API_KEY (create one on the hub with `vigil create_api_key`)"
            )
        for name in ("interval", "poll", "timeout"):
            if options[name] is not None and options[name] <= 0:
                raise BadInput(f"--{name} must be a positive number of seconds")
        try:
            hub.hub_endpoint(hub_url)
            spool = Spool(
                options["spool"] or settings.VIGIL_AGENT_SPOOL_DIR, settings.VIGIL_AGENT_SPOOL_MAX
            )
        except CheckError as exc:
            raise BadInput(str(exc)) from None
        except OSError as exc:
            raise BadInput(f"cannot use the spool directory: {exc.strerror}") from None
        agent = Agent(
            hub_url=hub_url, api_key=api_key, node=options["node"] or node_name(), spool=spool,
            secret=settings.VIGIL_HUB_SECRET,
            interval=options["interval"] or settings.VIGIL_AGENT_INTERVAL,
            poll=options["poll"] or settings.VIGIL_AGENT_POLL_SECONDS,
            timeout=options["timeout"],
        )  # fmt: skip
        if options["once"]:
            agent.collect()
            sent = agent.drain()
            waiting = len(spool.pending())
            if waiting:
                raise CommandError(
                    f"sent {sent} report(s) for {agent.node}; {waiting} kept in the spool "
                    f"({spool.directory}): the hub did not take them (see above)"
                )
            self.stdout.write(f"sent {sent} report(s) for {agent.node}")
            return
        stop = threading.Event()
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_: stop.set())
        self.stdout.write(
            f"vigil agent for {agent.node}: every {agent.interval:g} s to {hub_url}, spool {spool.directory}"
        )
        self.stdout.flush()
        agent.loop(stop)
        self.stdout.write(
            f"vigil agent stopped; {len(spool.pending())} report(s) waiting in the spool"
        )
