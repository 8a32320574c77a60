import os
import time

from .base import Checker, CheckResult, Status, human_bytes


class LargeDirsChecker(Checker):
    slug = "large_dirs"
    summary = "The largest directories under a path (same filesystem, time-boxed)"
    defaults = {"top": 5.0, "budget_seconds": 2.0, "max_entries": 200000.0}
    in_default = False

    def run(self):
        return [self.check_path(path) for path in self.ctx.value("large_dirs_paths") or ["/var"]]

    def check_path(self, root: str) -> CheckResult:
        try:
            device = os.stat(root).st_dev
            children = [entry for entry in os.scandir(root) if entry.is_dir(follow_symlinks=False)]
        except OSError as exc:
            return self.result(Status.UNKNOWN, f"cannot read {root}: {exc.strerror}", target=root)
        scan = _Scan(
            device,
            time.monotonic() + self.limits["budget_seconds"],
            int(self.limits["max_entries"]),
        )
        sizes = {entry.path: scan.size_of(entry.path) for entry in children}
        top = sorted(sizes.items(), key=lambda item: item[1], reverse=True)[
            : int(self.limits["top"])
        ]
        listing = ", ".join(f"{path} {human_bytes(size)}" for path, size in top)
        partial = " (partial: scan budget reached)" if scan.partial else ""
        message = f"largest under {root}: {listing or 'no subdirectories'}{partial}"
        metrics = {
            "directories": [{"path": path, "bytes": size} for path, size in top],
            "entries_scanned": scan.entries,
            "partial": scan.partial,
        }
        return self.result(Status.OK, message, target=root, metrics=metrics)


class _Scan:
    def __init__(self, device: int, deadline: float, max_entries: int):
        self.device, self.deadline, self.max_entries = device, deadline, max_entries
        self.entries, self.partial = 0, False

    def size_of(self, path: str) -> int:
        total, stack = 0, [path]
        while stack and not self.partial:
            try:
                with os.scandir(stack.pop()) as entries:
                    for entry in entries:
                        self.entries += 1
                        stat = entry.stat(follow_symlinks=False)
                        if stat.st_dev != self.device:
                            continue  # another filesystem mounted below: not this disk's space
                        total += stat.st_blocks * 512
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(entry.path)
            except OSError:
                continue
            if self.entries >= self.max_entries or time.monotonic() > self.deadline:
                self.partial = True
        return total
