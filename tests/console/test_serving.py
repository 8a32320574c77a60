"""The console at / and its routes (history mode), beside the server's own paths."""

import gzip
import re

import pytest

from vigil.console.assets import DIST_DIR

HTML = {"HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8"}


def _bundle_files() -> list[str]:
    page = (DIST_DIR / "index.html").read_text()
    return re.findall(r'(?:src|href)="(/assets/[^"]+)"', page)


@pytest.mark.parametrize("path", ["/", "/incidents", "/incidents/42", "/runs/abc/", "/nope"])
def test_console_routes_answer_the_page(client, path):
    response = client.get(path, **HTML)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b'<div id="app">' in response.content
    assert response["Cache-Control"] == "no-cache"


def test_page_carries_a_fresh_nonce_and_a_strict_policy(client):
    first = client.get("/", **HTML)
    second = client.get("/", **HTML)

    policy = first["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert f'<meta name="csp-nonce" content="{nonce}">' in first.content.decode()
    assert nonce not in second["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self';" in policy
    assert first["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "path",
    ["/alerts/nope/", "/api/nope", "/orchestration/", "/admin-nope/x", "/static/nope.css"],
)
def test_server_paths_keep_their_json_404(client, path):
    response = client.get(path, **HTML)

    if path.startswith("/admin-nope"):  # not a server prefix: a console route
        assert response.status_code == 200
        return
    assert response.status_code in (401, 404)
    assert response["Content-Type"] == "application/json"


def test_server_answers_are_untouched(client, db):
    assert client.get("/admin/", **HTML).status_code == 302
    assert client.get("/healthz", **HTML).json() == {"status": "ok"}
    assert client.get("/alerts/webhook/", **HTML)["Content-Type"] == "application/json"


def test_a_missing_asset_is_a_404_not_the_page(client):
    response = client.get("/assets/index-nothere.js", **HTML)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_a_client_that_does_not_ask_for_html_gets_json(client):
    response = client.get("/incidnets", HTTP_ACCEPT="*/*")

    assert response.status_code == 404
    assert response.json() == {"error": "not found", "detail": {"path": "/incidnets"}}


def test_the_home_page_answers_any_client(client):
    response = client.get("/", HTTP_ACCEPT="*/*")

    assert response.status_code == 200
    assert "Content-Security-Policy" in response


def test_a_post_to_a_console_route_is_a_json_404(client):
    response = client.post("/incidents", {}, **HTML)

    assert response.status_code == 404
    assert response.json()["error"] == "not found"


def test_hashed_assets_are_cached_for_good(client):
    files = _bundle_files()
    assert files, "index.html names no asset"

    for url in files:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "immutable" in response["Cache-Control"]
        assert "max-age=315360000" in response["Cache-Control"]


def test_assets_are_sent_gzipped_to_clients_that_accept_it(client):
    script = next(url for url in _bundle_files() if url.endswith(".js"))

    response = client.get(script, HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"


def test_each_gzipped_asset_holds_the_final_file():
    # Vite rewrites chunks late (preload placeholders); a .gz made before that breaks
    # every browser, which asks for gzip.
    packed = sorted((DIST_DIR / "assets").glob("*.gz"))
    assert packed

    for path in packed:
        assert gzip.decompress(path.read_bytes()) == path.with_suffix("").read_bytes(), path.name


def test_every_file_the_bundle_names_is_in_the_package():
    for url in _bundle_files():
        assert (DIST_DIR / url.removeprefix("/")).is_file(), url
