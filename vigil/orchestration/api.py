"""Runs and lanes over HTTP (mounted at /orchestration/). Every body field is untrusted."""

import re
from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.db.models import Prefetch
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import ConfigDict, field_validator, model_validator

from vigil.accounts.roles import RESPONDER
from vigil.alerts.models import Incident
from vigil.core.pages import Page
from vigil.orchestration import intake, presenters
from vigil.orchestration.console_api import router as console_router
from vigil.orchestration.lanes_api import router as lanes_router
from vigil.orchestration.models import PipelineRun, RunOrigin, RunStatus, StageExecution
from vigil.orchestration.routing import NAME_PATTERN
from vigil.orchestration.schemas import AcceptedOut, RunDetailOut, RunListItemOut
from vigil.orchestration.services import (
    RunError,
    RunRequest,
    active_lane,
    channel_names,
    clean_trace_id,
    create_run,
    execute_now,
    provider_exists,
    resume_run,
)

router = Router(tags=["orchestration"])
router.add_router("", lanes_router)
router.add_router("", console_router)

LABEL_KEY = re.compile(r"^[A-Za-z0-9_.:/-]{1,100}$")
MAX_PAGE = 100


class RunIn(Schema):
    model_config = ConfigDict(extra="forbid")

    incident_id: int | None = Field(
        None, gt=0, description="an existing incident (or send an alert payload instead)"
    )
    payload: dict | None = Field(
        None, description="an alert payload, parsed by `driver` exactly like a webhook body"
    )
    driver: str = Field("generic", max_length=32, description="ingest driver for `payload`")
    provider: str = Field(
        "", max_length=100, description="intelligence provider by name (default: the active one)"
    )
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

    @field_validator("provider")
    @classmethod
    def _provider_name(cls, value: str) -> str:
        if value and not NAME_PATTERN.match(value):
            raise ValueError("provider name is not valid")
        return value

    @model_validator(mode="after")
    def _one_subject(self):
        if (self.incident_id is None) == (self.payload is None):
            raise ValueError("send exactly one of incident_id or payload")
        return self

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


def _options(body: RunIn) -> dict:
    if body.channels:
        known = set(channel_names(body.channels))
        missing = [name for name in body.channels if name not in known]
        if missing:
            raise HttpError(404, f"unknown notification channel(s): {', '.join(missing)}")
    if body.provider and not provider_exists(body.provider):
        raise HttpError(404, f"unknown intelligence provider {body.provider!r}")
    return {"channels": body.channels, "labels": body.labels, "provider": body.provider}


def _create(body: RunIn, *, definition: str = "") -> list[PipelineRun]:
    options = _options(body)
    try:
        if definition:
            active_lane(definition)
        if body.payload is not None:
            result = intake.ingest(
                body.driver,
                body.payload,
                origin=RunOrigin.API,
                trace_id=clean_trace_id(body.trace_id),
                options={"definition_name": definition, **options},
            )
            if not result.run_ids:
                raise HttpError(409, "the payload changed no incident, so no run was created")
            return list(PipelineRun.objects.filter(run_id__in=result.run_ids).order_by("pk"))
        if not Incident.objects.filter(pk=body.incident_id).exists():
            raise HttpError(404, f"incident {body.incident_id} does not exist")
        request = RunRequest(
            incident_id=body.incident_id,
            origin=RunOrigin.API,
            trace_id=body.trace_id,
            definition=definition,
            **options,
        )
        with transaction.atomic():
            return [create_run(request)]
    except (RunError, intake.IntakeError) as err:
        raise HttpError(err.status, err.message) from None


def _accepted(runs: list[PipelineRun]) -> dict:
    run = runs[0]
    return {
        "run_id": str(run.run_id),
        "run_ids": [str(r.run_id) for r in runs],
        "trace_id": run.trace_id,
        "status": run.status,
        "incident_id": run.incident_id,
        "definition": run.definition_name,
    }


@router.post(
    "pipeline/", auth=RESPONDER, response={202: AcceptedOut}, summary="Queue a pipeline run"
)
def submit(request, body: PipelineIn):
    return Status(202, _accepted(_create(body, definition=body.definition)))


@router.post(
    "pipeline/sync/",
    auth=RESPONDER,
    response={200: RunDetailOut},
    summary="Run a pipeline and wait",
)
def submit_sync(request, body: PipelineIn):
    runs = [execute_now(run) for run in _create(body, definition=body.definition)]
    detail = presenters.run_detail(runs[0])
    detail["run_ids"] = [str(run.run_id) for run in runs]
    return Status(200, detail)


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


@router.get("pipelines/", response=Page[RunListItemOut], summary="List runs, newest first")
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
    page = runs.order_by("-created_at", "-pk").prefetch_related(
        Prefetch("stages", StageExecution.objects.defer("input_snapshot", "output_snapshot"))
    )[filters.offset : filters.offset + filters.limit]
    return {
        "count": runs.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [
            {
                **presenters.run_summary(run),
                "stages": [presenters.stage_dict(s, snapshots=False) for s in run.stages.all()],
            }
            for run in page
        ],
    }


def _run(run_id: UUID) -> PipelineRun:
    run = PipelineRun.objects.filter(run_id=run_id).first()
    if run is None:
        raise HttpError(404, f"run {run_id} does not exist")
    return run


@router.get("pipeline/{run_id}/", response=RunDetailOut, summary="A run with its stages")
def get_run(request, run_id: UUID):
    return presenters.run_detail(_run(run_id))


@router.post(
    "pipeline/{run_id}/resume/",
    auth=RESPONDER,
    response={202: AcceptedOut},
    summary="Queue a run again",
)
def resume(request, run_id: UUID):
    try:
        run = resume_run(_run(run_id))
    except RunError as err:
        raise HttpError(err.status, err.message) from None
    return Status(202, _accepted([run]))


@router.post(
    "definitions/{name}/execute/",
    auth=RESPONDER,
    response={202: AcceptedOut},
    summary="Queue a run on a named lane",
)
def execute_definition(request, name: str, body: RunIn):
    if not NAME_PATTERN.match(name):
        raise HttpError(404, "unknown lane")
    return Status(202, _accepted(_create(body, definition=name)))
