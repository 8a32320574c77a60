"""The checker registry: stable slug -> class. Slugs are stored in CheckRun rows."""

from .base import Checker
from .cpu import CpuChecker
from .disk import DiskChecker
from .diskio import DiskIOChecker
from .freshness import FreshnessChecker
from .inodes import InodesChecker
from .large_dirs import LargeDirsChecker
from .load import LoadChecker
from .memory import MemoryChecker
from .network import NetworkChecker
from .ports import PortsChecker
from .processes import ProcessesChecker
from .raid import RaidChecker
from .reboot import RebootChecker
from .swap import SwapChecker
from .systemd import SystemdChecker
from .temperature import TemperatureChecker
from .tls import TlsChecker
from .top_processes import TopProcessesChecker

CHECKERS: dict[str, type[Checker]] = {
    "cpu": CpuChecker,
    "load": LoadChecker,
    "memory": MemoryChecker,
    "swap": SwapChecker,
    "disk": DiskChecker,
    "inodes": InodesChecker,
    "diskio": DiskIOChecker,
    "network": NetworkChecker,
    "ports": PortsChecker,
    "processes": ProcessesChecker,
    "systemd": SystemdChecker,
    "reboot": RebootChecker,
    "raid": RaidChecker,
    "temperature": TemperatureChecker,
    "tls": TlsChecker,
    "freshness": FreshnessChecker,
    "large_dirs": LargeDirsChecker,
    "top_processes": TopProcessesChecker,
}
