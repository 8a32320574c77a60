"""One API: every error in JSON (405 too), 422s in our words, one timestamp format."""

import json
import re

import pytest

from vigil.alerts.models import Incident

pytestmark = pytest.mark.django_db


def test_a_wrong_method_is_a_json_405_naming_the_allowed_ones(client, auth_headers):
    response = client.delete("/alerts/incidents/", **auth_headers)
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "error": "method DELETE not allowed on /alerts/incidents/",
        "detail": {"allowed": ["GET"]},
    }
    assert response["Allow"] == "GET"


def test_a_422_speaks_our_words_not_the_librarys(client, auth_headers):
    response = client.post(
        "/orchestration/pipeline/",
        data=json.dumps({"channels": ["a b"], "bogus": 1}),
        content_type="application/json",
        **auth_headers,
    )
    assert response.status_code == 422
    assert response.json() == {
        "error": "invalid request",
        "detail": [
            {"loc": ["body", "channels"], "msg": "channels channel name 'a b' is not valid"},
            {"loc": ["body", "bogus"], "msg": "bogus is not a field this route takes"},
        ],
    }


@pytest.mark.parametrize(
    ("query", "msg"),
    [
        ("status=x", "status[0] must be one of 'open', 'acknowledged', 'resolved' or 'closed'"),
        ("limit=0", "limit must be at least 1"),
        ("opened_after=yesterday", "opened_after must be a date and time in ISO 8601 "
         "(2026-01-31T12:00:00Z)"),
    ],
)  # fmt: skip
def test_query_errors_name_the_parameter(client, auth_headers, query, msg):
    response = client.get(f"/alerts/incidents/?{query}", **auth_headers)
    assert response.status_code == 422
    assert [d["msg"] for d in response.json()["detail"]] == [msg]
    assert "Input should" not in response.content.decode()
    assert "Value error" not in response.content.decode()


def test_a_body_that_is_not_json_is_a_clear_400(client, auth_headers):
    response = client.post(
        "/orchestration/pipeline/", data="{bad", content_type="application/json", **auth_headers
    )
    assert response.status_code == 400
    assert response.json() == {"error": "the request body is not valid JSON"}


ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$")


def test_timestamps_have_one_format_across_apps(client, auth_headers, make_user):
    incident = Incident.objects.create(title="t", source="generic", group_key="g")
    client.post(
        "/orchestration/pipeline/",
        data=json.dumps({"incident_id": incident.pk}),
        content_type="application/json",
        **auth_headers,
    )
    run = client.get("/orchestration/pipelines/", **auth_headers).json()["items"][0]
    listed = client.get("/alerts/incidents/", **auth_headers).json()["items"][0]
    for value in (run["created_at"], listed["opened_at"], listed["updated_at"]):
        assert ISO_Z.match(value), value
