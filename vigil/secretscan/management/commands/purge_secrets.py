import json
from pathlib import Path

from django.core.management.base import CommandError

from vigil.core.commands import BadInput, VigilCommand
from vigil.secretscan import gitrepo, purge


class Command(VigilCommand):
    help = (
        "Remove the secrets listed in a scan_secrets JSON report from every commit with "
        "git-filter-repo. Dry run unless --yes; makes a backup mirror first; never pushes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--report",
            required=True,
            metavar="FINDINGS.json",
            help="JSON report from `scan_secrets --history --format json`",
        )
        parser.add_argument(
            "--repo", default="", help="repository to clean (default: the report's root)"
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help="rewrite history (without it: dry run, nothing changes)",
        )
        parser.add_argument(
            "--drop-archives",
            action="store_true",
            help="delete from history the archive versions (zip, jar…) that hold a purged "
            "value; without it such a purge is refused",
        )
        parser.add_argument(
            "--backup",
            default="",
            metavar="DIR",
            help="where to put the backup mirror (default: <repo>-backup-<time>.git beside the repository)",
        )

    def handle(self, *args, **options):
        try:
            report = json.loads(Path(options["report"]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BadInput(f"cannot read report {options['report']}: {exc}") from None
        repo_arg = options["repo"] or (report.get("root") if isinstance(report, dict) else "")
        if not repo_arg:
            raise BadInput("the report names no repository; pass --repo")
        repo = Path(repo_arg).expanduser().resolve()
        if not (repo / ".git").exists():
            raise BadInput(f"{repo} is not a git working copy (git-filter-repo needs one)")
        backup = Path(options["backup"]).resolve() if options["backup"] else None
        try:
            plan = purge.plan(repo, report, backup)
            self._show(plan)
            if not plan.values:
                raise CommandError("none of the reported values is in this repository's history")
            if not options["drop_archives"]:
                purge.refuse_archives(plan)
            if not options["yes"]:
                self.stdout.write("Dry run: nothing changed. Run again with --yes to rewrite.")
                return
            purge.ensure_clean(repo)
            url = purge.origin_url(repo)
            purge.make_backup(repo, plan.backup)
            self.stdout.write(f"Backup mirror written to {plan.backup} (mode 0700)")
            purge.rewrite(plan, drop_archives=options["drop_archives"])
            left = purge.remaining(repo, plan)
        except (purge.PurgeError, gitrepo.ScanError) as exc:
            raise CommandError(str(exc)) from None
        if left:
            raise CommandError(
                f"{len(left)} object(s) still hold a purged value (e.g. {left[0]}): the purge "
                f"is NOT complete; the backup {plan.backup} is intact"
            )
        self.stdout.write(
            "Verified: the scanner (archives opened, commit messages included) and a byte "
            "search find no purged value in any object of the repository."
        )
        self.stdout.write(purge.next_steps(repo, plan.backup, url))

    def _show(self, plan):
        self.stdout.write(
            f"{len(plan.values)} secret value(s) in {len(plan.occurrences)} place(s) "
            f"across {len(plan.commits)} commit(s) of {plan.repo}:"
        )
        for f in plan.occurrences:
            self.stdout.write(f"  {f.commit[:12]} {f.location}  {f.rule}  {f.preview}")
        for fingerprint in sorted(plan.unmatched):
            self.stdout.write(f"  not found in history: {fingerprint[:19]}")
        self.stdout.write(
            "Every commit from the first one above onwards gets a new id; each value is "
            f"replaced by {purge.REPLACEMENT} in file contents and commit messages."
        )
        self.stdout.write(f"Backup mirror: {plan.backup}")
