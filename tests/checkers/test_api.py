"""The read-only runs listing and running the suite over the API."""

import pytest

from vigil.checkers import services
from vigil.checkers.checkers.base import CheckOptions
from vigil.checkers.models import CheckRun

pytestmark = pytest.mark.django_db


def test_needs_an_api_key(client):
    assert client.get("/api/checkers/runs/").status_code == 401


def test_lists_recent_runs_newest_first(client, auth_headers, fixture_probe):
    options = CheckOptions(probe=fixture_probe("stressed"), node="web-1")
    services.run_checks(["memory"], options=options)
    services.run_checks(["swap", "load"], options=options)
    response = client.get("/api/checkers/runs/?limit=2", **auth_headers)
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["limit"], body["offset"]) == (3, 2, 0)
    rows = body["items"]
    assert [row["checker"] for row in rows] == ["load", "swap"]
    assert rows[0]["status"] == "critical" and rows[0]["node"] == "web-1"
    assert rows[0]["batch"] == rows[1]["batch"]
    only_memory = client.get(
        "/api/checkers/runs/?checker=memory&status=critical", **auth_headers
    ).json()["items"]
    assert [row["checker"] for row in only_memory] == ["memory"]
    latest = client.get("/api/checkers/latest/", **auth_headers).json()["items"]
    assert sorted(row["checker"] for row in latest) == ["load", "memory", "swap"]


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("checker=dsk", "unknown checker 'dsk'; valid: cpu, load"),
        ("status=bad", "unknown status 'bad'; valid: ok, warning, critical, unknown"),
        ("limit=0", "limit must be between 1 and 1000"),
    ],
)
def test_bad_filters_are_400(client, auth_headers, query, error):
    response = client.get(f"/api/checkers/runs/?{query}", **auth_headers)
    assert response.status_code == 400
    assert response.json()["error"].startswith(error)


def test_checker_list(client, auth_headers):
    listed = client.get("/api/checkers/", **auth_headers).json()["items"]
    rows = {row["slug"]: row for row in listed}
    assert rows["disk"]["thresholds"] == {"warning": 80.0, "critical": 90.0}
    assert rows["disk"]["in_default_suite"] is True
    assert rows["large_dirs"]["in_default_suite"] is False


def test_run_named_checkers_and_store_them(client, auth_headers):
    response = client.post(
        "/api/checkers/run/",
        {"checks": ["memory", "swap"]},
        content_type="application/json",
        **auth_headers,
    )
    assert response.status_code == 200
    assert [row["check"] for row in response.json()] == ["memory", "swap"]
    assert list(CheckRun.objects.values_list("checker", "source").order_by("id")) == [
        ("memory", "api"),
        ("swap", "api"),
    ]


def test_run_refuses_unknown_names_and_stores_nothing(client, auth_headers):
    response = client.post(
        "/api/checkers/run/",
        {"checks": ["memory", "rm -rf"]},
        content_type="application/json",
        **auth_headers,
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "unknown checker 'rm -rf'; valid: cpu, load, memory, swap, disk, inodes, diskio, network, ports, processes, systemd, reboot, raid, temperature, tls, freshness, large_dirs, top_processes"
    }
    assert not CheckRun.objects.exists()


def test_run_ignores_caller_supplied_targets(client, auth_headers, settings):
    settings.CHECKER_DISK_PATHS = ["/"]
    response = client.post(
        "/api/checkers/run/", {"checks": ["disk"], "disk_paths": ["/etc"], "save": False},
        content_type="application/json", **auth_headers,
    )  # fmt: skip
    assert response.status_code == 200
    assert [row["target"] for row in response.json()] == ["/"]
    assert not CheckRun.objects.exists()
