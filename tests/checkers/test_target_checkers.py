"""Checkers whose targets are configured: ports, processes, freshness, disk targets,
large_dirs, top_processes. The probe's psutil-backed readings are replaced at the seam."""

import os
import time

from vigil.checkers.checkers.base import CheckContext, CheckOptions, Status, filesystem_targets
from vigil.checkers.checkers.freshness import FreshnessChecker
from vigil.checkers.checkers.large_dirs import LargeDirsChecker
from vigil.checkers.checkers.ports import PortsChecker
from vigil.checkers.checkers.processes import ProcessesChecker
from vigil.checkers.checkers.top_processes import TopProcessesChecker
from vigil.checkers.probe import Listener, Mount, Probe, ProcessInfo
from vigil.checkers.services import run_one


class TableProbe(Probe):
    def __init__(self, listeners=(), processes=(), mounts=()):
        super().__init__()
        self._listeners, self._processes, self._mounts = (
            list(listeners),
            list(processes),
            list(mounts),
        )

    def listeners(self):
        return self._listeners

    def processes(self):
        return self._processes

    def mounts(self):
        return self._mounts


def ctx(probe=None, **options):
    return CheckContext(CheckOptions(probe=probe, node="n", **options))


LISTENERS = [
    Listener("tcp", "0.0.0.0", 22, 101, "sshd"),
    Listener("tcp", "::", 443, 202, "nginx"),
    Listener("udp", "0.0.0.0", 53, 303, "dnsmasq"),
    Listener("tcp", "0.0.0.0", 5432, 404, "postgres"),
    Listener("tcp", "127.0.0.1", 6379, 505, "redis-server"),
]


def test_ports_allowlist_with_protocol_and_process():
    probe = TableProbe(listeners=LISTENERS)
    [result] = PortsChecker(
        ctx(probe, ports_allowed=["22", "tcp/443", "udp/53=dnsmasq", "tcp/5432=mysqld"])
    ).run()
    assert result.status is Status.WARNING
    assert result.metrics["unexpected"] == ["tcp/0.0.0.0:5432 (postgres, pid 404)"]
    assert result.message == (
        "unexpected listeners: tcp/0.0.0.0:5432 (postgres, pid 404): stop them or add them to the allowlist"
    )
    # Loopback listeners are not exposed: ignored unless asked.
    assert not any(":6379" in item for item in result.metrics["listening"])


def test_ports_all_allowed_and_loopback_on_request():
    probe = TableProbe(listeners=LISTENERS)
    allowed = ["22", "443", "udp/53", "5432=postgres", "6379"]
    [result] = PortsChecker(ctx(probe, ports_allowed=allowed, ports_loopback=True)).run()
    assert (result.status, result.message) == (Status.OK, "5 listening sockets, all allowed")
    [strict] = PortsChecker(
        ctx(probe, ports_allowed=["22", "443", "udp/53", "5432"], ports_loopback=True)
    ).run()
    assert strict.metrics["unexpected"] == ["tcp/127.0.0.1:6379 (redis-server, pid 505)"]


def test_ports_bad_rule_is_unknown_through_the_runner():
    [result] = run_one("ports", ctx(TableProbe(listeners=LISTENERS), ports_allowed=["ssh"]))
    assert result.status is Status.UNKNOWN
    assert "port allowlist entry 'ssh' is not valid" in result.message


def test_processes_counts_and_minimum():
    probe = TableProbe(
        processes=[
            ProcessInfo(1, "nginx", 0, 0.0),
            ProcessInfo(2, "nginx", 0, 0.0),
            ProcessInfo(3, "cron", 0, 0.0),
        ]
    )
    results = ProcessesChecker(
        ctx(
            probe, processes=["nginx", "cron", "postgres"], thresholds={"processes": {"minimum": 2}}
        )
    ).run()
    assert [(r.target, r.status, r.metrics["count"]) for r in results] == [
        ("nginx", Status.OK, 2),
        ("cron", Status.WARNING, 1),
        ("postgres", Status.CRITICAL, 0),
    ]
    assert results[2].message == "postgres: not running: start it and read its logs"


def test_freshness_of_a_directory_is_its_newest_entry(tmp_path):
    old, new = tmp_path / "old.tar", tmp_path / "new.tar"
    old.write_text("x")
    new.write_text("y")
    now = time.time()
    os.utime(old, (now - 50 * 3600, now - 50 * 3600))
    os.utime(new, (now - 2 * 3600, now - 2 * 3600))
    os.utime(tmp_path, (now - 50 * 3600, now - 50 * 3600))
    [ok] = FreshnessChecker(ctx(freshness=[f"{tmp_path}=26h"])).run()
    assert ok.status is Status.OK
    assert ok.metrics["newest"] == str(new)
    assert round(ok.metrics["age_hours"]) == 2
    [stale] = FreshnessChecker(ctx(freshness=[f"{old}=1d"])).run()
    assert stale.status is Status.CRITICAL
    assert (
        stale.message
        == f"{old} is 50.0 h old (limit 24.0 h): the job that writes it has stopped; check it"
    )


def test_filesystem_targets_skip_images_and_collapse_bind_mounts():
    mounts = [
        Mount("/dev/sda1", "/", "ext4"),
        Mount("/dev/sda2", "/srv/data", "xfs"),
        Mount("/dev/sda2", "/var/lib/docker/volumes/x", "xfs"),  # bind mount of /srv/data
        Mount("/dev/loop3", "/snap/core/1", "squashfs"),
        Mount("/dev/sr0", "/media/cdrom", "iso9660"),
    ]
    assert filesystem_targets(ctx(TableProbe(mounts=mounts))) == ["/", "/srv/data"]
    assert filesystem_targets(ctx(TableProbe(mounts=[]))) == ["/"]
    assert filesystem_targets(ctx(TableProbe(mounts=mounts), disk_paths=["/var", "/var"])) == [
        "/var"
    ]


def test_large_dirs_orders_by_size(tmp_path):
    for name, size in [("small", 10_000), ("big", 400_000), ("medium", 100_000)]:
        (tmp_path / name / "sub").mkdir(parents=True)
        (tmp_path / name / "sub" / "file").write_bytes(b"x" * size)
    [result] = LargeDirsChecker(
        ctx(large_dirs_paths=[str(tmp_path)], thresholds={"large_dirs": {"top": 2}})
    ).run()
    assert result.status is Status.OK
    assert [item["path"] for item in result.metrics["directories"]] == [
        str(tmp_path / "big"),
        str(tmp_path / "medium"),
    ]
    assert result.metrics["directories"][0]["bytes"] >= 400_000
    assert result.metrics["partial"] is False


def test_large_dirs_stops_at_its_budget(tmp_path):
    for index in range(5):
        (tmp_path / "d" / str(index)).mkdir(parents=True)
    [result] = LargeDirsChecker(
        ctx(large_dirs_paths=[str(tmp_path)], thresholds={"large_dirs": {"max_entries": 2}})
    ).run()
    assert result.metrics["partial"] is True
    assert result.message.endswith("(partial: scan budget reached)")


def test_large_dirs_missing_path_is_unknown(tmp_path):
    [result] = LargeDirsChecker(ctx(large_dirs_paths=[str(tmp_path / "nope")])).run()
    assert (result.status, result.message) == (
        Status.UNKNOWN,
        f"cannot read {tmp_path / 'nope'}: No such file or directory",
    )


def test_top_processes_reports_names_only():
    probe = TableProbe(
        processes=[
            ProcessInfo(1, "java", 3 << 30, 10.0),
            ProcessInfo(2, "postgres", 1 << 30, 500.0),
            ProcessInfo(3, "sh", 1 << 20, 0.1),
        ]
    )
    [result] = TopProcessesChecker(ctx(probe, thresholds={"top_processes": {"top": 2}})).run()
    assert result.metrics["by_memory"] == [
        {"pid": 1, "name": "java", "rss_bytes": 3 << 30},
        {"pid": 2, "name": "postgres", "rss_bytes": 1 << 30},
    ]
    assert [p["name"] for p in result.metrics["by_cpu"]] == ["postgres", "java"]
    assert result.message == "3 processes; most memory: java (1) 3.0 GiB, postgres (2) 1.0 GiB"
