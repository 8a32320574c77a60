"""Runs and lanes over HTTP (mounted at /orchestration/). Every body field is untrusted."""

import re
from datetime import datetime
from uuid import UUID

from django.db import transaction
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import ConfigDict, field_validator

from vigil.alerts.models import Incident
from vigil.orchestration import presenters
from vigil.orchestration.models import PipelineDefinition, PipelineRun, RunOrigin, RunStatus
from vigil.orchestration.routing import NAME_PATTERN
from vigil.orchestration.services import (
    RunError,
    RunRequest,
    active_lane,
    create_run,
    execute_now,
    resume_run,
)

router = Router(tags=["orchestration"])

LABEL_KEY = re.compile(r"^[A-Za-z0-9_.:/-]{1,100}$")
MAX_PAGE = 100


class RunIn(Schema):
    model_config = ConfigDict(extra="forbid")

    incident_id: int = Field(..., gt=0, description="the incident to run the pipeline for")
    channels: list[str] = Field(
        default_factory=list, max_length=20, description="notification channel names"
    )
    labels: dict[str, str] = Field(
        default_factory=dict, description="extra labels the lane rules see (label:<key>)"
    )
    trace_id: str = Field("", max_length=200, description="log correlation hint")

    @field_validator("channels")
    @classmethod
    def _channel_names(cls, value: list[str]) -> list[str]:
        for name in value:
            if not NAME_PATTERN.match(name):
                raise ValueError(f"channel name {name[:50]!r} is not valid")
        return list(dict.fromkeys(value))

    @field_validator("labels")
    @classmethod
    def _labels(cls, value: dict[str, str]) -> dict[str, str]:
        if len(value) > 50:
            raise ValueError("at most 50 labels")
        for key, item in value.items():
            if not LABEL_KEY.match(key) or len(item) > 200:
                raise ValueError(
                    f"label {key[:50]!r} is not valid (key: 1-100 of A-Z a-z 0-9 _.:/-)"
                )
        return value


class PipelineIn(RunIn):
    definition: str = Field("", max_length=100, description="force this lane (by name)")


def _request(body: RunIn, *, definition: str = "") -> RunRequest:
    if not Incident.objects.filter(pk=body.incident_id).exists():
        raise HttpError(404, f"incident {body.incident_id} does not exist")
    return RunRequest(
        incident_id=body.incident_id,
        origin=RunOrigin.API,
        trace_id=body.trace_id,
        definition=definition,
        channels=body.channels,
        labels=body.labels,
    )


def _create(request: RunRequest) -> PipelineRun:
    try:
        with transaction.atomic():
            return create_run(request)
    except RunError as err:
        raise HttpError(err.status, err.message) from None


def _accepted(run: PipelineRun) -> dict:
    return {
        "run_id": str(run.run_id),
        "trace_id": run.trace_id,
        "status": run.status,
        "incident_id": run.incident_id,
        "definition": run.definition_name,
    }


@router.post("pipeline/", response={202: dict}, summary="Queue a pipeline run")
def submit(request, body: PipelineIn):
    run = _create(_request(body, definition=body.definition))
    return Status(202, _accepted(run))


@router.post("pipeline/sync/", response={200: dict}, summary="Run a pipeline and wait")
def submit_sync(request, body: PipelineIn):
    run = _create(_request(body, definition=body.definition))
    return Status(200, presenters.run_detail(execute_now(run)))


class RunFilters(Schema):
    status: RunStatus | None = None
    origin: RunOrigin | None = None
    definition: str | None = Field(None, max_length=100)
    incident_id: int | None = None
    trace_id: str | None = Field(None, max_length=64)
    created_after: datetime | None = None
    created_before: datetime | None = None
    limit: int = Field(50, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0)


@router.get("pipelines/", response=dict, summary="List runs, newest first")
def list_runs(request, filters: Query[RunFilters]):
    runs = PipelineRun.objects.all()
    for name, lookup in [
        ("status", "status"),
        ("origin", "origin"),
        ("definition", "definition_name"),
        ("incident_id", "incident_id"),
        ("trace_id", "trace_id"),
        ("created_after", "created_at__gte"),
        ("created_before", "created_at__lt"),
    ]:
        value = getattr(filters, name)
        if value is not None:
            runs = runs.filter(**{lookup: value})
    page = runs.order_by("-created_at", "-pk")[filters.offset : filters.offset + filters.limit]
    return {
        "count": runs.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [presenters.run_summary(run) for run in page],
    }


def _run(run_id: UUID) -> PipelineRun:
    run = PipelineRun.objects.filter(run_id=run_id).first()
    if run is None:
        raise HttpError(404, f"run {run_id} does not exist")
    return run


@router.get("pipeline/{run_id}/", response=dict, summary="A run with its stages")
def get_run(request, run_id: UUID):
    return presenters.run_detail(_run(run_id))


@router.post("pipeline/{run_id}/resume/", response={202: dict}, summary="Queue a run again")
def resume(request, run_id: UUID):
    try:
        run = resume_run(_run(run_id))
    except RunError as err:
        raise HttpError(err.status, err.message) from None
    return Status(202, _accepted(run))


@router.get("definitions/", response=dict, summary="Routing lanes, in match order")
def list_definitions(request):
    return {"items": [presenters.lane_dict(lane) for lane in PipelineDefinition.objects.all()]}


@router.post(
    "definitions/{name}/execute/", response={202: dict}, summary="Queue a run on a named lane"
)
def execute_definition(request, name: str, body: RunIn):
    if not NAME_PATTERN.match(name):
        raise HttpError(404, "unknown lane")
    try:
        lane = active_lane(name)
    except RunError as err:
        raise HttpError(err.status, err.message) from None
    run = _create(_request(body, definition=lane.name))
    return Status(202, _accepted(run))
