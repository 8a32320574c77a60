from vigil.checkers import checks


def ids(issues):
    return [(issue.id, issue.msg) for issue in issues]


def test_valid_settings_pass(settings):
    settings.CHECKER_THRESHOLDS = {"disk": {"warning": 70}}
    settings.CHECKER_NODE_THRESHOLDS = {"db-1": {"memory": {"critical": 99}}}
    settings.CHECKER_PORTS_ALLOWED = ["22", "tcp/443", "udp/53=named"]
    settings.CHECKER_FRESHNESS = ["/var/backups=26h"]
    assert checks.check_thresholds(None) == []
    assert checks.check_targets(None) == []


def test_threshold_typos_are_errors(settings):
    settings.CHECKER_THRESHOLDS = {"dsk": {"warning": 70}, "disk": {"warn": 70, "critical": "high"}}
    settings.CHECKER_NODE_THRESHOLDS = {"db-1": []}
    settings.CHECKER_DEFAULT_SUITE = ["cpu", "mem"]
    found = ids(checks.check_thresholds(None))
    assert all(issue_id == "checkers.E001" for issue_id, _ in found)
    messages = [msg for _, msg in found]
    assert messages[0].startswith("CHECKER_THRESHOLDS: unknown checker 'dsk'; valid: cpu, load")
    assert "CHECKER_THRESHOLDS: unknown limit disk.warn; valid: warning, critical" in messages
    assert "CHECKER_THRESHOLDS: disk.critical='high' is not a number" in messages
    assert (
        "CHECKER_NODE_THRESHOLDS['db-1'] must be a JSON object {checker: {limit: number}}"
        in messages
    )
    assert messages[-1].startswith("CHECKER_DEFAULT_SUITE: unknown checker 'mem'")


def test_bad_targets_are_errors(settings):
    settings.CHECKER_PORTS_ALLOWED = ["ssh"]
    settings.CHECKER_HOSTS = ["db.internal", "ping:gw"]
    settings.CHECKER_TLS_TARGETS = ["example.com:99999"]
    settings.CHECKER_FRESHNESS = ["relative=1h", "/var/backups=soon"]
    messages = [
        msg for issue_id, msg in ids(checks.check_targets(None)) if issue_id == "checkers.E002"
    ]
    assert messages == [
        "CHECKER_PORTS_ALLOWED: port allowlist entry 'ssh' is not valid; use e.g. 22, tcp/443, udp/53=named",
        "CHECKER_HOSTS: 'db.internal' needs a port: host:port",
        "CHECKER_TLS_TARGETS: 'example.com:99999' has an invalid port; use host:port",
        "CHECKER_FRESHNESS: freshness entry 'relative=1h' is not valid; use /absolute/path=26h",
        "CHECKER_FRESHNESS: duration 'soon' is not valid; use e.g. 90m, 26h or 7d",
    ]


def test_hub_warnings(settings):
    settings.VIGIL_HUB_URL = "http://hub.internal"
    settings.VIGIL_HUB_API_KEY = ""
    settings.VIGIL_HUB_SECRET = ""
    assert [issue.id for issue in checks.check_hub(None)] == [
        "checkers.W001",
        "checkers.W002",
        "checkers.W003",
    ]
    settings.VIGIL_HUB_URL = "https://hub.example.com"
    settings.VIGIL_HUB_API_KEY = "k"
    settings.VIGIL_HUB_SECRET = "s"
    assert checks.check_hub(None) == []
