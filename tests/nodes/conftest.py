from pathlib import Path

import pytest

from tests.support.recording_server import RecordingServer, Reply

FIXTURES = Path(__file__).parent / "fixtures"
NODE_EXPORTER_TEXT = (FIXTURES / "node_exporter-1.5.0.txt").read_text()


@pytest.fixture
def exporter(settings):
    """A node_exporter-format endpoint on 127.0.0.2 (not the hub's own 127.0.0.1)
    serving the recorded metrics; allowed for this test."""
    server = RecordingServer(host="127.0.0.2").start()
    server.default = Reply(
        body=NODE_EXPORTER_TEXT, headers={"Content-Type": "text/plain; version=0.0.4"}
    )
    settings.NODES_ALLOWED_HOSTS = ["127.0.0.2"]
    settings.NODES_NODE_EXPORTER_PORTS = [str(server.port)]
    yield server
    server.stop()


def disk_alert(instance: str, mountpoint: str = "/var", **labels) -> dict:
    """An incident snapshot as Alertmanager's HostDiskAlmostFull makes it."""
    alert = {
        "source": "alertmanager",
        "name": "HostDiskAlmostFull",
        "labels": {"alertname": "HostDiskAlmostFull", "instance": instance,
                   "mountpoint": mountpoint, "job": "node", "severity": "warning", **labels},
        "annotations": {"summary": f"Host disk almost full ({instance})"},
    }  # fmt: skip
    return {"id": 1, "title": "HostDiskAlmostFull", "source": "alertmanager", "alerts": [alert]}
