from .base import Checker, Status, human_bytes
from .memory import parse_meminfo


class SwapChecker(Checker):
    slug = "swap"
    summary = "Swap in use"
    defaults = {"warning": 50.0, "critical": 80.0}

    def run(self):
        info = parse_meminfo(self.probe.read("/proc/meminfo"))
        total, free = info.get("SwapTotal", 0), info.get("SwapFree", 0)
        if not total:
            return [self.result(Status.OK, "no swap configured", metrics={"total_bytes": 0})]
        used_percent = 100.0 * (total - free) / total
        status = self.grade(used_percent)
        message = (
            f"swap {used_percent:.0f}% used ({human_bytes(total - free)} of {human_bytes(total)})"
        )
        if status is not Status.OK:
            message += ": memory pressure; see memory and top processes"
        metrics = {
            "used_percent": round(used_percent, 1),
            "total_bytes": total,
            "free_bytes": free,
        }
        return [self.result(status, message, metrics=metrics)]
