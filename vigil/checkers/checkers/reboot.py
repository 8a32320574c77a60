from .base import Checker, CheckerUnavailable, Status


class RebootChecker(Checker):
    slug = "reboot"
    summary = "A reboot is required after updates (Debian/Ubuntu)"

    @classmethod
    def present(cls, ctx):
        return ctx.probe.exists("/etc/debian_version")

    def run(self):
        if not self.present(self.ctx):
            raise CheckerUnavailable("not a Debian/Ubuntu system (no /etc/debian_version)")
        # Written by update-notifier-common / needrestart hooks after kernel or libc updates.
        if not self.probe.exists("/var/run/reboot-required"):
            return [self.result(Status.OK, "no reboot required", metrics={"required": False})]
        try:
            packages = sorted(set(self.probe.read("/var/run/reboot-required.pkgs").split()))
        except OSError:
            packages = []
        shown = f" for {', '.join(packages[:5])}" if packages else ""
        message = f"reboot required{shown}: schedule a reboot"
        return [
            self.result(Status.WARNING, message, metrics={"required": True, "packages": packages})
        ]
