"""The probe seam: everything a checker reads about the machine comes through here.

Files under /proc, /sys and /var/run are read relative to `root`, so tests point a
Probe at a directory of fixture files. Readings that need the kernel's help beyond a
file (filesystem usage, sockets, processes, commands) go through methods that a test
probe can override, and `sensor_table` replaces the temperature sensors outright.
"""

import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil


@dataclass(frozen=True)
class SensorReading:
    chip: str
    label: str
    current: float
    high: float | None = None
    critical: float | None = None


@dataclass(frozen=True)
class Mount:
    device: str
    mountpoint: str
    fstype: str


@dataclass(frozen=True)
class FsUsage:
    total: int
    used: int
    free: int
    inodes_total: int
    inodes_free: int


@dataclass(frozen=True)
class Listener:
    proto: str
    address: str
    port: int
    pid: int | None
    process: str


@dataclass(frozen=True)
class ProcessInfo:
    pid: int
    name: str
    rss: int
    cpu_seconds: float


@dataclass(frozen=True)
class CommandOutput:
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Probe:
    root: Path = Path("/")
    # chip -> readings; None reads /sys/class/thermal and /sys/class/hwmon under root.
    sensor_table: dict[str, list[SensorReading]] | None = None
    # Delta-based checkers (cpu, diskio) reuse the previous sample when it is recent,
    # so a scheduler that runs every minute reports the minute's average for free.
    _samples: dict[str, tuple[float, object]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def path(self, name: str) -> Path:
        return self.root / name.lstrip("/")

    def read(self, name: str) -> str:
        return self.path(name).read_text()

    def exists(self, name: str) -> bool:
        return self.path(name).exists()

    def glob(self, pattern: str) -> list[Path]:
        return sorted(self.root.glob(pattern.lstrip("/")))

    def wait(self, seconds: float) -> None:
        time.sleep(seconds)

    def monotonic(self) -> float:
        return time.monotonic()

    def cpu_count(self) -> int:
        try:
            return _count_cpu_list(self.read("/sys/devices/system/cpu/online"))
        except (OSError, ValueError):
            return os.cpu_count() or 1

    def previous_sample(self, key: str, max_age: float) -> tuple[float, object] | None:
        with self._lock:
            sample = self._samples.get(key)
        if sample and 0 < self.monotonic() - sample[0] <= max_age:
            return sample
        return None

    def remember_sample(self, key: str, at: float, value: object) -> None:
        with self._lock:
            self._samples[key] = (at, value)

    # --- psutil-backed readings ----------------------------------------------------
    def mounts(self) -> list[Mount]:
        return [
            Mount(part.device, part.mountpoint, part.fstype)
            for part in psutil.disk_partitions(all=False)
        ]

    def fs_usage(self, path: str) -> FsUsage:
        stats = os.statvfs(path)
        total = stats.f_blocks * stats.f_frsize
        free = stats.f_bavail * stats.f_frsize
        # "used" as df counts it: blocks not free to anyone, root's reserve included.
        used = (stats.f_blocks - stats.f_bfree) * stats.f_frsize
        return FsUsage(total, used, free, stats.f_files, stats.f_ffree)

    def listeners(self) -> list[Listener]:
        found = []
        for conn in psutil.net_connections(kind="inet"):
            is_udp = conn.type == _SOCK_DGRAM
            if not conn.laddr or (not is_udp and conn.status != psutil.CONN_LISTEN):
                continue
            if is_udp and conn.raddr:
                continue
            found.append(
                Listener(
                    "udp" if is_udp else "tcp",
                    conn.laddr.ip,
                    conn.laddr.port,
                    conn.pid,
                    _process_name(conn.pid),
                )
            )
        return found

    def processes(self) -> list[ProcessInfo]:
        found = []
        for proc in psutil.process_iter(["name", "memory_info", "cpu_times"]):
            info = proc.info
            memory, times = info.get("memory_info"), info.get("cpu_times")
            found.append(
                ProcessInfo(
                    proc.pid,
                    info.get("name") or "",
                    memory.rss if memory else 0,
                    (times.user + times.system) if times else 0.0,
                )
            )
        return found

    def which(self, command: str) -> str | None:
        return shutil.which(command)

    def run(self, args: list[str], timeout: float) -> CommandOutput:
        completed = subprocess.run(  # noqa: S603 - fixed argument lists, never a shell
            args, capture_output=True, text=True, timeout=timeout, check=False
        )
        return CommandOutput(completed.returncode, completed.stdout, completed.stderr)

    # --- sensors -------------------------------------------------------------------
    def temperatures(self) -> dict[str, list[SensorReading]]:
        if self.sensor_table is not None:
            return self.sensor_table
        table: dict[str, list[SensorReading]] = {}
        for zone in self.glob("/sys/class/thermal/thermal_zone*"):
            reading = _millidegrees(zone / "temp")
            if reading is not None:
                chip = _first_line(zone / "type") or zone.name
                table.setdefault(chip, []).append(SensorReading(chip, zone.name, reading))
        for hwmon in self.glob("/sys/class/hwmon/hwmon*"):
            chip = _first_line(hwmon / "name") or hwmon.name
            for sensor in sorted(hwmon.glob("temp*_input")):
                stem = sensor.name.removesuffix("_input")
                reading = _millidegrees(sensor)
                if reading is None:
                    continue
                table.setdefault(chip, []).append(
                    SensorReading(
                        chip,
                        _first_line(hwmon / f"{stem}_label") or stem,
                        reading,
                        _millidegrees(hwmon / f"{stem}_max"),
                        _millidegrees(hwmon / f"{stem}_crit"),
                    )
                )
        return table


_SOCK_DGRAM = 2


def _process_name(pid: int | None) -> str:
    if not pid:
        return ""
    try:
        return psutil.Process(pid).name()
    except (psutil.Error, OSError):
        return ""


def _count_cpu_list(text: str) -> int:
    count = 0
    for part in text.strip().split(","):
        low, _, high = part.partition("-")
        count += int(high) - int(low) + 1 if high else 1
    return count


def _first_line(path: Path) -> str:
    try:
        return path.read_text().strip().splitlines()[0].strip()
    except (OSError, IndexError):
        return ""


def _millidegrees(path: Path) -> float | None:
    try:
        return int(path.read_text().strip()) / 1000
    except (OSError, ValueError):
        return None


_default_probe: Probe | None = None


def default_probe() -> Probe:
    # One long-lived probe per process keeps the previous cpu/diskio samples.
    global _default_probe
    if _default_probe is None:
        _default_probe = Probe()
    return _default_probe
