import hashlib
import hmac
import json
import time

import pytest

from tests.alerts.conftest import sample
from vigil.alerts.models import Alert
from vigil.core.signing import sign

SECRET = "s3cret-for-tests"


def hexmac(message: bytes, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


@pytest.fixture
def secrets(settings):
    settings.WEBHOOK_SECRETS = {**settings.WEBHOOK_SECRETS}
    return settings.WEBHOOK_SECRETS


def post(client, auth_headers, payload, driver=None, **headers):
    body = json.dumps(payload).encode()
    path = f"/alerts/webhook/{driver}/" if driver else "/alerts/webhook/"
    return client.post(
        path, data=body, content_type="application/json", **auth_headers, **headers
    ), body


def test_grafana_body_signature(client, auth_headers, secrets):
    secrets["grafana"] = SECRET
    payload = sample("grafana", "unified_firing")
    body = json.dumps(payload).encode()
    ok = client.post(
        "/alerts/webhook/grafana/", data=body, content_type="application/json",
        HTTP_X_GRAFANA_ALERTING_SIGNATURE=hexmac(body), **auth_headers,
    )  # fmt: skip
    assert ok.status_code == 202


def test_grafana_timestamped_signature_and_replay_window(client, auth_headers, secrets):
    secrets["grafana"] = SECRET
    body = json.dumps(sample("grafana", "unified_firing")).encode()
    now = str(int(time.time()))
    fresh = client.post(
        "/alerts/webhook/", data=body, content_type="application/json",
        HTTP_X_GRAFANA_ALERTING_SIGNATURE=hexmac(now.encode() + b":" + body),
        HTTP_X_GRAFANA_ALERTING_SIGNATURE_TIMESTAMP=now, **auth_headers,
    )  # fmt: skip
    assert fresh.status_code == 202
    old = str(int(time.time()) - 3600)
    stale = client.post(
        "/alerts/webhook/", data=body, content_type="application/json",
        HTTP_X_GRAFANA_ALERTING_SIGNATURE=hexmac(old.encode() + b":" + body),
        HTTP_X_GRAFANA_ALERTING_SIGNATURE_TIMESTAMP=old, **auth_headers,
    )  # fmt: skip
    assert stale.status_code == 403
    assert "outside the 300s window" in stale.json()["detail"]


def test_grafana_wrong_or_missing_signature_is_403_and_writes_nothing(
    client, auth_headers, secrets
):
    secrets["grafana"] = SECRET
    response, body = post(client, auth_headers, sample("grafana", "unified_firing"), "grafana",
                          HTTP_X_GRAFANA_ALERTING_SIGNATURE=hexmac(b"other body"))  # fmt: skip
    assert response.status_code == 403
    assert response.json() == {
        "error": "invalid signature",
        "detail": "signature does not match the body",
    }
    response, _ = post(client, auth_headers, sample("grafana", "unified_firing"), "grafana")
    assert response.json()["detail"] == "missing X-Grafana-Alerting-Signature header"
    assert Alert.objects.count() == 0


def test_pagerduty_accepts_any_of_several_v1_signatures(client, auth_headers, secrets):
    secrets["pagerduty"] = SECRET
    body = json.dumps(sample("pagerduty", "incident_triggered")).encode()
    header = f"v1={hexmac(body, 'old-secret')},v1={hexmac(body)}"
    response = client.post(
        "/alerts/webhook/pagerduty/", data=body, content_type="application/json",
        HTTP_X_PAGERDUTY_SIGNATURE=header, **auth_headers,
    )  # fmt: skip
    assert response.status_code == 202
    bad = client.post(
        "/alerts/webhook/pagerduty/", data=body, content_type="application/json",
        HTTP_X_PAGERDUTY_SIGNATURE=f"v1={hexmac(body, 'old-secret')}", **auth_headers,
    )  # fmt: skip
    assert bad.status_code == 403


@pytest.mark.parametrize(
    ("slug", "name"), [("generic", "single"), ("cluster", "results"), ("newrelic", "classic_open")]
)
def test_vigil_signature_scheme(client, auth_headers, secrets, slug, name):
    secrets[slug] = SECRET
    body = json.dumps(sample(slug, name)).encode()
    for header, status in [
        (sign(SECRET, body), 202),
        (f"sha256={hexmac(body)}", 202),
        (sign("wrong", body), 403),
        (sign(SECRET, body, timestamp=int(time.time()) - 3600), 403),
    ]:
        response = client.post(
            f"/alerts/webhook/{slug}/", data=body, content_type="application/json",
            HTTP_X_VIGIL_SIGNATURE=header, **auth_headers,
        )  # fmt: skip
        assert response.status_code == status, (header, response.content)


def test_auto_detect_applies_the_detected_drivers_secret(client, auth_headers, secrets):
    secrets["cluster"] = SECRET
    unsigned, _ = post(client, auth_headers, sample("cluster", "results"))
    assert unsigned.status_code == 403
    assert unsigned.json()["detail"] == "missing X-Vigil-Signature header"
    # Another driver without a secret is unaffected.
    assert post(client, auth_headers, sample("generic", "single"))[0].status_code == 202


def test_require_signature_refuses_drivers_without_a_secret(client, auth_headers, settings):
    settings.WEBHOOK_REQUIRE_SIGNATURE = True
    response, _ = post(client, auth_headers, sample("generic", "single"))
    assert response.status_code == 403
    assert "WEBHOOK_SECRET_GENERIC" in response.json()["detail"]
