from dataclasses import dataclass

from .base import DeltaChecker, Status


@dataclass(frozen=True)
class CpuTimes:
    busy: int
    iowait: int
    steal: int
    total: int


def parse_proc_stat(text: str) -> CpuTimes:
    for line in text.splitlines():
        fields = line.split()
        if fields and fields[0] == "cpu":
            # user nice system idle iowait irq softirq steal (guest is already in user)
            values = [int(value) for value in fields[1:9]] + [0] * (9 - len(fields))
            idle, iowait, steal = values[3], values[4], values[7]
            total = sum(values[:8])
            return CpuTimes(total - idle - iowait, iowait, steal, total)
    raise ValueError("no aggregate 'cpu' line in /proc/stat")


# A short window catches a moment (a compile, a cron job starting): a host is called
# CRITICAL only when its CPU stays past the limit for at least this long.
CONFIRM_SECONDS = 2.0


class CpuChecker(DeltaChecker):
    slug = "cpu"
    summary = "CPU utilisation over a short window (or since the previous run)"
    defaults = {"warning": 85.0, "critical": 95.0, "iowait_warning": 20.0}

    def sample(self) -> CpuTimes:
        return parse_proc_stat(self.probe.read("/proc/stat"))

    def run(self):
        before, after, elapsed = self.sampled_pair()
        if after.total <= before.total:
            return [self.result(Status.UNKNOWN, "CPU counters did not advance; try again")]
        busy = 100.0 * (after.busy - before.busy) / (after.total - before.total)
        if self.grade(busy) is Status.CRITICAL and elapsed < CONFIRM_SECONDS:
            # Confirm over a longer window before paging anyone.
            after, elapsed = self.longer_window(elapsed, CONFIRM_SECONDS)
        return [self._graded(before, after, elapsed)]

    def _graded(self, before: CpuTimes, after: CpuTimes, elapsed: float):
        total = after.total - before.total
        if total <= 0:
            return self.result(Status.UNKNOWN, "CPU counters did not advance; try again")
        busy = 100.0 * (after.busy - before.busy) / total
        iowait = 100.0 * (after.iowait - before.iowait) / total
        steal = 100.0 * (after.steal - before.steal) / total
        status = self.grade(busy)
        message = f"CPU {busy:.0f}% busy over {elapsed:.1f} s"
        if status is Status.OK and iowait >= self.limits["iowait_warning"]:
            status = Status.WARNING
            message += f", {iowait:.0f}% waiting on I/O: look at disk I/O"
        elif status is not Status.OK:
            message += ": see top processes for the consumers"
        metrics = {
            "busy_percent": round(busy, 1),
            "iowait_percent": round(iowait, 1),
            "steal_percent": round(steal, 1),
            "window_seconds": round(elapsed, 2),
        }
        return self.result(status, message, metrics=metrics)
