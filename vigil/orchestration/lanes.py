"""Saving, deleting and trying routing lanes: one path for the API (the admin and import
validate through the model's clean(), which shares routing.lane_errors)."""

from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from vigil.alerts.drivers import PayloadError, UnknownDriver, get_driver
from vigil.alerts.drivers.base import AlertEvent
from vigil.orchestration.models import Lane
from vigil.orchestration.routing import Facts, rule_matches

LANE_FIELDS = ("name", "active", "priority", "match", "stages", "channels",
               "skip_if_condition", "description")  # fmt: skip


class LaneError(ValueError):
    """A lane that cannot be saved; `errors` lists every problem, each naming its field."""

    def __init__(self, errors: list[str], *, status: int = 422):
        super().__init__("; ".join(errors))
        self.errors = errors
        self.status = status


@transaction.atomic
def save_lane(lane: Lane, data: dict) -> Lane:
    for name, value in data.items():
        setattr(lane, name, value)
    errors = []
    try:
        lane.full_clean()
    except ValidationError as exc:
        errors = [
            message
            for field_name, messages in exc.message_dict.items()
            for message in (messages if field_name == "__all__" else
                            [f"{field_name}: {text}" for text in messages])
        ]  # fmt: skip
    if errors:
        conflict = any("already exists" in error for error in errors)
        raise LaneError(errors, status=409 if conflict else 422)
    try:
        lane.save()
    except IntegrityError:
        raise LaneError([f"name: a lane named {lane.name!r} already exists"], status=409) from None
    return lane


@dataclass
class LaneVerdict:
    name: str
    active: bool
    matched: bool
    failed_rules: list[dict] = field(default_factory=list)


@dataclass
class DryRun:
    facts: dict
    lane: Lane | None
    lanes: list[LaneVerdict]


def facts_from_payload(driver_slug: str, payload: dict) -> Facts:
    """What the lanes would see for this alert if it opened a new incident now."""
    try:
        events: list[AlertEvent] = get_driver(driver_slug).parse(payload)
    except UnknownDriver as exc:
        raise LaneError([f"driver: {exc}"], status=422) from None
    except PayloadError as exc:
        raise LaneError([f"payload: {exc}"], status=422) from None
    if not events:
        raise LaneError(["payload: the driver found no alert in it"], status=422)
    event = events[0]
    labels = {str(k): str(v) for k, v in event.labels.items()}
    return Facts(
        source=driver_slug,
        severity=event.severity,
        status="open" if event.status != "resolved" else "resolved",
        environment=labels.get("environment") or labels.get("env") or "",
        origin="webhook",
        labels=labels,
    )


def dry_run(facts: Facts) -> DryRun:
    verdicts, chosen = [], None
    for lane in Lane.objects.order_by("priority", "name"):
        failed = [rule for rule in lane.match or [] if not rule_matches(rule, facts)]
        verdicts.append(LaneVerdict(lane.name, lane.active, not failed, failed))
        if chosen is None and lane.active and not failed:
            chosen = lane
    return DryRun(facts=asdict(facts), lane=chosen, lanes=verdicts)
