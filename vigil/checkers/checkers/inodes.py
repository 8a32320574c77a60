from .base import CheckResult, FilesystemChecker, Status


class InodesChecker(FilesystemChecker):
    slug = "inodes"
    summary = "Inodes used on each mounted filesystem (or the given paths)"
    defaults = {"warning": 80.0, "critical": 90.0}

    def check_usage(self, path: str, usage) -> CheckResult:
        if not usage.inodes_total:
            # btrfs, xfs with dynamic inodes and others allocate them on demand.
            return self.result(
                Status.OK, f"{path} allocates inodes dynamically", target=path,
                metrics={"inodes_total": 0},
            )  # fmt: skip
        used = usage.inodes_total - usage.inodes_free
        used_percent = 100.0 * used / usage.inodes_total
        status = self.grade(used_percent)
        message = f"{path} {used_percent:.0f}% of inodes used ({usage.inodes_free} free)"
        if status is not Status.OK:
            message += ": many small files; look for runaway caches, sessions or mail queues"
        metrics = {
            "used_percent": round(used_percent, 1),
            "inodes_total": usage.inodes_total,
            "inodes_free": usage.inodes_free,
        }
        return self.result(status, message, target=path, metrics=metrics)
