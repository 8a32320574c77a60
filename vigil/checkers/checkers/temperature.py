from vigil.checkers.probe import SensorReading

from .base import Checker, CheckerUnavailable, Status

# hwmon chip names: drivetemp (SATA, kernel 5.6+) and nvme are disks; the rest of the
# known ones are CPU packages or cores. Unknown chips (acpitz, chipset) count as "other".
DISK_CHIPS = ("drivetemp", "nvme", "hddtemp", "smart")
CPU_CHIPS = (
    "coretemp",
    "k10temp",
    "k8temp",
    "zenpower",
    "x86_pkg_temp",
    "cpu_thermal",
    "cpu-thermal",
    "soc_thermal",
)


def kind_of(reading: SensorReading) -> str:
    chip = reading.chip.lower()
    if chip.startswith(DISK_CHIPS):
        return "disk"
    if chip.startswith(CPU_CHIPS):
        return "cpu"
    return "other"


class TemperatureChecker(Checker):
    slug = "temperature"
    summary = "CPU and disk temperatures (when sensors exist)"
    defaults = {
        "cpu_warning": 80.0,
        "cpu_critical": 90.0,
        "disk_warning": 50.0,
        "disk_critical": 60.0,
        "other_warning": 80.0,
        "other_critical": 95.0,
    }

    @classmethod
    def present(cls, ctx):
        return any(ctx.probe.temperatures().values())

    def run(self):
        readings = [item for chip in self.probe.temperatures().values() for item in chip]
        if not readings:
            raise CheckerUnavailable(
                "no temperature sensors found (virtual machine or no drivers loaded)"
            )
        results = []
        for kind in ("cpu", "disk", "other"):
            group = [item for item in readings if kind_of(item) == kind]
            if group:
                results.append(self.grade_group(kind, group))
        return results

    def grade_group(self, kind: str, group: list[SensorReading]):
        hottest = max(group, key=lambda item: item.current)
        status = self.grade(hottest.current, f"{kind}_warning", f"{kind}_critical")
        message = f"{kind} hottest {hottest.current:.0f}°C ({hottest.chip} {hottest.label})"
        if status is not Status.OK:
            message += ": check cooling, fans and airflow"
        metrics = {
            "max_celsius": hottest.current,
            "sensors": {f"{item.chip}/{item.label}": item.current for item in group},
        }
        return self.result(status, message, target=kind, metrics=metrics)
