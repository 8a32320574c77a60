from django.conf import settings
from django.core.management.base import CommandError

from vigil.checkers import hub, services
from vigil.checkers.checkers.base import CheckError, node_name
from vigil.checkers.command_options import options_from, store
from vigil.checkers.models import CheckRun
from vigil.core.commands import BadInput, VigilCommand


class Command(VigilCommand):
    help = (
        "Run the checkers and send the results to a central Vigil "
        "(POST <hub>/alerts/webhook/cluster/), signed when a secret is set."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "names",
            nargs="*",
            metavar="CHECKER",
            help="Checkers to run (default: the default suite).",
        )
        parser.add_argument(
            "--hub", metavar="URL", help="The hub's base URL (default VIGIL_HUB_URL)."
        )
        parser.add_argument(
            "--api-key",
            metavar="KEY",
            help="API key for the hub (default VIGIL_HUB_API_KEY; prefer the env var: argv is visible to other users).",
        )
        parser.add_argument(
            "--secret",
            metavar="SECRET",
            help="Shared secret for X-Vigil-Signature (default VIGIL_HUB_SECRET).",
        )
        parser.add_argument(
            "--node", help="This node's name (default VIGIL_NODE_NAME or the host name)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the payload instead of sending it."
        )
        parser.add_argument(
            "--timeout",
            type=float,
            metavar="SECONDS",
            help="Per-checker timeout (default CHECKER_TIMEOUT).",
        )
        parser.add_argument(
            "--no-save",
            action="store_true",
            help="Do not also store the results as CheckRun rows here.",
        )

    def handle(self, *args, **options):
        hub_url = options["hub"] or settings.VIGIL_HUB_URL
        api_key = options["api_key"] or settings.VIGIL_HUB_API_KEY
        secret = options["secret"] or settings.VIGIL_HUB_SECRET
        node = options["node"] or node_name()
        if not options["dry_run"]:
            # Bad input: one line and exit 2, before any check runs.
            if not hub_url:
                raise BadInput("no hub: pass --hub https://vigil.example.com or set VIGIL_HUB_URL")
            if not api_key:
                raise BadInput(
                    "no API key: set VIGIL_HUB_API_KEY (create one on the hub with `vigil create_api_key`)"
                )
            try:
                hub.hub_endpoint(hub_url)
            except CheckError as exc:
                raise BadInput(str(exc)) from None
        if options["timeout"] is not None and options["timeout"] <= 0:
            raise BadInput(f"--timeout {options['timeout']:g}: give a positive number of seconds")
        check_options = options_from({"node": node})
        try:
            services.validate_names(options["names"] or [])
        except CheckError as exc:
            raise BadInput(str(exc)) from None
        try:
            results = services.run_checks(
                options["names"] or None,
                options=check_options,
                save=False,
                timeout=options["timeout"],
            )
            payload = hub.build_payload(results, node=node)
            if options["dry_run"]:
                self.stdout.write(hub.encode(payload).decode())
                return
            if not options["no_save"]:
                store(self, results, node=node, source=CheckRun.Source.SCHEDULE)
            outcome = hub.push(payload, hub_url=hub_url, api_key=api_key, secret=secret)
        except CheckError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"sent {outcome.results} results for {node} to {outcome.url}: HTTP {outcome.status_code}"
        )
