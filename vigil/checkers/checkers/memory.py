from .base import Checker, CheckerUnavailable, Status, human_bytes


def parse_meminfo(text: str) -> dict[str, int]:
    """Values in bytes, keyed as in /proc/meminfo."""
    values = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            factor = 1024 if len(parts) > 1 and parts[1] == "kB" else 1
            values[name.strip()] = int(parts[0]) * factor
    return values


class MemoryChecker(Checker):
    slug = "memory"
    summary = "Memory in use (MemAvailable against MemTotal)"
    defaults = {"warning": 85.0, "critical": 95.0}

    def run(self):
        info = parse_meminfo(self.probe.read("/proc/meminfo"))
        total = info.get("MemTotal", 0)
        if not total:
            raise CheckerUnavailable("/proc/meminfo has no MemTotal")
        # MemAvailable (Linux 3.14+) counts reclaimable cache; older kernels: estimate.
        available = info.get(
            "MemAvailable", info.get("MemFree", 0) + info.get("Cached", 0) + info.get("Buffers", 0)
        )
        used_percent = 100.0 * (total - available) / total
        status = self.grade(used_percent)
        message = (
            f"memory {used_percent:.0f}% used, {human_bytes(available)} available "
            f"of {human_bytes(total)}"
        )
        if status is not Status.OK:
            message += ": see top processes by memory"
        metrics = {
            "used_percent": round(used_percent, 1),
            "total_bytes": total,
            "available_bytes": available,
        }
        return [self.result(status, message, metrics=metrics)]
