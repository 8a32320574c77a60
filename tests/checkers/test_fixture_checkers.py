"""Each checker against fixture /proc and /sys trees: the numbers and the verdicts."""

import pytest

from vigil.checkers.checkers.base import CheckerUnavailable, Status
from vigil.checkers.checkers.cpu import CpuChecker
from vigil.checkers.checkers.diskio import DiskIOChecker
from vigil.checkers.checkers.load import LoadChecker
from vigil.checkers.checkers.memory import MemoryChecker
from vigil.checkers.checkers.raid import RaidChecker
from vigil.checkers.checkers.reboot import RebootChecker
from vigil.checkers.checkers.swap import SwapChecker
from vigil.checkers.checkers.systemd import SystemdChecker
from vigil.checkers.checkers.temperature import TemperatureChecker
from vigil.checkers.probe import CommandOutput, SensorReading


def run(checker_class, probe, context, **options):
    return checker_class(context(probe, **options)).run()


def test_memory_uses_memavailable(fixture_probe, context):
    [result] = run(MemoryChecker, fixture_probe("healthy"), context)
    assert result.status is Status.OK
    assert result.metrics["used_percent"] == 25.0
    assert result.metrics["available_bytes"] == 6000000 * 1024
    assert result.message == "memory 25% used, 5.7 GiB available of 7.6 GiB"
    assert result.thresholds == {"warning": 85.0, "critical": 95.0}


def test_memory_critical_when_nearly_exhausted(fixture_probe, context):
    [result] = run(MemoryChecker, fixture_probe("stressed"), context)
    assert result.status is Status.CRITICAL
    assert result.metrics["used_percent"] == 97.0
    assert "top processes" in result.message


def test_memory_without_memtotal_is_unknown(fixture_probe, context):
    probe = fixture_probe("healthy")
    probe.path("/proc/meminfo").write_text("Garbage: 1\n")
    with pytest.raises(CheckerUnavailable, match="no MemTotal"):
        run(MemoryChecker, probe, context)


def test_swap_levels(fixture_probe, context):
    [healthy] = run(SwapChecker, fixture_probe("healthy"), context)
    [stressed] = run(SwapChecker, fixture_probe("stressed"), context)
    assert (healthy.status, healthy.metrics["used_percent"]) == (Status.OK, 5.0)
    assert (stressed.status, stressed.metrics["used_percent"]) == (Status.CRITICAL, 90.0)


def test_no_swap_is_ok(fixture_probe, context):
    probe = fixture_probe("healthy")
    probe.path("/proc/meminfo").write_text(
        "MemTotal: 100 kB\nMemAvailable: 50 kB\nSwapTotal: 0 kB\n"
    )
    [result] = run(SwapChecker, probe, context)
    assert (result.status, result.message) == (Status.OK, "no swap configured")


def test_load_is_graded_per_core(fixture_probe, context):
    [healthy] = run(LoadChecker, fixture_probe("healthy"), context)
    [stressed] = run(LoadChecker, fixture_probe("stressed"), context)
    assert healthy.metrics["cores"] == 4
    assert (healthy.status, healthy.metrics["load5_per_core"]) == (Status.OK, 0.2)
    assert (stressed.status, stressed.metrics["load5_per_core"]) == (Status.CRITICAL, 3.25)


def test_threshold_overrides_apply_in_order(fixture_probe, context, settings):
    settings.CHECKER_THRESHOLDS = {"load": {"warning": 0.1, "critical": 5}}
    settings.CHECKER_NODE_THRESHOLDS = {
        "test-node": {"load": {"critical": 0.15}},
        "other": {"load": {"critical": 9}},
    }
    [result] = run(LoadChecker, fixture_probe("healthy"), context)
    assert result.thresholds == {"warning": 0.1, "critical": 0.15}
    assert result.status is Status.CRITICAL
    [from_options] = run(
        LoadChecker, fixture_probe("healthy"), context, thresholds={"load": {"critical": 1}}
    )
    assert from_options.thresholds == {"warning": 0.1, "critical": 1.0}
    assert from_options.status is Status.WARNING


def test_cpu_rate_between_two_samples(fixture_probe, context, settings):
    settings.CHECKER_SAMPLE_MS = 200
    # 1000 jiffies later: 900 busy (user+system), 50 idle, 50 iowait.
    after = "cpu  1600 0 800 8050 150 0 0 0 0 0\n"
    probe = fixture_probe("healthy", after_wait={"/proc/stat": after})
    [result] = run(CpuChecker, probe, context)
    assert result.metrics == {
        "busy_percent": 90.0,
        "iowait_percent": 5.0,
        "steal_percent": 0.0,
        "window_seconds": 0.2,
    }
    assert result.status is Status.WARNING


def test_cpu_is_not_critical_from_one_short_sample(fixture_probe, context, settings):
    settings.CHECKER_SAMPLE_MS = 200
    # 0.2 s at 100 % busy (a moment), then 1.8 s mostly idle: 20 % over 2 s.
    spike = "cpu  2000 0 500 8000 100 0 0 0 0 0\n"
    calm = "cpu  2600 0 700 13200 100 0 0 0 0 0\n"
    probe = fixture_probe("healthy", after_wait={"/proc/stat": spike},
                          after_later_waits=[{"/proc/stat": calm}])  # fmt: skip
    [result] = run(CpuChecker, probe, context)
    assert result.status is Status.OK
    assert result.metrics["window_seconds"] == 2.0
    assert probe.waits == 2


def test_cpu_stays_critical_when_the_longer_window_confirms_it(fixture_probe, context, settings):
    settings.CHECKER_SAMPLE_MS = 200
    spike = "cpu  2000 0 500 8000 100 0 0 0 0 0\n"
    still = "cpu  10100 0 1200 8100 100 0 0 0 0 0\n"
    probe = fixture_probe("healthy", after_wait={"/proc/stat": spike},
                          after_later_waits=[{"/proc/stat": still}])  # fmt: skip
    [result] = run(CpuChecker, probe, context)
    assert result.status is Status.CRITICAL
    assert result.metrics["window_seconds"] == 2.0
    assert "over 2.0 s" in result.message


def test_cpu_reuses_a_recent_sample_without_waiting(fixture_probe, context):
    probe = fixture_probe(
        "healthy", after_wait={"/proc/stat": "cpu  1100 0 500 8800 100 0 0 0 0 0\n"}
    )
    run(CpuChecker, probe, context)
    waited_until = probe.clock
    probe.clock += 60
    probe.path("/proc/stat").write_text("cpu  1100 0 500 9800 100 0 0 0 0 0\n")
    [result] = run(CpuChecker, probe, context)
    assert probe.clock == waited_until + 60  # no second wait
    assert result.metrics["busy_percent"] == 0.0
    assert result.metrics["window_seconds"] == 60.0


def test_cpu_high_iowait_is_a_warning(fixture_probe, context):
    probe = fixture_probe(
        "healthy", after_wait={"/proc/stat": "cpu  1100 0 500 8600 400 0 0 0 0 0\n"}
    )
    [result] = run(CpuChecker, probe, context)
    assert result.status is Status.WARNING
    assert result.metrics["iowait_percent"] == 30.0
    assert "waiting on I/O" in result.message


def test_diskio_busy_share_of_whole_disks(fixture_probe, context, settings):
    settings.CHECKER_SAMPLE_MS = 1000
    after = (
        "   8       0 sda 1100 0 8000 500 2100 0 16000 900 0 1970 1400 0 0 0 0 0 0\n"
        "   8       1 sda1 1000 0 7000 400 1800 0 15000 800 0 1900 1200 0 0 0 0 0 0\n"
        "   8      16 sdb 1000 0 8000 500 2000 0 16000 900 0 1100 1400 0 0 0 0 0 0\n"
    )
    probe = fixture_probe("healthy", after_wait={"/proc/diskstats": after})
    [result] = run(DiskIOChecker, probe, context)
    assert result.status is Status.CRITICAL
    assert result.metrics["busiest"] == "sda"
    assert set(result.metrics["devices"]) == {"sda", "sdb"}  # no partitions, no loop devices
    assert result.metrics["devices"]["sda"] == {
        "busy_percent": 97.0,
        "reads_per_second": 100.0,
        "writes_per_second": 100.0,
    }
    assert result.metrics["devices"]["sdb"]["busy_percent"] == 10.0


def test_raid_healthy(fixture_probe, context):
    [result] = run(RaidChecker, fixture_probe("healthy"), context)
    assert (result.status, result.target) == (Status.OK, "/dev/md0")
    assert result.message == "/dev/md0 raid1 healthy [UU]"
    assert result.metrics["devices"] == ["sdb1", "sda1"]


def test_raid_degraded_rebuilding_and_inactive(fixture_probe, context):
    results = {r.target: r for r in run(RaidChecker, fixture_probe("stressed"), context)}
    assert results["/dev/md0"].status is Status.OK
    md1 = results["/dev/md1"]
    assert md1.status is Status.CRITICAL
    assert md1.metrics["failed_devices"] == ["sdc1"]
    assert (md1.metrics["action"], md1.metrics["progress_percent"]) == ("recovery", 8.5)
    assert (
        md1.message
        == "/dev/md1 raid5 degraded (1 of 3 missing, failed: sdc1, recovery 8.5%): replace the disk"
    )
    assert results["/dev/md2"].status is Status.WARNING
    assert "resync 52.3%" in results["/dev/md2"].message
    assert results["/dev/md3"].status is Status.CRITICAL
    assert "inactive" in results["/dev/md3"].message


def test_raid_without_mdstat_is_unknown(fixture_probe, context):
    probe = fixture_probe("healthy")
    probe.path("/proc/mdstat").unlink()
    with pytest.raises(CheckerUnavailable, match="no /proc/mdstat"):
        run(RaidChecker, probe, context)


def test_temperatures_from_sys(fixture_probe, context):
    results = {r.target: r for r in run(TemperatureChecker, fixture_probe("healthy"), context)}
    assert set(results) == {"cpu", "disk", "other"}
    assert results["cpu"].metrics == {
        "max_celsius": 55.0,
        "sensors": {"coretemp/Package id 0": 55.0, "coretemp/Core 0": 52.0},
    }
    assert results["disk"].metrics["max_celsius"] == 38.0
    assert results["other"].metrics["sensors"] == {"acpitz/thermal_zone0": 41.0}
    assert all(r.status is Status.OK for r in results.values())


def test_hot_cpu_and_disk(fixture_probe, context):
    results = {r.target: r for r in run(TemperatureChecker, fixture_probe("stressed"), context)}
    assert results["cpu"].status is Status.CRITICAL
    assert (
        results["cpu"].message
        == "cpu hottest 96°C (coretemp Package id 0): check cooling, fans and airflow"
    )
    assert results["disk"].status is Status.WARNING


def test_fake_sensor_table_replaces_sys(fixture_probe, context):
    probe = fixture_probe("healthy")
    probe.sensor_table = {"nvme": [SensorReading("nvme", "Composite", 71.0, 80.0, 85.0)]}
    [result] = run(TemperatureChecker, probe, context)
    assert (result.target, result.status, result.metrics["max_celsius"]) == (
        "disk",
        Status.CRITICAL,
        71.0,
    )


def test_no_sensors_is_unknown(fixture_probe, context):
    probe = fixture_probe("healthy")
    probe.sensor_table = {}
    with pytest.raises(CheckerUnavailable, match="no temperature sensors"):
        run(TemperatureChecker, probe, context)


def test_reboot_required_lists_packages(fixture_probe, context):
    [healthy] = run(RebootChecker, fixture_probe("healthy"), context)
    [stressed] = run(RebootChecker, fixture_probe("stressed"), context)
    assert healthy.status is Status.OK
    assert stressed.status is Status.WARNING
    assert stressed.metrics["packages"] == ["libc6", "linux-image-6.1.0-27-amd64"]
    assert (
        stressed.message
        == "reboot required for libc6, linux-image-6.1.0-27-amd64: schedule a reboot"
    )


def test_reboot_on_non_debian_is_unknown(fixture_probe, context):
    probe = fixture_probe("healthy")
    probe.path("/etc/debian_version").unlink()
    with pytest.raises(CheckerUnavailable, match="not a Debian"):
        run(RebootChecker, probe, context)


class SystemctlProbe:
    def __init__(self, base, stdout):
        self.base, self.stdout, self.calls = base, stdout, []

    def __getattr__(self, name):
        return getattr(self.base, name)

    def which(self, command):
        return "/usr/bin/systemctl"

    def run(self, args, timeout):
        self.calls.append(args)
        return CommandOutput(0, self.stdout, "")


def test_systemd_failed_units(fixture_probe, context):
    base = fixture_probe("healthy")
    base.path("/run/systemd/system").mkdir(parents=True)
    stdout = "nginx.service loaded failed failed A high performance web server\nbackup.timer loaded failed failed Backup\n"
    probe = SystemctlProbe(base, stdout)
    [result] = run(SystemdChecker, probe, context)
    assert probe.calls == [
        [
            "/usr/bin/systemctl",
            "list-units",
            "--state=failed",
            "--no-legend",
            "--plain",
            "--no-pager",
        ]
    ]
    assert result.status is Status.WARNING
    assert result.metrics == {"failed": 2, "units": ["nginx.service", "backup.timer"]}


def test_systemd_absent_is_unknown(fixture_probe, context):
    with pytest.raises(CheckerUnavailable, match="systemd is not running"):
        run(SystemdChecker, fixture_probe("healthy"), context)
