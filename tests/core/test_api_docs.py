"""/api/docs works for a signed-in console user: the page is open, the schema is not."""

import pytest
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_docs_page_needs_no_key_and_holds_no_data(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-schema-url="/api/openapi.json"' in page
    assert 'data-refresh-url="/auth/token/refresh/"' in page
    assert "<script>" not in page  # no inline script: a strict CSP can hold
    assert response["Cache-Control"] == "no-store"


def test_a_signed_in_browser_reads_the_schema_as_the_docs_page_does(make_user):
    make_user("ada", "viewer")
    browser = Client()
    browser.post("/auth/token/", {"username": "ada", "password": PASSWORD},
                 content_type="application/json")  # fmt: skip
    assert browser.get("/api/openapi.json").status_code == 401  # the cookie alone is not enough
    # What api-docs.js does: same-origin refresh, then the schema with the access token.
    token = browser.post("/auth/token/refresh/", HTTP_SEC_FETCH_SITE="same-origin").json()
    schema = browser.get("/api/openapi.json", HTTP_AUTHORIZATION=f"Bearer {token['access']}")
    assert schema.status_code == 200
    assert "/alerts/incidents/" in schema.json()["paths"]


def test_the_schema_documents_bearer_auth_and_typed_models(client, auth_headers):
    schema = client.get("/api/openapi.json", **auth_headers).json()
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["RoleAccess"].items()
    listing = schema["paths"]["/alerts/incidents/"]["get"]["responses"]["200"]
    assert listing["content"]["application/json"]["schema"]["$ref"].endswith("IncidentPageOut")
    assert schema["paths"]["/auth/token/"]["post"].get("security") in (None, [])
