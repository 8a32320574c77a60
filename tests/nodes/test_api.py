"""/api/nodes/: the known hosts with their latest results, behind the API key."""

import pytest

from vigil.checkers import hub
from vigil.checkers.checkers.base import CheckResult, Status
from vigil.nodes.models import Node

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(client, auth_headers):
    body = hub.build_payload(
        [CheckResult("disk", Status.WARNING, "/ 85% used", "/", {"used_percent": 85.0})],
        node="web-7",
    )
    client.post(
        "/alerts/webhook/cluster/", data=hub.encode(body), content_type="application/json",
        **auth_headers,
    )  # fmt: skip


def test_the_list_shows_each_node_with_its_latest_status(client, auth_headers, reported):
    Node.objects.create(name="db-1", addresses=["10.0.0.5"], origin="admin")
    page = client.get("/api/nodes/", **auth_headers).json()
    assert (page["count"], page["limit"], page["offset"]) == (2, 100, 0)
    assert [(n["name"], n["origin"], n["status"]) for n in page["items"]] == [
        ("db-1", "admin", None),
        ("web-7", "agent", "warning"),
    ]


def test_the_detail_has_the_latest_results(client, auth_headers, reported):
    node = client.get("/api/nodes/web-7/", **auth_headers).json()
    assert node["latest"]["status"] == "warning"
    assert node["latest"]["results"][0]["message"] == "/ 85% used"


def test_a_node_is_found_by_an_alias(client, auth_headers):
    Node.objects.create(name="web-7.example.com", aliases=["web-7"])
    assert client.get("/api/nodes/web-7/", **auth_headers).json()["name"] == "web-7.example.com"


def test_an_unknown_node_is_a_json_404(client, auth_headers):
    answer = client.get("/api/nodes/web-8/", **auth_headers)
    assert answer.status_code == 404
    assert answer.json() == {"error": "no node named 'web-8'; GET /api/nodes/ lists them"}


def test_without_a_key_the_api_refuses(client):
    assert client.get("/api/nodes/").status_code == 401
    assert client.get("/api/nodes/agent/requests/?node=web-7").status_code == 401


def test_the_agents_poll_needs_a_node(client, auth_headers):
    answer = client.get("/api/nodes/agent/requests/?node=%20", **auth_headers)
    assert answer.status_code == 400
    assert answer.json()["error"] == "node must name the agent's node (1-255 characters)"
    missing = client.get("/api/nodes/agent/requests/", **auth_headers)
    assert missing.status_code == 422 and missing.json()["error"] == "invalid request"


def test_the_schema_documents_the_routes(client, auth_headers):
    paths = client.get("/api/openapi.json", **auth_headers).json()["paths"]
    assert {"/api/nodes/", "/api/nodes/{name}/", "/api/nodes/agent/requests/"} <= set(paths)


def test_nodes_file_entries_are_registered(client, auth_headers, settings, tmp_path):
    path = tmp_path / "nodes.toml"
    path.write_text(
        '[[node]]\nname = "web-7"\naliases = ["web-7.example.com"]\n'
        'node_exporter_url = "http://10.0.0.7:9100/metrics"\n'
    )
    settings.NODES_FILE = str(path)
    [node] = client.get("/api/nodes/", **auth_headers).json()["items"]
    assert (node["name"], node["origin"], node["aliases"]) == (
        "web-7",
        "config",
        ["web-7.example.com"],
    )


def test_an_agent_reporting_under_an_alias_is_the_known_node(client, auth_headers):
    Node.objects.create(name="web-7.example.com", aliases=["web-7"], origin="config")
    body = hub.build_payload([CheckResult("memory", Status.OK, "memory 40% used")], node="web-7")
    client.post(
        "/alerts/webhook/cluster/", data=hub.encode(body), content_type="application/json",
        **auth_headers,
    )  # fmt: skip
    [node] = client.get("/api/nodes/", **auth_headers).json()["items"]
    assert (node["name"], node["origin"], node["status"]) == ("web-7.example.com", "config", "ok")
