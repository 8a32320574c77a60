"""run_checks and the CHECK stage: selection, concurrency, timeouts, failures, storage."""

import threading
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from vigil.checkers import services
from vigil.checkers.checkers import CHECKERS
from vigil.checkers.checkers.base import Checker, CheckOptions, Status
from vigil.checkers.models import CheckRun
from vigil.checkers.probe import Mount, Probe


class SlowChecker(Checker):
    slug = "slow"
    summary = "sleeps"

    def run(self):
        time.sleep(0.5)
        return [self.result(Status.OK, "finally")]


class BrokenChecker(Checker):
    slug = "broken"
    summary = "raises"

    def run(self):
        raise ZeroDivisionError("division by zero")


@pytest.fixture
def extra_checkers(monkeypatch):
    # The registry is a plain dict: adding an entry is how a new checker joins.
    monkeypatch.setitem(CHECKERS, "slow", SlowChecker)
    monkeypatch.setitem(CHECKERS, "broken", BrokenChecker)


def test_unknown_name_lists_valid_ones():
    with pytest.raises(
        services.CheckError, match=r"unknown checker 'dsik'; valid: cpu, load, memory"
    ):
        services.run_checks(["dsik"], save=False)


def test_timeout_and_exception_become_unknown(extra_checkers, fixture_probe):
    started = time.perf_counter()
    results = services.run_checks(
        ["slow", "broken", "memory"],
        options=CheckOptions(probe=fixture_probe("healthy")),
        save=False,
        timeout=0.1,
    )
    elapsed = time.perf_counter() - started
    assert elapsed < 0.45  # did not wait for the 0.5 s checker
    by_check = {result.check: result for result in results}
    assert by_check["slow"].status is Status.UNKNOWN
    assert by_check["slow"].message == "did not finish within 0.1 s: the machine may be overloaded"
    assert by_check["broken"].status is Status.UNKNOWN
    assert by_check["broken"].message == "checker failed: ZeroDivisionError: division by zero"
    assert by_check["memory"].status is Status.OK


def test_a_stuck_checker_does_not_hold_the_process(monkeypatch):
    release = threading.Event()

    class StuckChecker(Checker):
        slug = "stuck"
        summary = "blocks like statvfs on a dead NFS mount"

        def run(self):
            release.wait(10)
            return []

    monkeypatch.setitem(CHECKERS, "stuck", StuckChecker)
    [result] = services.run_checks(["stuck"], save=False, timeout=0.05)
    assert result.status is Status.UNKNOWN
    [thread] = [t for t in threading.enumerate() if t.name == "vigil-check-stuck"]
    assert thread.daemon  # abandoned at exit instead of joined
    release.set()


def test_exception_text_is_redacted(monkeypatch):
    class LeakyChecker(Checker):
        slug = "leaky"
        summary = "raises with a secret in the message"

        def run(self):
            raise RuntimeError("login failed for postgres://app:s3cr3t@db/app password=hunter2")

    monkeypatch.setitem(CHECKERS, "leaky", LeakyChecker)
    [result] = services.run_checks(["leaky"], save=False)
    assert result.status is Status.UNKNOWN
    assert result.message.startswith("checker failed: RuntimeError: login failed for")
    assert "s3cr3t" not in result.message and "hunter2" not in result.message


def test_checkers_run_concurrently_in_the_order_asked(extra_checkers, monkeypatch):
    monkeypatch.setitem(CHECKERS, "slow2", type("Slow2", (SlowChecker,), {"slug": "slow2"}))
    started = time.perf_counter()
    results = services.run_checks(["slow", "load", "slow2", "slow"], save=False, timeout=3)
    assert time.perf_counter() - started < 0.95  # two 0.5 s checkers side by side, not 1 s
    assert [result.check for result in results] == ["slow", "load", "slow2"]
    assert (results[0].message, results[2].message) == ("finally", "finally")


def test_bad_threshold_is_an_unknown_result(settings):
    settings.CHECKER_THRESHOLDS = {"memory": {"warnng": 50}}
    [result] = services.run_checks(["memory"], save=False)
    assert result.status is Status.UNKNOWN
    assert (
        result.message
        == "cannot run: unknown threshold 'warnng' for memory; valid: warning, critical"
    )


def test_malformed_threshold_settings_are_an_unknown_result(settings):
    settings.CHECKER_THRESHOLDS = {"memory": [90]}
    [result] = services.run_checks(["memory"], save=False)
    assert (result.status, result.message) == (
        Status.UNKNOWN,
        "cannot run: CHECKER_THRESHOLDS['memory'] must be a JSON object of limits",
    )


def test_options_as_plain_data(tmp_path):
    [result] = services.run_checks(
        ["disk"], options={"disk_paths": [str(tmp_path)], "node": "n1"}, save=False
    )
    assert result.target == str(tmp_path)
    with pytest.raises(
        services.CheckError, match="unknown check option 'paths'; valid: disk_paths"
    ):
        services.run_checks(["disk"], options={"paths": ["/"]}, save=False)


def test_nothing_configured_says_what_to_configure():
    [result] = services.run_checks(["processes"], save=False)
    assert result.status is Status.UNKNOWN
    assert (
        result.message == "nothing to check: configure CHECKER_PROCESSES or the command's options"
    )


def test_default_suite_includes_configured_checkers(settings):
    settings.CHECKER_HOSTS = []
    assert "network" not in services.default_suite()
    settings.CHECKER_HOSTS = ["127.0.0.1:1"]
    suite = services.default_suite()
    assert "network" in suite and "cpu" in suite
    assert "large_dirs" not in suite and "top_processes" not in suite
    settings.CHECKER_DEFAULT_SUITE = ["memory", "disk"]
    assert services.default_suite() == ["memory", "disk"]


def test_default_suite_leaves_out_what_the_machine_lacks(fixture_probe, tmp_path, context):
    healthy = services.default_suite(context(fixture_probe("healthy")))
    assert {"raid", "reboot", "temperature"} <= set(healthy)
    assert "systemd" not in healthy  # no /run/systemd/system in the fixture
    bare = services.default_suite(context(Probe(root=tmp_path)))
    assert bare == ["cpu", "load", "memory", "swap", "disk", "inodes", "diskio"]
    # Named explicitly, an absent capability is reported, not skipped.
    [raid] = services.run_checks(
        ["raid"], options=CheckOptions(probe=Probe(root=tmp_path)), save=False
    )
    assert raid.status is Status.UNKNOWN


@pytest.mark.django_db
def test_results_are_saved_as_one_batch(fixture_probe):
    options = CheckOptions(probe=fixture_probe("healthy"), node="web-1")
    results = services.run_checks(["memory", "swap", "raid"], options=options)
    rows = list(CheckRun.objects.order_by("id"))
    assert [(row.checker, row.status, row.node, row.source) for row in rows] == [
        ("memory", "ok", "web-1", "cli"),
        ("swap", "ok", "web-1", "cli"),
        ("raid", "ok", "web-1", "cli"),
    ]
    assert len({row.batch for row in rows}) == 1
    assert rows[0].metrics == results[0].metrics
    assert rows[2].target == "/dev/md0"


@pytest.mark.django_db
def test_saving_purges_rows_past_retention(fixture_probe, settings):
    options = CheckOptions(probe=fixture_probe("healthy"))
    services.run_checks(["memory"], options=options)
    CheckRun.objects.update(created_at=timezone.now() - timedelta(days=31))
    services.run_checks(["swap"], options=options)
    assert list(CheckRun.objects.values_list("checker", flat=True)) == ["swap"]
    settings.CHECKER_RETENTION_DAYS = 0
    CheckRun.objects.update(created_at=timezone.now() - timedelta(days=400))
    services.run_checks(["load"], options=options)
    assert CheckRun.objects.count() == 2


@pytest.mark.django_db
def test_no_save_stores_nothing():
    services.run_checks(["load"], save=False)
    assert not CheckRun.objects.exists()


def incident(*alerts):
    return {"id": 7, "title": "x", "labels": {}, "alerts": list(alerts)}


@pytest.mark.parametrize(
    ("alert", "expected"),
    [
        ({"name": "NodeFilesystemSpaceFillingUp", "labels": {}}, ["disk", "inodes", "large_dirs"]),
        ({"name": "HighMemoryUsage", "labels": {}}, ["memory", "swap", "top_processes"]),
        (
            {"name": "x", "labels": {"alertname": "node_load5_high"}},
            ["cpu", "load", "top_processes"],
        ),
        ({"name": "SSLCertExpiringSoon", "labels": {}}, ["tls"]),
        ({"name": "DownloadQueueFull", "labels": {}}, None),  # "load" is not a prefix of "download"
    ],
)
def test_choose_for_incident(alert, expected):
    chosen = services.choose_for_incident(incident(alert))
    assert chosen == (expected or services.default_suite())


def test_two_alerts_merge_their_checkers():
    chosen = services.choose_for_incident(
        incident({"name": "DiskFull", "labels": {}}, {"name": "OOMKill", "labels": {}})
    )
    assert chosen == ["disk", "inodes", "large_dirs", "memory", "swap", "top_processes"]


class MountedProbe:
    def __init__(self, base, mounts):
        self.base, self._mounts = base, mounts

    def __getattr__(self, name):
        return getattr(self.base, name)

    def mounts(self):
        return self._mounts


def test_check_incident_uses_a_mounted_mountpoint_label(fixture_probe, tmp_path):
    probe = MountedProbe(fixture_probe("healthy"), [Mount("/dev/sda1", str(tmp_path), "ext4")])
    snapshot = incident({"name": "DiskAlmostFull", "labels": {"mountpoint": str(tmp_path)}})
    results = services.check_incident(snapshot, timeout=5, probe=probe).results
    assert {(r.check, r.target) for r in results} == {
        ("disk", str(tmp_path)), ("inodes", str(tmp_path)), ("large_dirs", str(tmp_path)),
    }  # fmt: skip
    assert all(r.status is Status.OK for r in results)


def test_check_incident_ignores_a_path_label_that_is_not_mounted(fixture_probe):
    probe = MountedProbe(fixture_probe("healthy"), [Mount("/dev/sda1", "/", "ext4")])
    options = services.options_for_incident(
        incident(
            {"name": "DiskFull", "labels": {"mountpoint": "/etc/shadow", "path": "../../root"}}
        ),
        probe=probe,
    )
    assert options.disk_paths is None
    assert options.large_dirs_paths is None


@pytest.mark.django_db
def test_check_incident_does_not_store_rows(fixture_probe):
    results = services.check_incident(
        incident({"name": "SwapUsageHigh", "labels": {}}), probe=fixture_probe("healthy")
    ).results
    assert [r.check for r in results] == ["memory", "swap", "top_processes"]
    assert all(isinstance(r.to_dict()["status"], str) for r in results)
    assert not CheckRun.objects.exists()


def _backup_alert():
    return incident({"name": "BackupStale", "labels": {}})


def _freshness(answer) -> str:
    [result] = [r for r in answer.results if r.check == "freshness"]
    return str(result.status)


def test_a_burst_of_incidents_shares_one_check_of_this_machine(tmp_path, settings):
    backup = tmp_path / "backup.tar"
    settings.CHECKER_FRESHNESS = [f"{backup}=1h"]
    settings.CHECKER_REUSE_SECONDS = 60

    first = services.check_incident(_backup_alert(), timeout=5)
    backup.write_bytes(b"done")
    again = services.check_incident(_backup_alert(), timeout=5)

    # The second incident did not look again: the backup written since is not seen.
    assert _freshness(first) == _freshness(again) == "critical"
    assert first.measurement["reused"] is False
    assert again.measurement["reused"] is True
    assert again.measurement["what"] == "freshness"
    assert again.measurement["measured_at"] == first.measurement["measured_at"]
    assert again.to_dict()["measurement"]["age_seconds"] < 60


def test_after_the_reuse_time_the_machine_is_checked_again(tmp_path, settings):
    backup = tmp_path / "backup.tar"
    settings.CHECKER_FRESHNESS = [f"{backup}=1h"]
    settings.CHECKER_REUSE_SECONDS = 0.05

    services.check_incident(_backup_alert(), timeout=5)
    backup.write_bytes(b"done")
    time.sleep(0.06)
    later = services.check_incident(_backup_alert(), timeout=5)

    assert _freshness(later) == "ok"
    assert later.measurement["reused"] is False


def test_a_given_probe_is_never_shared(fixture_probe, settings):
    settings.CHECKER_REUSE_SECONDS = 60
    snapshot = incident({"name": "SwapUsageHigh", "labels": {}})

    services.check_incident(snapshot, probe=fixture_probe("healthy"))
    again = services.check_incident(snapshot, probe=fixture_probe("healthy"))

    assert again.measurement["reused"] is False
