"""/orchestration/definitions/: routing lanes listed, created, changed, deleted, tried."""

from typing import Annotated

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import WithJsonSchema, model_validator

from vigil.accounts.roles import VIEWER
from vigil.alerts.models import Incident
from vigil.core.pages import Page, PageQuery, page_of
from vigil.core.responses import json_error
from vigil.orchestration import lanes
from vigil.orchestration.models import Lane
from vigil.orchestration.routing import STAGE_NAMES, Facts

# The schema lists the stages a lane may name; the values are still checked by
# routing.lane_errors, whose message a caller gets (not a schema validation error).
StageName = Annotated[str, WithJsonSchema({"type": "string", "enum": list(STAGE_NAMES)})]

router = Router(tags=["lanes"])


class LaneOut(Schema):
    name: str
    active: bool
    priority: int
    match: list[dict]
    stages: list[StageName]
    channels: list[str]
    skip_if_condition: str
    description: str


class LaneIn(Schema):
    name: str = Field(max_length=100)
    active: bool = True
    priority: int = Field(100, ge=-1_000_000, le=1_000_000)
    match: list[dict] = Field(default_factory=list)
    stages: list[StageName] = Field(default_factory=lambda: list(STAGE_NAMES))
    channels: list[str] = Field(default_factory=list)
    skip_if_condition: str = Field("", max_length=32)
    description: str = Field("", max_length=5000)


class LanePatch(Schema):
    name: str | None = Field(None, max_length=100)
    active: bool | None = None
    priority: int | None = Field(None, ge=-1_000_000, le=1_000_000)
    match: list[dict] | None = None
    stages: list[StageName] | None = None
    channels: list[str] | None = None
    skip_if_condition: str | None = Field(None, max_length=32)
    description: str | None = Field(None, max_length=5000)


class DryRunIn(Schema):
    incident_id: int | None = Field(None, gt=0, description="an existing incident")
    payload: dict | None = Field(None, description="an alert body, as a webhook would get it")
    driver: str = Field("generic", max_length=32, description="ingest driver for `payload`")
    labels: dict[str, str] = Field(default_factory=dict, description="extra labels")

    @model_validator(mode="after")
    def _one_subject(self):
        if (self.incident_id is None) == (self.payload is None):
            raise ValueError("send exactly one of incident_id or payload")
        return self


class VerdictOut(Schema):
    name: str
    active: bool
    matched: bool
    failed_rules: list[dict]


class DryRunOut(Schema):
    lane: LaneOut | None = Field(description="the lane the alert would take; null: none")
    facts: dict
    lanes: list[VerdictOut]


def _refused(exc: lanes.LaneError):
    return json_error(exc.status, "invalid lane", exc.errors)


def _lane(name: str) -> Lane:
    lane = Lane.objects.filter(name=name[:100]).first()
    if lane is None:
        raise HttpError(404, f"no lane named {name[:100]!r}")
    return lane


@router.get("definitions/", response=Page[LaneOut], summary="Routing lanes, in match order")
def list_lanes(request, page: Query[PageQuery]):
    return page_of(Lane.objects.order_by("priority", "name"), page)


@router.post("definitions/", response={201: LaneOut}, summary="Create a lane")
def create_definition(request, body: LaneIn):
    try:
        return Status(201, lanes.save_lane(Lane(), body.model_dump()))
    except lanes.LaneError as exc:
        return _refused(exc)


@router.post(
    "definitions/dry-run/",
    auth=VIEWER,
    response=DryRunOut,
    summary="Which lane would this alert (or incident) take? Changes nothing",
)
def dry_run(request, body: DryRunIn):
    try:
        if body.payload is not None:
            facts = lanes.facts_from_payload(body.driver, body.payload)
        else:
            incident = Incident.objects.filter(pk=body.incident_id).first()
            if incident is None:
                raise HttpError(404, f"incident {body.incident_id} does not exist")
            facts = Facts.from_snapshot(incident.snapshot(alerts=[]), origin="manual")
    except lanes.LaneError as exc:
        return _refused(exc)
    facts.labels.update(body.labels)
    return lanes.dry_run(facts)


@router.get("definitions/{name}/", response=LaneOut, summary="One lane")
def get_definition(request, name: str):
    return _lane(name)


@router.patch("definitions/{name}/", response=LaneOut, summary="Change some of a lane's fields")
def update_definition(request, name: str, body: LanePatch):
    try:
        return lanes.save_lane(_lane(name), body.model_dump(exclude_unset=True))
    except lanes.LaneError as exc:
        return _refused(exc)


@router.put("definitions/{name}/", response=LaneOut, summary="Replace a lane")
def replace_definition(request, name: str, body: LaneIn):
    try:
        return lanes.save_lane(_lane(name), body.model_dump())
    except lanes.LaneError as exc:
        return _refused(exc)


@router.delete("definitions/{name}/", response={204: None}, summary="Delete a lane")
def delete_definition(request, name: str):
    _lane(name).delete()
    return Status(204, None)
