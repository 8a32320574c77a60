from .base import Checker, Status


class LoadChecker(Checker):
    slug = "load"
    summary = "Load average per CPU core (5-minute average graded)"
    defaults = {"warning": 1.5, "critical": 3.0}

    def run(self):
        fields = self.probe.read("/proc/loadavg").split()
        load1, load5, load15 = (float(value) for value in fields[:3])
        cores = self.probe.cpu_count()
        per_core = load5 / cores
        status = self.grade(per_core)
        message = f"load {load1:.2f} {load5:.2f} {load15:.2f} on {cores} cores ({per_core:.2f}/core over 5 min)"
        if status is not Status.OK:
            message += ": more runnable work than cores; see cpu and top processes"
        metrics = {
            "load1": load1,
            "load5": load5,
            "load15": load15,
            "cores": cores,
            "load5_per_core": round(per_core, 2),
        }
        return [self.result(status, message, metrics=metrics)]
