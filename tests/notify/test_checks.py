from django.core.checks import run_checks


def ids(**kwargs):
    return {message.id for message in run_checks(**kwargs)}


def test_missing_template_directory_warns(settings, tmp_path):
    settings.NOTIFY_TEMPLATE_DIRS = [str(tmp_path / "nope")]
    assert "notify.W001" in ids()
    settings.NOTIFY_TEMPLATE_DIRS = [str(tmp_path)]
    assert "notify.W001" not in ids()


def test_retry_base_above_maximum_warns(settings):
    settings.NOTIFY_RETRY_BASE_SECONDS = 600
    settings.NOTIFY_RETRY_MAX_SECONDS = 60
    assert "notify.W002" in ids()


def test_disabled_channels_are_reported_by_preflight(make_channel):
    make_channel("ok")
    assert "notify.W003" not in ids(databases=["default"], include_deployment_checks=True)
    make_channel("broken", active=False, consecutive_failures=5, last_error="HTTP 404")
    [warning] = [
        m
        for m in run_checks(databases=["default"], include_deployment_checks=True)
        if m.id == "notify.W003"
    ]
    assert warning.msg == "notification channels disabled after repeated failures: broken"
    assert "notify.W003" not in ids()  # plain `check` never touches the database


def test_invalid_channel_configs_are_reported_by_preflight(make_channel):
    make_channel("fine")
    make_channel("stale", "slack", {"url": "https://hooks.example.com/x", "colour": "red"})
    [warning] = [
        m
        for m in run_checks(databases=["default"], include_deployment_checks=True)
        if m.id == "notify.W004"
    ]
    assert warning.msg == (
        "channel 'stale' (slack) has an invalid config: colour: Extra inputs are not permitted"
    )
