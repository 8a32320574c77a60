"""Where the disk space went: a bounded, metadata-only walk of the configured scan roots.

The walk uses os.scandir with follow_symlinks=False everywhere: a symlink is counted and
skipped, never entered or stat'ed through, so nothing outside a root is read and a
symlink loop cannot trap it. It stays on the root's filesystem (like `du -x`), skips a
directory it has already seen (bind mounts), and stops after a bounded number of entries
or seconds, saying so in the report. File contents are never opened.
"""

import os
import shlex
import shutil
import stat
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings

from vigil.core.security.paths import UnsafePathError, resolve_safe_path

LOG_SUFFIXES = (".log", ".gz", ".xz", ".zst", ".bz2", ".old")


@dataclass
class Entry:
    path: str
    size: int
    modified: float | None = None


@dataclass
class CacheHint:
    path: str
    label: str
    command: str
    size: int = 0


@dataclass
class DiskReport:
    root: str
    total: int | None = None
    used: int | None = None
    free: int | None = None
    percent_used: float | None = None
    scanned_bytes: int = 0
    entries: int = 0
    largest_dirs: list[Entry] = field(default_factory=list)
    largest_files: list[Entry] = field(default_factory=list)
    old_logs: list[Entry] = field(default_factory=list)
    old_logs_bytes: int = 0
    caches: list[CacheHint] = field(default_factory=list)
    skipped_symlinks: int = 0
    skipped_mounts: int = 0
    errors: int = 0
    truncated: str = ""  # why the walk stopped early, if it did
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


# Package and journal caches worth knowing about, with the command that trims each.
# Only those under a scan root are looked at.
CACHE_HINTS = (
    CacheHint("/var/cache/apt/archives", "APT package cache", "sudo apt-get clean"),
    CacheHint("/var/cache/dnf", "DNF package cache", "sudo dnf clean all"),
    CacheHint("/var/cache/yum", "YUM package cache", "sudo yum clean all"),
    CacheHint("/var/cache/pacman/pkg", "pacman package cache", "sudo paccache -r"),
    CacheHint("/var/cache/apk", "apk package cache", "sudo apk cache clean"),
    CacheHint("/var/log/journal", "systemd journal", "sudo journalctl --vacuum-size=500M"),
    CacheHint("/var/lib/docker", "Docker images and containers", "docker system df"),
    CacheHint("/var/lib/snapd/cache", "snap cache", "sudo snap set system refresh.retain=2"),
)


def scan_roots() -> list[Path]:
    """The configured roots that pass the path guard and exist, resolved."""
    roots = []
    for root in settings.INTELLIGENCE_SCAN_ROOTS:
        try:
            resolved = resolve_safe_path(root)
        except UnsafePathError:
            continue  # reported by system check intelligence.W001
        if resolved.is_dir() and resolved not in roots:
            roots.append(resolved)
    return roots


def resolve_scan_path(user_input: str) -> Path:
    """A caller-supplied path, allowed only inside a scan root (and the global roots)."""
    resolve_safe_path(user_input)
    return resolve_safe_path(user_input, allowed_roots=settings.INTELLIGENCE_SCAN_ROOTS)


class _Walk:
    def __init__(self, root: Path, deadline: float, max_entries: int, old_before: float):
        self.root = str(root)
        self.deadline = deadline
        self.max_entries = max_entries
        self.old_before = old_before
        self.report = DiskReport(self.root)
        self.dir_sizes: dict[str, int] = {}
        self.files: list[Entry] = []
        self.old_logs: list[Entry] = []

    def run(self) -> None:
        try:
            root_stat = os.lstat(self.root)
        except OSError:
            self.report.errors += 1
            return
        device, seen = root_stat.st_dev, {(root_stat.st_dev, root_stat.st_ino)}
        stack = [self.root]
        while stack:
            directory = stack.pop()
            self.dir_sizes.setdefault(directory, 0)
            if self._out_of_budget():
                return
            try:
                with os.scandir(directory) as entries:
                    for entry in entries:
                        subdir = self._visit(entry, directory, device, seen)
                        if subdir:
                            stack.append(subdir)
                        if self.report.truncated:
                            return
            except OSError:
                self.report.errors += 1

    def _out_of_budget(self) -> bool:
        if self.report.entries >= self.max_entries:
            self.report.truncated = f"stopped after {self.max_entries} entries"
        elif time.monotonic() > self.deadline:
            self.report.truncated = "stopped at the time limit"
        return bool(self.report.truncated)

    def _visit(self, entry: os.DirEntry, parent: str, device: int, seen: set) -> str | None:
        self.report.entries += 1
        if self.report.entries % 512 == 0 and self._out_of_budget():
            return None
        try:
            if entry.is_symlink():
                self.report.skipped_symlinks += 1
                return None
            info = entry.stat(follow_symlinks=False)
        except OSError:
            self.report.errors += 1
            return None
        if stat.S_ISDIR(info.st_mode):
            if info.st_dev != device:
                self.report.skipped_mounts += 1
                return None
            if (info.st_dev, info.st_ino) in seen:
                return None
            seen.add((info.st_dev, info.st_ino))
            return entry.path
        if not stat.S_ISREG(info.st_mode):
            return None
        # Allocated blocks, like du: a sparse file does not fill a disk.
        size = min(info.st_size, info.st_blocks * 512) if info.st_blocks else info.st_size
        self.dir_sizes[parent] = self.dir_sizes.get(parent, 0) + size
        self.report.scanned_bytes += size
        item = Entry(entry.path, size, info.st_mtime)
        self.files.append(item)
        if info.st_mtime < self.old_before and _looks_like_log(entry.path, entry.name):
            self.old_logs.append(item)
            self.report.old_logs_bytes += size
        return None

    def totals(self, top: int) -> None:
        # Each directory's size includes everything below it, deepest first.
        sizes = dict(self.dir_sizes)
        for path in sorted(sizes, key=lambda p: p.count(os.sep), reverse=True):
            if path != self.root:
                parent = os.path.dirname(path)
                sizes[parent] = sizes.get(parent, 0) + sizes[path]
        dirs = [Entry(path, size) for path, size in sizes.items() if path != self.root]
        self.report.largest_dirs = _top(dirs, top)
        self.report.largest_files = _top(self.files, top)
        self.report.old_logs = _top(self.old_logs, top)


def _looks_like_log(path: str, name: str) -> bool:
    if name.endswith(LOG_SUFFIXES) or ".log." in name:
        return True
    return f"{os.sep}log{os.sep}" in path or f"{os.sep}logs{os.sep}" in path


def _top(entries: list[Entry], count: int) -> list[Entry]:
    return sorted(entries, key=lambda item: item.size, reverse=True)[:count]


def scan(
    root: Path,
    *,
    max_entries: int | None = None,
    max_seconds: float | None = None,
    top: int | None = None,
    with_caches: bool = True,
) -> DiskReport:
    """Scan one root that has already passed the path guard."""
    started = time.monotonic()
    seconds = settings.INTELLIGENCE_SCAN_MAX_SECONDS if max_seconds is None else max_seconds
    old_before = time.time() - settings.INTELLIGENCE_OLD_LOG_DAYS * 86400
    walk = _Walk(
        root,
        started + seconds,
        max_entries or settings.INTELLIGENCE_SCAN_MAX_ENTRIES,
        old_before,
    )
    walk.run()
    walk.totals(top or settings.INTELLIGENCE_TOP_N)
    report = walk.report
    try:
        usage = shutil.disk_usage(root)
        report.total, report.used, report.free = usage.total, usage.used, usage.free
        report.percent_used = round(100 * usage.used / usage.total, 1) if usage.total else None
    except OSError:
        report.errors += 1
    if with_caches:
        report.caches = cache_hints(root, walk.dir_sizes)
    report.seconds = round(time.monotonic() - started, 3)
    return report


def cache_hints(root: Path, dir_sizes: dict[str, int]) -> list[CacheHint]:
    hints = []
    for hint in CACHE_HINTS:
        path = Path(hint.path)
        if path != root and root not in path.parents:
            continue
        size = sum(
            size
            for name, size in dir_sizes.items()
            if name == hint.path or name.startswith(hint.path + os.sep)
        )
        if size:
            hints.append(CacheHint(hint.path, hint.label, hint.command, size))
    return hints


def scan_all(paths: list[Path] | None = None, *, top: int | None = None) -> list[DiskReport]:
    roots = paths if paths is not None else scan_roots()
    # One time budget for all roots: each gets an equal share of what is left, so time
    # a small root does not use goes to the next one.
    deadline = time.monotonic() + settings.INTELLIGENCE_SCAN_MAX_SECONDS
    reports = []
    for index, root in enumerate(roots):
        share = max(0.0, deadline - time.monotonic()) / (len(roots) - index)
        reports.append(scan(root, max_seconds=share, top=top))
    return reports


def human_size(size: int | None) -> str:
    if size is None:
        return "?"
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def quoted(path: str) -> str:
    # File names are chosen by whoever can write to the disk: quote them before they
    # appear in a command a human may paste into a shell.
    return shlex.quote(path)
