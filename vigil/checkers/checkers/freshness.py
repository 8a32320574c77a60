import os
import time

from .base import Checker, CheckError, CheckResult, Status, parse_duration


def parse_entry(entry: str) -> tuple[str, float]:
    """`/path=26h` -> ("/path", seconds)."""
    path, sep, age = entry.rpartition("=")
    if not sep or not path.startswith("/"):
        raise CheckError(f"freshness entry {entry!r} is not valid; use /absolute/path=26h")
    return path, parse_duration(age)


class FreshnessChecker(Checker):
    slug = "freshness"
    summary = "A file, or the newest entry of a directory, is newer than its maximum age"
    # Share of the maximum age at which a warning comes first.
    defaults = {"warning_ratio": 0.9}
    needs = "freshness"

    def run(self):
        results = []
        for entry in self.ctx.value("freshness") or []:
            try:
                path, max_age = parse_entry(entry)
            except CheckError as exc:
                results.append(self.result(Status.UNKNOWN, str(exc), target=entry))
                continue
            results.append(self.check_path(path, max_age))
        return results

    def check_path(self, path: str, max_age: float) -> CheckResult:
        try:
            newest, newest_name = newest_mtime(path)
        except FileNotFoundError:
            return self.result(
                Status.CRITICAL, f"{path} does not exist: did the job run?", target=path
            )
        except OSError as exc:
            return self.result(Status.UNKNOWN, f"cannot read {path}: {exc.strerror}", target=path)
        age = time.time() - newest
        metrics = {
            "age_hours": round(age / 3600, 2),
            "max_age_hours": round(max_age / 3600, 2),
            "newest": newest_name,
        }
        shown = f"{path} ({newest_name})" if newest_name != path else path
        if age > max_age:
            status, advice = Status.CRITICAL, ": the job that writes it has stopped; check it"
        elif age > max_age * self.limits["warning_ratio"]:
            status, advice = Status.WARNING, ": close to its limit"
        else:
            status, advice = Status.OK, ""
        message = f"{shown} is {_age(age)} old (limit {_age(max_age)}){advice}"
        return self.result(status, message, target=path, metrics=metrics)


def newest_mtime(path: str) -> tuple[float, str]:
    stat = os.stat(path)
    if not os.path.isdir(path):
        return stat.st_mtime, path
    newest, name = stat.st_mtime, path
    # Direct children only: a backup directory gets a new file per run.
    with os.scandir(path) as entries:
        for entry in entries:
            try:
                mtime = entry.stat(follow_symlinks=False).st_mtime
            except OSError:
                continue
            if mtime > newest:
                newest, name = mtime, entry.path
    return newest, name


def _age(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 3 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"
