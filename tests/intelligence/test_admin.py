import json

import pytest

from tests.intelligence.conftest import make_provider
from vigil.intelligence.models import IntelligenceProvider

pytestmark = pytest.mark.django_db
URL = "/admin/intelligence/intelligenceprovider/"


@pytest.fixture
def provider(settings):
    settings.SSRF_ALLOWED_HOSTS = ["127.0.0.1"]
    return make_provider("openai", "http://127.0.0.1:18602/v1")


def test_change_form_and_list_never_show_the_api_key(admin_client, provider):
    for page in (URL, f"{URL}{provider.pk}/change/"):
        html = admin_client.get(page).content.decode()
        assert "sk-test-0123456789abcdef" not in html
        assert "***" in html


def test_saving_with_the_mask_keeps_the_stored_key(admin_client, provider):
    config = {"model": "gpt-new", "api_key": "***", "base_url": "http://127.0.0.1:18602/v1"}

    response = admin_client.post(
        f"{URL}{provider.pk}/change/",
        {"name": provider.name, "provider": "openai", "config": json.dumps(config),
         "is_active": "on"},
    )  # fmt: skip

    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.config["api_key"] == "sk-test-0123456789abcdef"
    assert provider.config["model"] == "gpt-new" and provider.is_active


@pytest.mark.parametrize(
    "config, error",
    [
        ({"api_key": "k"}, "model: Field required"),
        ({"model": "m", "base_url": "http://10.0.0.5/v1"}, "base_url refused URL"),
        ({"model": "m", "shell": "x"}, "shell: Extra inputs are not permitted"),
    ],
)
def test_invalid_config_is_refused_with_the_reason(admin_client, provider, config, error):
    response = admin_client.post(
        f"{URL}add/", {"name": "new", "provider": "openai", "config": json.dumps(config)}
    )

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not IntelligenceProvider.objects.filter(name="new").exists()


def test_activating_from_admin_deactivates_the_other(admin_client, provider):
    other = make_provider("ollama", "http://127.0.0.1:18603", active=False)

    admin_client.post(URL, {"action": "make_active", "_selected_action": [other.pk]})

    assert list(IntelligenceProvider.objects.filter(is_active=True)) == [other]
    admin_client.post(URL, {"action": "use_local", "_selected_action": [other.pk]})
    assert not IntelligenceProvider.objects.filter(is_active=True).exists()


def test_analysis_runs_are_read_only(admin_client):
    assert admin_client.get("/admin/intelligence/analysisrun/").status_code == 200
    assert admin_client.get("/admin/intelligence/analysisrun/add/").status_code == 403
