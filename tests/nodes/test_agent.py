"""The agent's spool and its answers to the hub's refusals, against a real HTTP server."""

import json

import pytest

from tests.support.recording_server import Reply
from vigil.nodes.agent import Agent, Spool


@pytest.fixture
def agent(recording_server, tmp_path, settings):
    settings.CHECKER_DEFAULT_SUITE = ["memory"]
    return Agent(
        hub_url=recording_server.url, api_key="k3y", node="web-7",
        spool=Spool(tmp_path / "spool", limit=3), secret="s3cret", timeout=2,
    )  # fmt: skip


def test_a_run_is_spooled_then_sent_signed_and_removed(agent, recording_server):
    agent.collect()
    assert len(agent.spool.pending()) == 1
    assert agent.drain() == 1

    [request] = recording_server.requests
    assert (request.method, request.path) == ("POST", "/alerts/webhook/cluster/")
    assert request.headers["Authorization"] == "Bearer k3y"
    assert request.headers["X-Vigil-Signature"].startswith("t=")
    body = request.json()
    assert (body["node"], [r["check"] for r in body["results"]]) == ("web-7", ["memory"])
    assert agent.spool.pending() == []


@pytest.mark.parametrize("status", [401, 503])
def test_a_refused_key_or_a_down_hub_keeps_the_spool(agent, recording_server, status):
    recording_server.default = Reply(status=status, body={"error": "no"})
    agent.collect()
    agent.collect()
    assert agent.drain() == 0
    assert len(recording_server.requests) == 1  # stops at the first failure
    assert len(agent.spool.pending()) == 2


def test_a_payload_the_hub_rejects_for_good_is_dropped(agent, recording_server):
    recording_server.reply(Reply(status=422, body={"error": "invalid payload"}))
    agent.collect()
    agent.collect()
    assert agent.drain() == 1
    assert agent.spool.pending() == []


def test_the_spool_keeps_the_newest_up_to_its_limit(agent):
    for used in range(5):
        agent.spool.put({"vigil_cluster": 1, "node": "web-7", "results": [], "n": used})
    kept = [json.loads(path.read_text())["n"] for path in agent.spool.pending()]
    assert kept == [2, 3, 4]


def test_the_hubs_requests_are_read_and_a_down_hub_is_no_request(agent, recording_server):
    recording_server.reply(
        Reply(body={"node": "web-7", "run": True, "checks": ["disk"], "mountpoints": ["/var"]})
    )
    assert agent.requested()["checks"] == ["disk"]
    assert recording_server.requests[0].path == "/api/nodes/agent/requests/?node=web-7"
    recording_server.default = Reply(status=502, body="down")
    assert agent.requested() is None
