"""Concurrent webhooks for the same alert: exactly one alert, incident and run.

With group commit off, every call has its own transaction, as calls from separate
server processes do: the race is then settled by the unique constraints and a retry."""

import threading

import pytest
from django.db import connection

from vigil.alerts.drivers.base import AlertEvent
from vigil.alerts.models import Alert, Incident
from vigil.alerts.services import ingest_events
from vigil.orchestration.models import PipelineRun


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("group_commit", [500, 0], ids=["group-commit", "own-transactions"])
def test_concurrent_first_sightings_store_the_alert_once(settings, group_commit):
    settings.ALERTS_GROUP_COMMIT_MAX_EVENTS = group_commit
    barrier = threading.Barrier(6)
    errors = []

    def send(i):
        try:
            barrier.wait()
            ingest_events("generic", [
                AlertEvent(source="generic", fingerprint="same", name="Disk full"),
                AlertEvent(source="generic", fingerprint=f"own-{i}", name="Other"),
            ])  # fmt: skip
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Alert.objects.filter(fingerprint="same").count() == 1
    assert Alert.objects.get(fingerprint="same").duplicate_count == 5
    assert Incident.objects.filter(group_key="generic:same").count() == 1
    # One run per incident: the shared one once, and each thread's own.
    assert PipelineRun.objects.count() == 7
