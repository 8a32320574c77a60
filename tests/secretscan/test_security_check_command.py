import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from vigil.alerts.models import Alert


def posture():
    out = StringIO()
    try:
        call_command("security_check", "--json", stdout=out)
        failed = None
    except CommandError as exc:
        failed = str(exc)
    return {item["id"]: item for item in json.loads(out.getvalue())}, failed


@pytest.fixture
def hardened(settings, db):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.API_KEY_AUTH_ENABLED = True
    settings.VIGIL_ENCRYPTION_KEYS = ["Zm9yLXRoZS1zZWN1cml0eS1jaGVjay10ZXN0LW9ubHk="]
    return settings


def test_hardened_settings_pass_https_admin_and_keys(hardened):
    items, _ = posture()
    for slug in ("debug", "secret_key", "https", "api_auth", "encryption_keys", "admin_https"):
        assert items[slug]["status"] == "pass", items[slug]


def test_debug_on_fails_with_the_fix(hardened):
    hardened.DEBUG = True
    items, failed = posture()
    assert items["debug"]["status"] == "fail"
    assert "Set DJANGO_DEBUG=0." in items["debug"]["fix"]
    assert "debug" in failed


def test_public_test_suite_encryption_key_fails(hardened):
    hardened.VIGIL_ENCRYPTION_KEYS = [
        "R4-p2ZrEldbmRu1DCd3sivbIR0m1_rqTb54tY-8rzS4="
    ]  # vigil:allow (tests/settings.py key)
    items, failed = posture()
    assert items["encryption_keys"]["status"] == "fail" and "encryption_keys" in failed


def test_plain_http_admin_and_api_auth_off(hardened):
    hardened.SECURE_SSL_REDIRECT = False
    hardened.API_KEY_AUTH_ENABLED = False
    items, failed = posture()
    assert items["admin_https"]["status"] == "warn"
    assert any("DJANGO_SECURE_SSL_REDIRECT=1" in f for f in items["admin_https"]["fix"])
    assert items["api_auth"]["status"] == "fail"


def test_text_output_marks_each_item(hardened):
    out = StringIO()
    call_command("security_check", stdout=out)
    lines = [ln for ln in out.getvalue().splitlines() if not ln.startswith(" ")]
    assert len(lines) == 10 and all(ln[:4] in {"PASS", "WARN", "FAIL"} for ln in lines)


@pytest.mark.django_db
def test_webhook_drivers_that_delivered_alerts_need_a_secret(hardened, monkeypatch):
    monkeypatch.delenv("WEBHOOK_SECRET_GRAFANA", raising=False)
    hardened.WEBHOOK_SECRETS = {"grafana": "", "zabbix": "s3cr3t-signing-value"}  # vigil:allow
    for source in ("grafana", "zabbix", "secretscan"):
        Alert.objects.create(
            source=source, fingerprint=f"fp-{source}", name="x", status="firing", severity="warning"
        )
    items, _ = posture()
    webhook = items["webhook_secrets"]
    assert webhook["status"] == "warn"
    assert webhook["detail"] == [
        "The grafana webhook accepts alerts without a signature (WEBHOOK_SECRET_GRAFANA is not set)."
    ]


@pytest.mark.django_db
def test_tools_that_cannot_sign_are_advised_what_works(hardened, monkeypatch):
    hardened.WEBHOOK_SECRETS = {}
    for source in ("alertmanager", "datadog", "opsgenie", "newrelic", "grafana"):
        monkeypatch.delenv(f"WEBHOOK_SECRET_{source.upper()}", raising=False)
        Alert.objects.create(
            source=source, fingerprint=f"fp-{source}", name="x", status="firing", severity="warning"
        )
    items, _ = posture()
    fixes = items["webhook_secrets"]["fix"]
    unsigned = [fix for fix in fixes if "cannot sign" in fix]
    assert len(unsigned) == 4
    assert any(
        "Prometheus Alertmanager cannot sign its requests: setting WEBHOOK_SECRET_ALERTMANAGER "
        "alone would refuse them all"
        in fix
        and "--endpoint /alerts/webhook/alertmanager/" in fix
        for fix in unsigned
    )
    [grafana] = [fix for fix in fixes if "Grafana" in fix]
    assert grafana.startswith("Set WEBHOOK_SECRET_GRAFANA and configure the same secret in Grafana")
