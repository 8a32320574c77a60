import pytest

from vigil.notify.drivers import locmem
from vigil.notify.message import Notification
from vigil.notify.models import NotificationChannel

# Shaped like a real bot token, so the redaction rules recognise it.
BOT_TOKEN = "123456789:AAHk3x9VqLw2mZpRt7sYc4nBd8fGh1jKl0Q"


@pytest.fixture(autouse=True)
def _empty_outbox():
    locmem.clear()
    yield
    locmem.clear()


@pytest.fixture
def message():
    return Notification(
        title="Disk full on db-1",
        text="/var is 97% used",
        severity="critical",
        incident_id=42,
        url="https://vigil.example.com/admin/alerts/incident/42/change/",
        fields={"host": "db-1", "environment": "prod"},
    )


@pytest.fixture
def make_channel(db):
    def make(name="ops", driver="locmem", config=None, **kwargs):
        return NotificationChannel.objects.create(
            name=name, driver=driver, config=config if config is not None else {}, **kwargs
        )

    return make
