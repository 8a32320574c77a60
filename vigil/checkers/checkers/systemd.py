from .base import Checker, CheckerUnavailable, Status


class SystemdChecker(Checker):
    slug = "systemd"
    summary = "Failed systemd units (when systemd is running)"
    defaults = {"warning": 1.0, "critical": 3.0}

    @classmethod
    def present(cls, ctx):
        return ctx.probe.exists("/run/systemd/system")

    def run(self):
        # /run/systemd/system exists exactly when systemd is PID 1 (sd_booted(3)).
        if not self.present(self.ctx):
            raise CheckerUnavailable("systemd is not running on this machine")
        systemctl = self.probe.which("systemctl")
        if not systemctl:
            raise CheckerUnavailable("systemctl is not installed")
        output = self.probe.run(
            [systemctl, "list-units", "--state=failed", "--no-legend", "--plain", "--no-pager"],
            timeout=3,
        )
        if output.returncode != 0:
            raise CheckerUnavailable(f"systemctl failed: {output.stderr.strip()[:200]}")
        units = [line.split()[0] for line in output.stdout.splitlines() if line.strip()]
        status = self.grade(len(units))
        if not units:
            return [self.result(Status.OK, "no failed units", metrics={"failed": 0, "units": []})]
        shown = ", ".join(units[:5]) + (f" and {len(units) - 5} more" if len(units) > 5 else "")
        message = f"{len(units)} failed units: {shown}: see `systemctl status <unit>`"
        return [self.result(status, message, metrics={"failed": len(units), "units": units})]
