"""The console's typed client against the server's OpenAPI schema.

frontend/src/api/openapi.json is the schema the client's types were generated from
(`cd frontend && npm run schema`). These tests fail when a route the console calls is
gone, or when a schema the console's types name has changed since: regenerate, then let
`npm run build` (vue-tsc) show which page reads a field that moved.
"""

import json
import re
from pathlib import Path

import pytest

from vigil.api import api

API_DIR = Path(__file__).resolve().parents[2] / "frontend" / "src" / "api"
CALL = re.compile(
    r"\b(get|post|patch|put|remove|call)<?[^(]*\(\s*(?:'(GET|POST|PATCH|PUT|DELETE)',\s*)?"
    r"[`'](/[^`']*)[`']"
)
METHODS = {"get": "get", "post": "post", "patch": "patch", "put": "put", "remove": "delete"}


def _live() -> dict:
    return api.get_openapi_schema()


def console_routes() -> list[tuple[str, str]]:
    source = (API_DIR / "endpoints.ts").read_text()
    routes = []
    for helper, method, path in CALL.findall(source):
        verb = (method or METHODS[helper]).lower()
        routes.append((verb, re.sub(r"\$\{[^}]+\}", "{}", path)))
    return routes


def _template(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)


def test_the_client_names_its_routes():
    assert len(console_routes()) > 30


@pytest.mark.parametrize(("method", "path"), console_routes())
def test_every_route_the_console_calls_is_in_the_schema(method, path):
    offered = {
        (verb, _template(route))
        for route, operations in _live()["paths"].items()
        for verb in operations
    }

    assert (method, path) in offered, f"{method.upper()} {path} is not in the API's schema"


def test_the_schemas_the_console_reads_match_the_server():
    snapshot = json.loads((API_DIR / "openapi.json").read_text())["components"]["schemas"]
    live = json.loads(json.dumps(_live()["components"]["schemas"], default=str))
    named = set(re.findall(r"Schemas\['(\w+)'\]", (API_DIR / "types.ts").read_text()))
    assert named

    stale = sorted(name for name in named if snapshot.get(name) != live.get(name))

    assert not stale, f"run `cd frontend && npm run schema`: changed since generated: {stale}"
