from vigil.alerts.checks import check_webhook_auth


def ids(settings_obj=None):
    return [problem.id for problem in check_webhook_auth(None)]


def test_require_signature_without_any_secret_warns(settings):
    settings.WEBHOOK_REQUIRE_SIGNATURE = True
    settings.WEBHOOK_SECRETS = dict.fromkeys(settings.WEBHOOK_SECRETS, "")
    assert ids() == ["alerts.W001"]


def test_open_webhook_without_api_keys_or_secrets_warns(settings):
    settings.API_KEY_AUTH_ENABLED = False
    settings.WEBHOOK_SECRETS = dict.fromkeys(settings.WEBHOOK_SECRETS, "")
    assert ids() == ["alerts.W002"]
    settings.WEBHOOK_SECRETS = {**settings.WEBHOOK_SECRETS, "grafana": "x"}
    assert ids() == []


def test_unknown_driver_in_secrets_warns(settings):
    settings.WEBHOOK_SECRETS = {**settings.WEBHOOK_SECRETS, "grafna": "x"}
    assert ids() == ["alerts.W003"]
    [warning] = check_webhook_auth(None)
    assert (
        warning.msg == "No ingest driver reads WEBHOOK_SECRET_GRAFNA: its webhooks are not signed."
    )
    assert "WEBHOOK_SECRET_GRAFANA" in warning.hint
