import re

from .base import DeltaChecker, Status

# Partitions and virtual devices double-count their disk's time.
_IGNORED = re.compile(r"^(loop|ram|zram|fd|sr)\d*$")


def parse_diskstats(text: str) -> dict[str, tuple[int, int, int]]:
    """device -> (io_ticks ms, reads completed, writes completed)."""
    devices = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 14 or _IGNORED.match(fields[2]):
            continue
        devices[fields[2]] = (int(fields[12]), int(fields[3]), int(fields[7]))
    return devices


class DiskIOChecker(DeltaChecker):
    slug = "diskio"
    summary = "Disk I/O strain: share of time each disk was busy"
    defaults = {"warning": 80.0, "critical": 95.0}

    def sample(self) -> dict[str, tuple[int, int, int]]:
        stats = parse_diskstats(self.probe.read("/proc/diskstats"))
        whole = {path.name for path in self.probe.glob("/sys/block/*")}
        # Keep whole disks when /sys/block says which they are; partitions are in it too.
        return {name: value for name, value in stats.items() if not whole or name in whole}

    def run(self):
        before, after, elapsed = self.sampled_pair()
        busiest, per_device = "", {}
        for name, (ticks, reads, writes) in after.items():
            if name not in before:
                continue
            busy = min(100.0, (ticks - before[name][0]) / (elapsed * 10))
            per_device[name] = {
                "busy_percent": round(busy, 1),
                "reads_per_second": round((reads - before[name][1]) / elapsed, 1),
                "writes_per_second": round((writes - before[name][2]) / elapsed, 1),
            }
            if not busiest or busy > per_device[busiest]["busy_percent"]:
                busiest = name
        if not per_device:
            return [self.result(Status.UNKNOWN, "no block devices in /proc/diskstats")]
        top = per_device[busiest]["busy_percent"]
        status = self.grade(top)
        message = f"busiest disk {busiest} {top:.0f}% busy over {elapsed:.1f} s"
        if status is not Status.OK:
            message += ": I/O saturated; see top processes and iowait"
        metrics = {"max_busy_percent": top, "busiest": busiest, "devices": per_device}
        return [self.result(status, message, metrics=metrics)]
