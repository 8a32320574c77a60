"""Every registered checker, run for real on this machine, returns valid results."""

import json
import os
import socket

import pytest

from vigil.checkers import services
from vigil.checkers.checkers import CHECKERS
from vigil.checkers.checkers.base import CheckContext, CheckOptions, Status


@pytest.fixture
def listener():
    server = socket.create_server(("127.0.0.1", 0))
    yield server.getsockname()[1]
    server.close()


@pytest.fixture
def real_options(listener, tmp_path):
    (tmp_path / "backup.dump").write_text("data")
    return CheckOptions(
        hosts=[f"127.0.0.1:{listener}"],
        processes=[open(f"/proc/{os.getpid()}/comm").read().strip()],
        ports_allowed=[f"tcp/{listener}"],
        ports_loopback=True,
        tls_targets=[f"127.0.0.1:{listener}"],
        freshness=[f"{tmp_path}/backup.dump=1h"],
        large_dirs_paths=[str(tmp_path)],
        node="test-node",
        # The listener never speaks TLS: do not wait the default 3 s for a handshake.
        thresholds={"tls": {"timeout_seconds": 0.2}},
    )


@pytest.mark.parametrize("slug", list(CHECKERS))
def test_every_checker_returns_valid_results_here(slug, real_options, settings):
    settings.CHECKER_SAMPLE_MS = 50
    checker_class = CHECKERS[slug]
    assert checker_class.slug == slug
    results = services.run_one(slug, CheckContext(real_options))
    assert results, f"{slug} returned nothing"
    for result in results:
        assert result.check == slug
        assert isinstance(result.status, Status)
        assert result.message and "\n" not in result.message
        assert result.duration_ms >= 0
        if result.status is not Status.UNKNOWN:
            assert set(result.thresholds) == set(checker_class.defaults)
        data = json.loads(json.dumps(result.to_dict()))
        assert data["check"] == data["name"] == slug
        assert data["status"] in {"ok", "warning", "critical", "unknown"}


def test_real_runs_that_must_succeed_here(real_options, settings, listener):
    settings.CHECKER_SAMPLE_MS = 50
    names = [
        "cpu",
        "load",
        "memory",
        "swap",
        "disk",
        "inodes",
        "network",
        "processes",
        "ports",
        "freshness",
        "large_dirs",
        "top_processes",
    ]
    results = services.run_checks(names, options=real_options, save=False)
    by_check = {result.check: result for result in results}
    assert set(by_check) == set(names)
    # Nothing this machine can measure is unknown, and what we set up is healthy.
    assert all(result.status is not Status.UNKNOWN for result in results), [
        r.to_dict() for r in results if r.status is Status.UNKNOWN
    ]
    for name in ("network", "processes", "freshness"):
        assert by_check[name].status is Status.OK, by_check[name].message
    # Other services listen on this shared machine; ours is found, with its owner, and allowed.
    ours = [
        item for item in by_check["ports"].metrics["listening"] if f"127.0.0.1:{listener} " in item
    ]
    assert ours == [f"tcp/127.0.0.1:{listener} ({by_check['processes'].target}, pid {os.getpid()})"]
    assert not any(f":{listener} " in item for item in by_check["ports"].metrics["unexpected"])
    assert 0 <= by_check["cpu"].metrics["busy_percent"] <= 100
    assert by_check["disk"].metrics["total_bytes"] > 0
