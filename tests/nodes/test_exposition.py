"""Host results from node_exporter's metrics (the recorded release output)."""

from tests.nodes.conftest import NODE_EXPORTER_TEXT
from vigil.checkers.checkers.base import Status
from vigil.nodes.exposition import derive, from_vector, parse_exposition


def by_target(results):
    return {(r.check, r.target): r for r in results}


def test_the_disk_of_the_named_mount_is_graded_as_df_counts_it():
    samples = parse_exposition(NODE_EXPORTER_TEXT)
    [disk] = derive(samples, "web-7", ["disk"], mountpoint="/var")
    assert (disk.check, disk.target, disk.status) == ("disk", "/var", Status.CRITICAL)
    assert disk.metrics["used_percent"] == 94.7
    assert disk.message.startswith("web-7 /var 95% used, 1.0 GiB free of 20.0 GiB")
    assert disk.thresholds == {"warning": 80.0, "critical": 90.0}


def test_without_a_mountpoint_every_real_filesystem_is_judged_and_tmpfs_is_not():
    results = by_target(derive(parse_exposition(NODE_EXPORTER_TEXT), "web-7", ["disk", "inodes"]))
    assert set(results) == {("disk", "/"), ("disk", "/var"), ("inodes", "/"), ("inodes", "/var")}
    assert results[("disk", "/")].status is Status.OK
    assert results[("inodes", "/var")].metrics["free"] == 1180113


def test_a_mount_the_host_does_not_have_is_said():
    [disk] = derive(parse_exposition(NODE_EXPORTER_TEXT), "web-7", ["disk"], mountpoint="/srv")
    assert disk.status is Status.UNKNOWN
    assert disk.message == (
        "web-7 has no filesystem at /srv in node_exporter's metrics (mounted: /, /var)"
    )


def test_a_read_only_filesystem_is_critical():
    text = NODE_EXPORTER_TEXT.replace(
        'node_filesystem_readonly{device="/dev/vda",fstype="ext4",mountpoint="/"} 0',
        'node_filesystem_readonly{device="/dev/vda",fstype="ext4",mountpoint="/"} 1',
    )
    [disk] = derive(parse_exposition(text), "web-7", ["disk"], mountpoint="/")
    assert disk.status is Status.CRITICAL
    assert "mounted read-only" in disk.message


def test_memory_swap_and_load_use_the_checkers_limits(settings):
    settings.CHECKER_NODE_THRESHOLDS = {"web-7": {"load": {"warning": 1.0}}}
    results = by_target(
        derive(parse_exposition(NODE_EXPORTER_TEXT), "web-7", ["memory", "swap", "load"])
    )
    memory, swap, load = results[("memory", "")], results[("swap", "")], results[("load", "")]
    assert memory.status is Status.OK and memory.metrics["used_percent"] == 5.4
    assert swap.message == "web-7 has no swap"
    # 2.16 over 5 minutes on 2 CPUs: over web-7's own warning limit of 1.0 per core.
    assert (load.metrics["cpus"], load.metrics["per_core"]) == (2, 1.08)
    assert load.status is Status.WARNING and load.thresholds["warning"] == 1.0


def test_a_prometheus_vector_gives_the_same_results():
    vector = [
        {"metric": {"__name__": "node_filesystem_size_bytes", "mountpoint": "/var",
                    "fstype": "ext4", "instance": "web-7:9100"}, "value": [1, "21474836480"]},
        {"metric": {"__name__": "node_filesystem_free_bytes", "mountpoint": "/var",
                    "fstype": "ext4", "instance": "web-7:9100"}, "value": [1, "2147483648"]},
        {"metric": {"__name__": "node_filesystem_avail_bytes", "mountpoint": "/var",
                    "fstype": "ext4", "instance": "web-7:9100"}, "value": [1, "1073741824"]},
        {"metric": {"__name__": "node_load5"}, "value": [1, "not a number"]},
    ]  # fmt: skip
    [disk] = derive(from_vector(vector), "web-7", ["disk"], mountpoint="/var")
    scraped = derive(parse_exposition(NODE_EXPORTER_TEXT), "web-7", ["disk"], mountpoint="/var")
    assert disk.to_dict() == scraped[0].to_dict()
