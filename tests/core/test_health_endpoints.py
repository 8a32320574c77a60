import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_database_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


def test_readyz_is_503_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Port 9 on loopback: nothing listens there, the connection is refused at once.
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "unavailable"}


def test_unknown_paths_get_json_404(client):
    response = client.get("/nope")
    assert response.status_code == 404
    assert response.json()["error"] == "not found"


def test_security_headers_are_set(client):
    response = client.get("/healthz")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_host_not_allowed_is_one_log_line_naming_the_variable(client, caplog):
    with caplog.at_level("WARNING", logger="django.security.DisallowedHost"):
        response = client.get("/healthz", HTTP_HOST="10.9.9.9:8000")
    assert response.status_code == 400
    assert "DJANGO_ALLOWED_HOSTS" in response.json()["detail"]
    [record] = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert record.levelname == "WARNING" and record.exc_info is None
    assert "add '10.9.9.9' to DJANGO_ALLOWED_HOSTS" in record.getMessage()
