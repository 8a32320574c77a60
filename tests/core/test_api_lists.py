"""Every list route answers one shape: `{count, limit, offset, items}`, or the incident
list's documented keyset form `{limit, next_cursor, items}` (docs/console.md)."""

import re

import pytest

from vigil.api import api

pytestmark = pytest.mark.django_db

SCHEMA = api.get_openapi_schema()
PAGED = [
    path
    for path, operations in SCHEMA["paths"].items()
    if "get" in operations
    and "{" not in path
    and {"limit", "cursor"} & {p["name"] for p in operations["get"].get("parameters", [])}
]


def test_the_paged_routes_are_found():
    assert {"/alerts/alerts/", "/notify/channels/", "/orchestration/pipelines/"} <= set(PAGED)


@pytest.mark.parametrize("path", PAGED)
def test_every_paged_route_answers_one_of_the_two_documented_shapes(path, client, auth_headers):
    parameters = {p["name"] for p in SCHEMA["paths"][path]["get"].get("parameters", [])}
    answer = client.get(path, {"limit": 1}, **auth_headers)
    assert answer.status_code == 200, answer.content[:300]
    body = answer.json()
    if "cursor" in parameters:
        assert set(body) >= {"limit", "next_cursor", "items"} and "offset" not in parameters
    elif "offset" in parameters:
        assert set(body) >= {"count", "limit", "offset", "items"}, sorted(body)
        assert body["limit"] == 1 and isinstance(body["items"], list)
    else:  # a sample, not a page: its limit caps how many it shows
        assert isinstance(body, dict), f"{path} answers a bare list"


@pytest.mark.parametrize(
    "path",
    [p for p, ops in SCHEMA["paths"].items() if "get" in ops and "{" not in p and p not in PAGED],
)
def test_no_route_answers_a_bare_list(path, client, auth_headers):
    answer = client.get(path, **auth_headers)
    if answer.status_code == 200:
        assert isinstance(answer.json(), dict), f"{path} answers a bare list"


METHODS = ("get", "post", "put", "patch", "delete")
ROUTES = sorted(SCHEMA["paths"])


@pytest.mark.parametrize("path", ROUTES)
def test_every_route_answers_a_method_it_lacks_with_a_json_405(path, client, auth_headers):
    missing = [m for m in METHODS if m not in SCHEMA["paths"][path]]
    if not missing:
        pytest.skip(f"{path} takes every method")
    url = re.sub(r"\{[^}]+\}", "1", path)
    answer = getattr(client, missing[0])(url, **auth_headers)
    assert answer.status_code in (404, 405), (url, answer.status_code)
    assert answer["Content-Type"] == "application/json", (url, answer.content[:200])
    assert "error" in answer.json()


def test_one_filter_name_per_concept():
    names = {
        parameter["name"]
        for operations in SCHEMA["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter.get("in") == "query"
    }
    assert not names & {"incident", "incidentId", "incident_pk", "run", "runId"}, names
