import os

from .base import Checker, Status


class ProcessesChecker(Checker):
    slug = "processes"
    summary = "Named processes are running (at least `minimum` of each)"
    defaults = {"minimum": 1.0}
    needs = "processes"

    def run(self):
        running = self.probe.processes()
        results = []
        for name in self.ctx.value("processes") or []:
            pids = [
                proc.pid
                for proc in running
                if proc.name == name or os.path.basename(proc.name) == name
            ]
            count = len(pids)
            if count >= self.limits["minimum"]:
                status, message = Status.OK, f"{name}: {count} running"
            elif count:
                status, message = (
                    Status.WARNING,
                    f"{name}: only {count} running: restart the missing workers",
                )
            else:
                status, message = (
                    Status.CRITICAL,
                    f"{name}: not running: start it and read its logs",
                )
            results.append(
                self.result(
                    status, message, target=name, metrics={"count": count, "pids": pids[:20]}
                )
            )
        return results
