import json

from django.core.management.base import CommandError

from vigil.core.commands import BadInput, VigilCommand
from vigil.core.security.paths import UnsafePathError
from vigil.intelligence import disk, processes, services
from vigil.intelligence.providers.base import IntelligenceError, NotFound


class Command(VigilCommand):
    help = (
        "Recommendations for an incident or for this system, or the disk and memory "
        "reports the local provider works from."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--incident-id", type=int, help="analyse this incident (default: this system)"
        )
        parser.add_argument(
            "--provider",
            metavar="NAME",
            help="configured provider name to use instead of the active one ('local' for "
            "the rules only)",
        )
        parser.add_argument(
            "--disk", action="store_true", help="print the disk report instead of an analysis"
        )
        parser.add_argument(
            "--path",
            help="with --disk: scan this directory (must be inside INTELLIGENCE_SCAN_ROOTS)",
        )
        parser.add_argument(
            "--memory", action="store_true", help="print the memory and CPU report instead"
        )
        parser.add_argument("--json", action="store_true", help="print JSON instead of text")

    def handle(self, *args, **options):
        if options["path"] and not options["disk"]:
            raise BadInput("--path needs --disk")
        if options["disk"] or options["memory"]:
            return self._reports(options)
        try:
            analysis = services.recommend(
                incident_id=options["incident_id"], provider_name=options["provider"]
            )
        except NotFound as exc:  # no such incident or provider
            raise BadInput(str(exc)) from None
        except IntelligenceError as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(analysis.to_dict(), indent=2))
            return
        self._print_analysis(analysis)

    def _reports(self, options):
        output = {}
        if options["disk"]:
            try:
                paths = [disk.resolve_scan_path(options["path"])] if options["path"] else None
            except UnsafePathError as exc:
                raise BadInput(f"--path refused: {exc}") from None
            output["disk"] = [report.to_dict() for report in disk.scan_all(paths)]
        if options["memory"]:
            output["memory"] = processes.memory_report().to_dict()
        if options["json"]:
            self.stdout.write(json.dumps(output, indent=2))
            return
        for report in output.get("disk", []):
            self._print_disk(report)
        if "memory" in output:
            self._print_memory(output["memory"])

    def _print_analysis(self, analysis):
        fallback = " (fallback: the chosen provider failed)" if analysis.fallback_used else ""
        self.stdout.write(f"Provider: {analysis.provider} / {analysis.model}{fallback}")
        if analysis.error:
            self.stdout.write(f"Provider error: {analysis.error}")
        if analysis.summary:
            self.stdout.write(f"\n{analysis.summary}\n")
        for number, item in enumerate(analysis.recommendations, 1):
            self.stdout.write(
                f"{number}. [{item['priority']}] {item['title']} "
                f"(confidence {item['confidence']:.0%})"
            )
            for line in (item.get("detail") or "").splitlines():
                self.stdout.write(f"     {line}")
            for command in item.get("commands") or []:
                self.stdout.write(f"     $ {command}")

    def _print_disk(self, report):
        size = disk.human_size
        used = f"{report['percent_used']}% used, {size(report['free'])} free"
        self.stdout.write(f"{report['root']}: {used}, scanned {report['entries']} entries")
        if report["truncated"]:
            self.stdout.write(f"  partial: {report['truncated']}")
        for title, key in (("largest directories", "largest_dirs"),
                           ("largest files", "largest_files"), ("old logs", "old_logs")):  # fmt: skip
            if report[key]:
                self.stdout.write(f"  {title}:")
                for entry in report[key]:
                    self.stdout.write(f"    {size(entry['size']):>10}  {entry['path']}")
        for hint in report["caches"]:
            self.stdout.write(f"  {hint['label']}: {size(hint['size'])} ($ {hint['command']})")
        self.stdout.write("")

    def _print_memory(self, report):
        size = disk.human_size
        self.stdout.write(
            f"Memory {report['percent_used']}% used of {size(report['total'])}, swap "
            f"{report['swap_percent_used']}%, load {report['load_average']}"
        )
        self.stdout.write("  top memory:")
        for proc in report["top_memory"]:
            self.stdout.write(f"    {size(proc['rss']):>10}  {proc['name']} (pid {proc['pid']})")
        self.stdout.write("  top CPU:")
        for proc in report["top_cpu"]:
            self.stdout.write(f"    {proc['cpu_percent']:>9}%  {proc['name']} (pid {proc['pid']})")
