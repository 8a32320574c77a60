from django.core.checks import run_checks


def ids(settings) -> list[str]:
    return sorted(message.id for message in run_checks() if message.id.startswith("nodes."))


def test_bad_nodes_settings_are_named(settings, tmp_path):
    broken = tmp_path / "nodes.toml"
    broken.write_text('[[node]]\nname = "web-7"\nnode_exporter = "http://x"\n')
    settings.NODES_FILE = str(broken)
    settings.NODES_ALLOWED_HOSTS = ["10.0.0.0/33"]
    settings.NODES_NODE_EXPORTER_PORTS = ["9100", "nine"]
    settings.NODES_HOST_FIELDS = {"generic": "host"}
    settings.NODES_PROMETHEUS_URL = "prometheus:9090"
    assert ids(settings) == ["nodes.E001", "nodes.E002", "nodes.E003", "nodes.E004", "nodes.W001"]
    [file_error] = [m for m in run_checks() if m.id == "nodes.E001"]
    assert "unknown key 'node_exporter'; valid: name, aliases" in file_error.msg


def test_the_defaults_pass(settings):
    assert ids(settings) == []
