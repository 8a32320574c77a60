"""Notification and DeliveryOutcome as the plain dicts stored and sent."""

import dataclasses
from datetime import UTC, datetime

from vigil.notify.message import DeliveryOutcome, Notification


def test_a_notification_is_every_field_and_a_copy_of_its_fields():
    message = Notification(
        title="Disk full", text="/var at 97 %", severity="critical", incident_id=7,
        url="https://vigil.example/incidents/7", fields={"host": "db1"},
    )  # fmt: skip
    data = message.to_dict()

    assert data == dataclasses.asdict(message)
    assert data["dedup_key"] == "vigil-incident-7"
    data["fields"]["host"] = "changed"
    assert message.fields == {"host": "db1"}
    assert Notification.from_dict(message.to_dict()) == message


def test_a_delivery_outcome_gives_its_retry_time_as_text():
    at = datetime(2026, 11, 24, 6, 30, tzinfo=UTC)
    outcome = DeliveryOutcome("ops", "retry", delivery_id=3, error="HTTP 503", retry_at=at)

    assert outcome.to_dict() == {
        "channel": "ops", "status": "retry", "delivery_id": 3, "error": "HTTP 503",
        "retry_at": "2026-11-24T06:30:00Z", "attempts": 0, "rate_limited": False,
    }  # fmt: skip
    assert DeliveryOutcome("ops", "sent").to_dict()["retry_at"] is None
