from .base import CheckResult, FilesystemChecker, Status, human_bytes


class DiskChecker(FilesystemChecker):
    slug = "disk"
    summary = "Space used on each mounted filesystem (or the given paths)"
    defaults = {"warning": 80.0, "critical": 90.0}

    def check_usage(self, path: str, usage) -> CheckResult:
        if not usage.total:
            return self.result(Status.UNKNOWN, f"{path} reports no size", target=path)
        # As df computes Use%: against what non-root users can have.
        used_percent = 100.0 * usage.used / (usage.used + usage.free or 1)
        status = self.grade(used_percent)
        message = f"{path} {used_percent:.0f}% used, {human_bytes(usage.free)} free of {human_bytes(usage.total)}"
        if status is not Status.OK:
            message += ": find what grew (large_dirs) and free space"
        metrics = {
            "used_percent": round(used_percent, 1),
            "total_bytes": usage.total,
            "used_bytes": usage.used,
            "free_bytes": usage.free,
        }
        return self.result(status, message, target=path, metrics=metrics)
