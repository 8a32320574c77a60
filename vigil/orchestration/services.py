"""Run workflows shared by the API, the commands, the admin and the worker."""

import logging
import re
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from vigil.intelligence.models import IntelligenceProvider
from vigil.orchestration import publish
from vigil.orchestration.lane_channels import existing_channels
from vigil.orchestration.models import (
    CLAIMABLE_STATUSES,
    Lane,
    PipelineRun,
    RunOrigin,
    RunStatus,
)
from vigil.orchestration.orchestrator import execute_claimed
from vigil.orchestration.queue import claim_run, new_owner
from vigil.orchestration.worker import LeaseKeeper

logger = logging.getLogger(__name__)

TRACE_ID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
LOCAL_PROVIDER = "local"


class RunError(Exception):
    """A request about runs that cannot be honoured; `status` is the HTTP code to answer."""

    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def clean_trace_id(value: object) -> str:
    """A caller's trace id if it is a plain token, else a fresh one: it lands in logs."""
    if isinstance(value, str) and TRACE_ID_PATTERN.match(value):
        return value
    return uuid.uuid4().hex


@dataclass
class RunRequest:
    incident_id: int
    origin: str = RunOrigin.API
    trace_id: str = ""
    definition: str = ""
    channels: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    provider: str = ""


def channel_names(names: list[str]) -> list[str]:
    """Which of these notification channels exist."""
    return existing_channels(names)


def provider_exists(name: str) -> bool:
    return name == LOCAL_PROVIDER or IntelligenceProvider.objects.filter(name=name).exists()


def active_lane(name: str) -> Lane:
    lane = Lane.objects.filter(name=name).first()
    if lane is None:
        names = ", ".join(Lane.objects.values_list("name", flat=True)) or "none"
        raise RunError(f"unknown lane {name!r}; defined: {names}", status=404)
    if not lane.active:
        raise RunError(f"lane {name!r} is not active", status=409)
    return lane


def create_run(request: RunRequest) -> PipelineRun:
    """Record a pending run (inside the caller's transaction) and publish it on commit."""
    if request.definition:
        active_lane(request.definition)
    options = {
        key: value
        for key, value in (
            ("channels", list(request.channels)),
            ("labels", dict(request.labels)),
            ("provider", request.provider),
        )
        if value
    }
    run = PipelineRun.objects.create(
        incident_id=request.incident_id,
        origin=request.origin,
        trace_id=clean_trace_id(request.trace_id),
        definition_name=request.definition,
        options=options,
        status=RunStatus.PENDING,
    )
    publish.publish_runs([str(run.run_id)])
    return run


def execute_now(run: PipelineRun) -> PipelineRun:
    """Execute a run in this process (synchronous API, run_pipeline). Claims it first,
    so a worker that was faster simply wins and this returns its current state."""
    owner = new_owner("sync")
    if not claim_run(run.pk, owner):
        run.refresh_from_db()
        return run
    with LeaseKeeper(owner) as keeper:
        keeper.add(run.pk)
        return execute_claimed(run.pk, owner)


def resume_run(run: PipelineRun) -> PipelineRun:
    """Queue a failed, skipped or waiting run again; stages that succeeded are kept."""
    if run.status == RunStatus.PROCESSING:
        raise RunError("the run is being processed right now", status=409)
    if run.status in (RunStatus.NOTIFIED, RunStatus.INGESTED):
        raise RunError(f"the run already finished ({run.status}); nothing to resume", status=409)
    with transaction.atomic():
        updated = PipelineRun.objects.filter(pk=run.pk, status=run.status).update(
            status=RunStatus.PENDING,
            attempts_at_resume=F("attempts"),
            not_before=None,
            finished_at=None,
            claimed_by="",
            lease_expires_at=None,
            updated_at=timezone.now(),
        )
        if not updated:
            raise RunError("the run changed meanwhile; reload it and try again", status=409)
        publish.publish_runs([str(run.run_id)])
    run.refresh_from_db()
    logger.info("run %s resumed by an operator", run.run_id)
    return run


def mark_failed(run: PipelineRun, reason: str) -> bool:
    """An operator gives up on a queued or stuck run; a finished run is left alone."""
    return bool(
        PipelineRun.objects.filter(
            pk=run.pk, status__in=(*CLAIMABLE_STATUSES, RunStatus.PROCESSING)
        ).update(
            status=RunStatus.FAILED,
            claimed_by="",
            lease_expires_at=None,
            finished_at=timezone.now(),
            last_error_type="marked_failed",
            last_error_message=reason[:2000],
            last_error_retryable=False,
            updated_at=timezone.now(),
        )
    )
