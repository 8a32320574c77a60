from .base import Checker, Status, human_bytes


class TopProcessesChecker(Checker):
    slug = "top_processes"
    summary = "The processes using the most memory and CPU time (names only, no command lines)"
    defaults = {"top": 5.0}
    in_default = False

    def run(self):
        processes = self.probe.processes()
        count = int(self.limits["top"])
        by_memory = sorted(processes, key=lambda proc: proc.rss, reverse=True)[:count]
        by_cpu = sorted(processes, key=lambda proc: proc.cpu_seconds, reverse=True)[:count]
        # Command lines can carry passwords and tokens: only names leave the machine.
        metrics = {
            "processes": len(processes),
            "by_memory": [{"pid": p.pid, "name": p.name, "rss_bytes": p.rss} for p in by_memory],
            "by_cpu": [
                {"pid": p.pid, "name": p.name, "cpu_seconds": round(p.cpu_seconds, 1)}
                for p in by_cpu
            ],
        }
        shown = ", ".join(f"{p.name} ({p.pid}) {human_bytes(p.rss)}" for p in by_memory[:3])
        message = f"{len(processes)} processes; most memory: {shown or 'none visible'}"
        return [self.result(Status.OK, message, metrics=metrics)]
