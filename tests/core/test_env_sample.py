"""Settings are declared once, in vigil/settings/, and .env.sample documents them all."""

import re
from pathlib import Path

from vigil.alerts.drivers import DRIVERS
from vigil.secretscan.posture import OWN_SOURCES

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = sorted((ROOT / "vigil" / "settings").glob("*.py"))
# env_str("NAME", …), os.environ.get("NAME"); not env_prefixed("FAMILY_") (a prefix).
READ = re.compile(r"""(?:env_\w+\(\s*|os\.environ\.get\(\s*)"([A-Z][A-Z0-9_]*[A-Z0-9])\"""")
# Variables read before the settings, by the module that finds Vigil's home.
READ_ELSEWHERE = {"VIGIL_HOME": ROOT / "vigil" / "core" / "home.py"}
# Earlier names, still read, named in the sample's comment on the current one.
EARLIER_NAMES = {"ALERTS_PREPARED_STATEMENTS"}


def read_by_settings() -> set[str]:
    return {name for path in SETTINGS for name in READ.findall(path.read_text())}


def in_sample() -> set[str]:
    text = (ROOT / ".env.sample").read_text()
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", text, re.M))


def test_every_variable_the_settings_read_is_in_the_sample():
    missing = read_by_settings() - EARLIER_NAMES - in_sample()

    assert not missing, f"not in .env.sample: {', '.join(sorted(missing))}"


def test_every_variable_in_the_sample_is_read():
    prefixed = {name for name in in_sample() if name.startswith("WEBHOOK_SECRET_")}
    unread = in_sample() - prefixed - read_by_settings() - set(READ_ELSEWHERE)

    assert not unread, f"in .env.sample but read by no setting: {', '.join(sorted(unread))}"
    for name, path in READ_ELSEWHERE.items():
        assert name in path.read_text()


def test_the_sample_has_a_webhook_secret_for_each_webhook_driver_of_the_registry():
    listed = {n.removeprefix("WEBHOOK_SECRET_") for n in in_sample() if "WEBHOOK_SECRET_" in n}

    assert listed == {slug.upper() for slug in set(DRIVERS) - OWN_SOURCES}
    assert 'env_prefixed("WEBHOOK_SECRET_")' in (ROOT / "vigil/settings/apps.py").read_text()


def test_webhook_secrets_come_from_every_variable_of_the_family(monkeypatch, tmp_path):
    from vigil.core.env import env_prefixed

    secret_file = tmp_path / "zabbix"
    secret_file.write_text("from-a-file\n")
    monkeypatch.setenv("WEBHOOK_SECRET_GRAFANA", "g")
    monkeypatch.setenv("WEBHOOK_SECRET_ZABBIX_FILE", str(secret_file))
    monkeypatch.setenv("WEBHOOK_SECRET_DATADOG", "")

    assert env_prefixed("WEBHOOK_SECRET_") == {"grafana": "g", "zabbix": "from-a-file"}


def test_no_code_reads_a_setting_with_a_default_of_its_own():
    # getattr(settings, NAME, default) let code and settings disagree (CONFIG_RELOAD_SECONDS
    # was 2 in settings and 0 in notify): settings are read directly.
    # The one exception: the guards' fallback outside Django, whose defaults are the
    # constants settings read the environment with (vigil/core/security/__init__.py).
    pattern = re.compile(r"getattr\(settings,\s*[^,()]+,")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "vigil").rglob("*.py")
        if pattern.search(path.read_text()) and path != ROOT / "vigil/core/security/__init__.py"
    ]

    assert offenders == []
