import os
import time

import pytest

from vigil.core.security.paths import UnsafePathError
from vigil.intelligence import disk

MB = 1024 * 1024


def write(path, size, *, age_days=0):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(b"x" * size)  # real blocks: the scan counts allocated size
    if age_days:
        stamp = time.time() - age_days * 86400
        os.utime(path, (stamp, stamp))
    return path


@pytest.fixture
def tree(tmp_path, settings):
    """root/ with data, logs and caches; outside/ holds a big file only symlinks reach."""
    root, outside = tmp_path / "root", tmp_path / "outside"
    write(root / "data" / "db" / "big.bin", 3 * MB)
    write(root / "data" / "small.txt", 10)
    write(root / "log" / "app.log", 200_000)
    write(root / "log" / "app.log.3.gz", 300_000, age_days=40)
    write(root / "log" / "recent.log.1", 100_000, age_days=1)
    write(outside / "secret-huge.bin", 5 * MB)
    (root / "link-out").symlink_to(outside, target_is_directory=True)
    (root / "file-link").symlink_to(outside / "secret-huge.bin")
    (root / "data" / "loop").symlink_to(root, target_is_directory=True)
    (root / "data" / "self").symlink_to(root / "data" / "self")  # dangling loop
    settings.ALLOWED_FILESYSTEM_ROOTS = [str(tmp_path)]
    settings.INTELLIGENCE_SCAN_ROOTS = [str(root)]
    return root.resolve()


def test_scan_reports_largest_dirs_files_and_old_logs(tree):
    report = disk.scan(tree)

    assert report.root == str(tree)
    assert report.largest_files[0].path == str(tree / "data" / "db" / "big.bin")
    assert report.largest_files[0].size >= 3 * MB
    dirs = [entry.path for entry in report.largest_dirs]
    assert dirs[:2] == [str(tree / "data"), str(tree / "data" / "db")]
    # A directory's size includes everything below it.
    assert report.largest_dirs[0].size >= report.largest_dirs[1].size >= 3 * MB
    assert [entry.path for entry in report.old_logs] == [str(tree / "log" / "app.log.3.gz")]
    assert report.old_logs_bytes >= 300_000
    assert report.total and report.free is not None
    assert report.truncated == ""


def test_symlinks_out_of_the_root_and_loops_are_never_followed(tree):
    report = disk.scan(tree)

    every_path = [e.path for e in report.largest_files + report.largest_dirs + report.old_logs]
    assert not any("secret-huge" in path or "outside" in path for path in every_path)
    assert not any("link-out" in path or "loop" in path for path in every_path)
    assert report.skipped_symlinks == 4
    # Only what is really under the root is counted (3 MB + logs), not the 5 MB outside.
    assert report.scanned_bytes < 4 * MB


def test_scan_stops_at_the_entry_budget_and_says_so(tree):
    for number in range(30):
        write(tree / "many" / f"f{number}", 1)

    report = disk.scan(tree, max_entries=10)

    assert report.truncated == "stopped after 10 entries"
    assert report.entries <= 10 + 1


def test_scan_stops_at_the_time_budget(tree):
    report = disk.scan(tree, max_seconds=0)

    assert report.truncated == "stopped at the time limit"


def test_cache_hints_come_only_from_known_cache_directories(tmp_path, settings):
    var = tmp_path / "var"
    write(var / "cache" / "apt" / "archives" / "pkg.deb", 200_000)
    settings.ALLOWED_FILESYSTEM_ROOTS = [str(tmp_path)]
    # The hint paths are absolute (/var/cache/apt/archives): a root elsewhere has none.
    report = disk.scan(var.resolve())
    assert report.caches == []

    sizes = {"/var/cache/apt/archives": 5000, "/var/cache/apt/archives/partial": 700}
    hints = disk.cache_hints(disk.Path("/var"), sizes)
    assert [(h.label, h.size, h.command) for h in hints] == [
        ("APT package cache", 5700, "sudo apt-get clean")
    ]


def test_caller_paths_must_stay_inside_the_scan_roots(tree, tmp_path):
    assert disk.resolve_scan_path(str(tree / "data")) == tree / "data"
    for bad in [str(tmp_path / "outside"), str(tree / "link-out"), "../etc", "/etc", "rel/path"]:
        with pytest.raises(UnsafePathError):
            disk.resolve_scan_path(bad)


def test_scan_roots_skip_roots_outside_the_allowed_filesystem_roots(tree, settings, tmp_path):
    settings.INTELLIGENCE_SCAN_ROOTS = [str(tree), "/etc", str(tmp_path / "missing")]

    assert disk.scan_roots() == [tree]


def test_commands_quote_hostile_file_names():
    assert disk.quoted("/var/log/$(rm -rf ~).log") == "'/var/log/$(rm -rf ~).log'"
