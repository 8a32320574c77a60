import uuid

import pytest

from vigil.orchestration.models import Lane, PipelineRun

pytestmark = pytest.mark.django_db


def _post(client, path, body, headers):
    return client.post(path, body, content_type="application/json", **headers)


def test_routes_need_an_api_key(client):
    assert client.get("/orchestration/pipelines/").status_code == 401
    assert (
        client.post("/orchestration/pipeline/", {}, content_type="application/json").status_code
        == 401
    )


def test_submit_queues_a_run_with_a_server_generated_id(client, auth_headers, make_incident):
    incident = make_incident()
    chosen = str(uuid.uuid4())
    response = _post(
        client,
        "/orchestration/pipeline/",
        {
            "incident_id": incident.pk,
            "trace_id": "abc-123",
            "labels": {"team": "db"},
        },
        auth_headers,
    )
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "pending" and body["trace_id"] == "abc-123"
    run = PipelineRun.objects.get(run_id=body["run_id"])
    assert run.origin == "api" and run.incident_id == incident.pk
    assert run.options == {"labels": {"team": "db"}}
    # A caller cannot choose the run id.
    response = _post(
        client,
        "/orchestration/pipeline/",
        {"incident_id": incident.pk, "run_id": chosen},
        auth_headers,
    )
    assert response.status_code == 422
    assert not PipelineRun.objects.filter(run_id=chosen).exists()


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"incident_id": 999999}, 404, "incident 999999 does not exist"),
        ({"incident_id": "1; drop table"}, 422, "invalid request"),
        ({"incident_id": 1, "channels": ["../../etc/passwd"]}, 422, "invalid request"),
        ({"incident_id": 1, "labels": {"a b": "x"}}, 422, "invalid request"),
        ({"incident_id": 1, "labels": {"k": {"nested": 1}}}, 422, "invalid request"),
        ({"incident_id": 1, "definition": "nope"}, 404, "unknown lane 'nope'"),
        ({"incident_id": 1, "provider": "evil"}, 404, "unknown intelligence provider 'evil'"),
        ({"incident_id": 1, "provider": "../x"}, 422, "invalid request"),
        ({"incident_id": 1, "payload": {"x": 1}}, 422, "invalid request"),
        ({}, 422, "invalid request"),
        ({"incident_id": 1, "run_id": "0" * 32}, 422, "invalid request"),
    ],
)
def test_bad_input_gets_a_4xx_and_changes_nothing(
    client, auth_headers, make_incident, body, status, error
):
    make_incident()  # pk 1 exists on a fresh database; body ids are taken as given
    if body.get("incident_id") == 1:
        body["incident_id"] = make_incident().pk
    response = _post(client, "/orchestration/pipeline/", body, auth_headers)
    assert response.status_code == status
    assert response.json()["error"].startswith(error)
    assert PipelineRun.objects.count() == 0


def test_untrusted_trace_id_is_replaced(client, auth_headers, make_incident):
    response = _post(
        client,
        "/orchestration/pipeline/",
        {"incident_id": make_incident().pk, "trace_id": "x\nINFO forged log line"},
        auth_headers,
    )
    assert response.status_code == 202
    trace_id = response.json()["trace_id"]
    assert "\n" not in trace_id and len(trace_id) == 32


def test_sync_runs_the_pipeline_and_returns_the_stages(
    client, auth_headers, make_incident, no_stages
):
    response = _post(
        client, "/orchestration/pipeline/sync/", {"incident_id": make_incident().pk}, auth_headers
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "skipped" and body["definition"] == "default"
    assert [(s["stage"], s["status"], s["reason"]) for s in body["stages"]] == [
        ("check", "skipped", "stage not installed"),
        ("analyze", "skipped", "stage not installed"),
        ("notify", "skipped", "stage not installed"),
    ]


def test_list_filters_and_paginates(client, auth_headers, make_run):
    runs = [make_run(trace_id=f"t{i}") for i in range(5)]
    make_run(status="failed", origin="manual")
    response = client.get(
        "/orchestration/pipelines/?status=pending&limit=2&offset=1", **auth_headers
    )
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 5 and body["limit"] == 2 and body["offset"] == 1
    assert [item["trace_id"] for item in body["items"]] == ["t3", "t2"]
    assert (
        client.get("/orchestration/pipelines/?origin=manual", **auth_headers).json()["count"] == 1
    )
    assert client.get("/orchestration/pipelines/?trace_id=t0", **auth_headers).json()["items"][0][
        "run_id"
    ] == str(runs[0].run_id)
    assert client.get("/orchestration/pipelines/?limit=1000", **auth_headers).status_code == 422
    assert client.get("/orchestration/pipelines/?status=bogus", **auth_headers).status_code == 422


def test_get_run_and_unknown_run(client, auth_headers, make_run):
    run = make_run()
    body = client.get(f"/orchestration/pipeline/{run.run_id}/", **auth_headers).json()
    assert body["run_id"] == str(run.run_id) and body["stages"] == []
    missing = client.get(f"/orchestration/pipeline/{uuid.uuid4()}/", **auth_headers)
    assert missing.status_code == 404 and missing.json()["error"].startswith("run ")
    assert client.get("/orchestration/pipeline/not-a-uuid/", **auth_headers).status_code in (
        404,
        422,
    )


def test_resume(client, auth_headers, make_run):
    failed = make_run(status="failed", attempts=1)
    response = client.post(f"/orchestration/pipeline/{failed.run_id}/resume/", **auth_headers)
    assert response.status_code == 202 and response.json()["status"] == "pending"
    done = make_run(status="notified")
    response = client.post(f"/orchestration/pipeline/{done.run_id}/resume/", **auth_headers)
    assert response.status_code == 409 and "already finished" in response.json()["error"]


def test_definitions_list_and_execute(client, auth_headers, make_incident):
    body = client.get("/orchestration/definitions/", **auth_headers).json()
    assert [lane["name"] for lane in body["items"]] == ["resolved", "default"]

    incident = make_incident()
    response = _post(
        client,
        "/orchestration/definitions/resolved/execute/",
        {"incident_id": incident.pk},
        auth_headers,
    )
    assert response.status_code == 202
    assert PipelineRun.objects.get(run_id=response.json()["run_id"]).definition_name == "resolved"

    Lane.objects.filter(name="resolved").update(active=False)
    response = _post(
        client,
        "/orchestration/definitions/resolved/execute/",
        {"incident_id": incident.pk},
        auth_headers,
    )
    assert response.status_code == 409
    response = _post(
        client,
        "/orchestration/definitions/nope/execute/",
        {"incident_id": incident.pk},
        auth_headers,
    )
    assert response.status_code == 404
    assert PipelineRun.objects.count() == 1
