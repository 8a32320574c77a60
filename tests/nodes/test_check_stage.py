"""The CHECK stage against real endpoints on loopback: a node_exporter serving recorded
metrics, a Prometheus-API-compatible server, listening and closed ports."""

import json
import socket
from urllib.parse import parse_qs

import pytest

from tests.nodes.conftest import disk_alert
from tests.support.recording_server import RecordingServer, Reply
from vigil.intelligence.services import analyze_incident
from vigil.nodes.models import Node
from vigil.nodes.services import check_incident

pytestmark = pytest.mark.django_db


def results_of(answer) -> list[tuple]:
    return [(r["host"], r["via"], r["check"], r["target"], r["status"]) for r in answer.results]


def test_a_node_exporter_instance_is_scraped_for_the_alerts_mount(exporter):
    answer = check_incident(disk_alert(f"127.0.0.2:{exporter.port}"), timeout=5)

    assert results_of(answer) == [
        ("127.0.0.2", "node_exporter", "disk", "/var", "critical"),
        ("127.0.0.2", "node_exporter", "inodes", "/var", "ok"),
    ]
    assert answer.results[0]["message"].startswith("127.0.0.2 /var 95% used")
    [request] = exporter.requests
    assert (request.method, request.path) == ("GET", "/metrics")
    [host] = answer.to_dict()["hosts"]
    assert (host["host"], host["via"], host["subject"]["mountpoint"]) == (
        "127.0.0.2",
        "node_exporter",
        "/var",
    )


def test_a_host_that_is_not_allowed_is_refused_with_a_line_and_not_contacted(exporter, settings):
    settings.NODES_ALLOWED_HOSTS = []
    answer = check_incident(disk_alert(f"127.0.0.2:{exporter.port}"), timeout=5)

    assert exporter.requests == []
    assert [r["message"] for r in answer.results] == [
        "127.0.0.2: node_exporter not scraped: 127.0.0.2 is not in NODES_ALLOWED_HOSTS; "
        "add it (or *.its-domain, or its network) to let Vigil scrape and probe it",
        "no data for 127.0.0.2: every way to look at it failed (see above)",
    ]


def test_a_public_host_not_in_the_allow_list_is_not_contacted_either(settings):
    # The guard would let a public address through; the nodes allow-list does not.
    settings.NODES_ALLOWED_HOSTS = ["10.0.0.0/8"]
    answer = check_incident(disk_alert("192.0.2.10:9100"), timeout=5)
    assert any("not in NODES_ALLOWED_HOSTS" in r["message"] or "refused" in r["message"]
               for r in answer.results)  # fmt: skip


def test_a_known_node_names_its_exporter_and_aliases(exporter, settings):
    settings.NODES_ALLOWED_HOSTS = []  # registered by the administrator: allowed
    Node.objects.create(
        name="web-7.example.com", aliases=["web-7"], origin=Node.Origin.ADMIN,
        node_exporter_url=f"{exporter.url}/metrics",
    )  # fmt: skip
    answer = check_incident(disk_alert("web-7:9100"), timeout=5)

    assert results_of(answer)[0] == ("web-7", "node_exporter", "disk", "/var", "critical")
    assert answer.to_dict()["hosts"][0]["node"] == "web-7.example.com"


def test_with_no_way_to_look_the_stage_says_so_and_does_not_describe_the_hub():
    snapshot = disk_alert("ignored")
    snapshot["alerts"][0]["labels"] = {"alertname": "HostDiskAlmostFull", "host": "web-7"}
    answer = check_incident(snapshot, timeout=5)

    assert results_of(answer) == [("web-7", "none", "host", "", "unknown")]
    assert answer.results[0]["message"] == (
        "no data for web-7: no agent, node_exporter or Prometheus configured for it"
    )


def test_an_alert_naming_no_host_checks_nothing():
    snapshot = {"id": 3, "source": "pagerduty", "alerts": [
        {"source": "pagerduty", "name": "A little bump in the road", "labels": {"service": "API"}}
    ]}  # fmt: skip
    [result] = check_incident(snapshot, timeout=5).results
    assert result["status"] == "unknown"
    assert result["message"].startswith("no host named in the alerts")
    assert "NODES_HOST_FIELDS for pagerduty" in result["message"]


def test_the_hub_itself_is_checked_with_its_own_checkers():
    answer = check_incident(disk_alert("localhost:9100", mountpoint="/"), timeout=5)
    assert {r["via"] for r in answer.results} == {"hub"}
    assert {r["check"] for r in answer.results} >= {"disk", "inodes"}


@pytest.fixture
def prometheus(settings):
    server = RecordingServer().start()
    vector = [
        {"metric": {"__name__": name, "instance": "web-7:9100", "mountpoint": "/var",
                    "fstype": "ext4", "device": "/dev/vdb"}, "value": [1795430000.1, value]}
        for name, value in (("node_filesystem_size_bytes", "21474836480"),
                            ("node_filesystem_free_bytes", "2147483648"),
                            ("node_filesystem_avail_bytes", "1073741824"))
    ]  # fmt: skip
    server.default = Reply(
        body={"status": "success", "data": {"resultType": "vector", "result": vector}}
    )
    settings.NODES_PROMETHEUS_URL = server.url
    settings.NODES_ALLOWED_HOSTS = ["127.0.0.1"]
    yield server
    server.stop()


def test_prometheus_is_asked_for_the_alerts_instance(prometheus):
    answer = check_incident(disk_alert("web-7:9100"), timeout=5)

    assert ("web-7", "prometheus", "disk", "/var", "critical") in results_of(answer)
    [request] = prometheus.requests
    assert (request.method, request.path) == ("POST", "/api/v1/query")
    [query] = parse_qs(request.body.decode())["query"]
    assert query.startswith('{__name__=~"node_filesystem_avail_bytes|')
    assert query.endswith('",instance="web-7:9100"}')


def test_prometheus_is_derived_from_an_allowed_generator_url(prometheus, settings):
    settings.NODES_PROMETHEUS_URL = ""
    snapshot = disk_alert("web-7:9100")
    snapshot["alerts"][0]["annotations"]["generator_url"] = f"{prometheus.url}/graph?g0.expr=x"
    settings.NODES_ALLOWED_HOSTS = []
    assert via(check_incident(snapshot, timeout=5)) == "none"  # not allowed
    assert prometheus.requests == []

    settings.NODES_ALLOWED_HOSTS = ["127.0.0.1"]
    assert via(check_incident(snapshot, timeout=5)) == "prometheus"


def via(answer) -> str:
    [host] = answer.to_dict()["hosts"]
    return host["via"]


def test_a_prometheus_error_is_a_line_not_a_crash(prometheus):
    prometheus.default = Reply(status=503, body="overloaded")
    answer = check_incident(disk_alert("web-7:9100"), timeout=5)
    messages = [r["message"] for r in answer.results]
    # 127.0.0.1 is allowed as a network: a name must be resolved to be judged.
    assert messages[0] == (
        "web-7: node_exporter not scraped: refused URL 'web-7:9100': cannot resolve 'web-7' (gaierror)"
    )
    assert messages[1:] == [
        "web-7: Prometheus answered HTTP 503",
        "no data for web-7: every way to look at it failed (see above)",
    ]


@pytest.fixture
def listening():
    with socket.socket() as server:
        server.bind(("127.0.0.2", 0))
        server.listen()
        yield server.getsockname()[1]


def test_a_reachability_alert_probes_the_alerts_port(listening, settings):
    settings.NODES_ALLOWED_HOSTS = ["127.0.0.0/8"]
    with socket.socket() as closed:
        closed.bind(("127.0.0.2", 0))
        closed_port = closed.getsockname()[1]
    snapshot = {"id": 4, "source": "alertmanager", "alerts": [
        {"source": "alertmanager", "name": "TargetDown", "labels": {"alertname": "TargetDown", "instance": f"127.0.0.2:{port}"}}
        for port in (listening, closed_port)
    ]}  # fmt: skip
    settings.NODES_MAX_HOSTS = 5
    answer = check_incident(snapshot, timeout=5)
    [up] = [r for r in answer.results if r["target"] == f"127.0.0.2:{listening}"]
    assert (up["via"], up["check"], up["status"]) == ("probe", "network", "ok")
    assert up["message"].startswith(f"127.0.0.2:{listening} reachable in ")


def test_a_blackbox_url_is_fetched_with_its_status_and_time(settings):
    server = RecordingServer(host="127.0.0.2").start()
    server.default = Reply(status=502, body="bad gateway")
    settings.NODES_ALLOWED_HOSTS = ["127.0.0.2"]
    try:
        snapshot = {"id": 5, "source": "alertmanager", "alerts": [{"source": "alertmanager",
            "name": "ProbeFailed", "labels": {"alertname": "BlackboxProbeFailed", "instance": f"{server.url}/health"}}]}  # fmt: skip
        [result] = [r for r in check_incident(snapshot, timeout=5).results if r["check"] == "http"]
    finally:
        server.stop()
    assert result["status"] == "critical"
    assert result["metrics"]["status_code"] == 502
    assert result["message"].startswith(f"{server.url}/health answered HTTP 502 in ")
    assert json.dumps(result)  # plain data for the run's output


def test_disk_and_inodes_failing_on_one_mount_give_one_recommendation(exporter):
    snapshot = disk_alert(f"127.0.0.2:{exporter.port}", mountpoint="/srv")
    answer = check_incident(snapshot, timeout=5)
    assert [(r["check"], r["status"]) for r in answer.results] == [
        ("disk", "unknown"), ("inodes", "unknown"),
    ]  # fmt: skip
    titles = [r["title"] for r in analyze_incident(snapshot, answer.results).recommendations]
    assert titles.count("Find what fills /srv on 127.0.0.2") == 1
