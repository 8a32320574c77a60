"""Memory and CPU: totals and the processes using the most, via psutil.

Only the process name, id and user are reported, never the command line (it often
carries passwords and tokens).
"""

import time
from dataclasses import asdict, dataclass, field

import psutil
from django.conf import settings


@dataclass
class ProcessInfo:
    pid: int
    name: str
    user: str
    rss: int
    memory_percent: float
    cpu_percent: float


@dataclass
class MemoryReport:
    total: int
    available: int
    percent_used: float
    swap_total: int
    swap_percent_used: float
    load_average: list[float]
    cpu_count: int
    top_memory: list[ProcessInfo] = field(default_factory=list)
    top_cpu: list[ProcessInfo] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


_ATTRS = ["pid", "name", "username", "memory_info", "memory_percent"]


def _sample_cpu(processes: list[psutil.Process], seconds: float) -> dict[int, float]:
    # psutil measures CPU between two calls: prime every process, wait, read again.
    for process in processes:
        try:
            process.cpu_percent(None)
        except psutil.Error:
            continue
    if seconds:
        time.sleep(seconds)
    usage = {}
    for process in processes:
        try:
            usage[process.pid] = process.cpu_percent(None)
        except psutil.Error:
            continue
    return usage


def memory_report(*, top: int | None = None, cpu_seconds: float | None = None) -> MemoryReport:
    count = top or settings.INTELLIGENCE_TOP_N
    seconds = settings.INTELLIGENCE_CPU_SAMPLE_SECONDS if cpu_seconds is None else cpu_seconds
    processes = list(psutil.process_iter(_ATTRS))
    cpu = _sample_cpu(processes, seconds)
    infos = []
    for process in processes:
        data = process.info
        memory = data.get("memory_info")
        infos.append(
            ProcessInfo(
                pid=data["pid"],
                name=data.get("name") or "?",
                user=data.get("username") or "?",
                rss=memory.rss if memory else 0,
                memory_percent=round(data.get("memory_percent") or 0.0, 1),
                cpu_percent=round(cpu.get(data["pid"], 0.0), 1),
            )
        )
    virtual, swap = psutil.virtual_memory(), psutil.swap_memory()
    try:
        load = [round(value, 2) for value in psutil.getloadavg()]
    except (OSError, AttributeError):
        load = []
    return MemoryReport(
        total=virtual.total,
        available=virtual.available,
        percent_used=virtual.percent,
        swap_total=swap.total,
        swap_percent_used=swap.percent,
        load_average=load,
        cpu_count=psutil.cpu_count() or 1,
        top_memory=sorted(infos, key=lambda p: p.rss, reverse=True)[:count],
        top_cpu=sorted(infos, key=lambda p: p.cpu_percent, reverse=True)[:count],
    )
