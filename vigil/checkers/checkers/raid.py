import re
from dataclasses import dataclass, field

from .base import Checker, CheckerUnavailable, Status

_ARRAY = re.compile(r"^(md\S*)\s*:\s*(\S+)\s*(.*)$")
_MEMBERS = re.compile(r"\[(\d+)/(\d+)\]\s*\[([U_]+)\]")
_PROGRESS = re.compile(r"(recovery|resync|reshape|check|repair)\s*=\s*([\d.]+)%")


@dataclass
class MdArray:
    name: str
    state: str
    level: str = ""
    devices: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    expected: int = 0
    active: int = 0
    map: str = ""
    action: str = ""
    progress: float | None = None


def parse_mdstat(text: str) -> list[MdArray]:
    arrays: list[MdArray] = []
    for line in text.splitlines():
        match = _ARRAY.match(line)
        if match:
            state, rest = match.group(2), match.group(3).split()
            level = rest[0] if rest and not rest[0].endswith("]") and "[" not in rest[0] else ""
            members = [word for word in rest if "[" in word]
            arrays.append(
                MdArray(
                    match.group(1), state, level,
                    devices=[word.split("[")[0] for word in members],
                    failed=[word.split("[")[0] for word in members if word.endswith("(F)")],
                )
            )  # fmt: skip
            continue
        if not arrays:
            continue
        if members := _MEMBERS.search(line):
            arrays[-1].expected, arrays[-1].active = int(members.group(1)), int(members.group(2))
            arrays[-1].map = members.group(3)
        if progress := _PROGRESS.search(line):
            arrays[-1].action, arrays[-1].progress = progress.group(1), float(progress.group(2))
    return arrays


class RaidChecker(Checker):
    slug = "raid"
    summary = "Linux software RAID arrays (/proc/mdstat): degraded, failed or rebuilding"

    @classmethod
    def present(cls, ctx):
        return ctx.probe.exists("/proc/mdstat")

    def run(self):
        try:
            text = self.probe.read("/proc/mdstat")
        except FileNotFoundError:
            raise CheckerUnavailable("no /proc/mdstat: software RAID (md) is not in use") from None
        arrays = parse_mdstat(text)
        if not arrays:
            return [self.result(Status.OK, "no md arrays configured", metrics={"arrays": 0})]
        return [self.grade_array(array) for array in arrays]

    def grade_array(self, array: MdArray):
        metrics = {
            "state": array.state,
            "level": array.level,
            "devices": array.devices,
            "failed_devices": array.failed,
            "expected": array.expected,
            "active": array.active,
            "action": array.action,
            "progress_percent": array.progress,
        }
        target = f"/dev/{array.name}"
        if array.state == "inactive":
            status, message = (
                Status.CRITICAL,
                f"{target} is inactive: assemble it (mdadm --assemble)",
            )
        elif "_" in array.map or array.failed:
            missing = array.expected - array.active
            failed = f", failed: {', '.join(array.failed)}" if array.failed else ""
            rebuild = f", {array.action} {array.progress:.1f}%" if array.action else ""
            status = Status.CRITICAL
            message = f"{target} {array.level} degraded ({missing} of {array.expected} missing{failed}{rebuild}): replace the disk"
        elif array.action in ("recovery", "resync", "reshape"):
            status = Status.WARNING
            message = f"{target} {array.level} {array.action} {array.progress:.1f}%: wait for it to finish"
        else:
            note = f", {array.action} {array.progress:.1f}%" if array.action else ""
            status, message = Status.OK, f"{target} {array.level} healthy [{array.map}]{note}"
        return self.result(status, message, target=target, metrics=metrics)
