import threading
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection

from .base import Checker, CheckResult, Status

if TYPE_CHECKING:
    from vigil.secretscan.services import RepositoryScan


class SecretsChecker(Checker):
    slug = "secrets"
    summary = "No new leaked credentials in the repositories of SECRETSCAN_REPOSITORIES"
    opens_own_incidents = True  # "secret detected in <repo>", by the secretscan service

    @classmethod
    def present(cls, ctx) -> bool:
        return bool(settings.SECRETSCAN_REPOSITORIES)

    def run(self) -> list[CheckResult]:
        if not settings.SECRETSCAN_REPOSITORIES:
            return [self.result(Status.UNKNOWN, "SECRETSCAN_REPOSITORIES is not set")]
        # Like an optional SDK: secret scanning (and the ingest service it reports through)
        # loads where repositories are configured, not with the checker registry, which
        # every command's set-up imports.
        from vigil.secretscan import services

        try:
            scans = services.scan_configured_repositories()
        except services.ScanInProgress as exc:
            return [self.result(Status.UNKNOWN, str(exc))]
        finally:
            # Checkers run in a thread of their own: its database connection ends with it.
            if threading.current_thread() is not threading.main_thread():
                connection.close()
        if not scans:
            return [self.result(Status.UNKNOWN, "no configured repository passed the path guard")]
        return [self._result(scan) for scan in scans]

    def _result(self, scan: "RepositoryScan") -> CheckResult:
        metrics = {"new": len(scan.new), "resolved": scan.resolved}
        if scan.error:
            message = scan.error.replace("\n", " ")
            return self.result(Status.UNKNOWN, message, target=scan.path, metrics=metrics)
        if scan.new:
            rules = ", ".join(sorted({f.rule for f in scan.new}))
            message = f"{len(scan.new)} new secret finding(s) in {scan.path}: {rules}"
            return self.result(Status.CRITICAL, message, target=scan.path, metrics=metrics)
        message = f"no new secrets in {scan.path}"
        return self.result(Status.OK, message, target=scan.path, metrics=metrics)
