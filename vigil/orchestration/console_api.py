"""/orchestration/: what the console's Overview, Incident and Runs pages read beside the
runs themselves — figures, an incident's whole timeline, the queue and its workers, and
the trace of any id."""

from datetime import datetime

from django.db.models import Count, Min
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from vigil.alerts.models import Incident
from vigil.core.pages import Page, PageQuery, page_of
from vigil.orchestration import overview as figures
from vigil.orchestration.models import PeriodicJob, PipelineRun, RunStatus
from vigil.orchestration.queue import queue_stats
from vigil.orchestration.schemas import TraceOut
from vigil.orchestration.timeline import timeline
from vigil.orchestration.tracing import render, trace

router = Router(tags=["console"])


class VolumeOut(Schema):
    at: datetime
    alerts: int


class SpanOut(Schema):
    mtta_seconds: float | None
    mttr_seconds: float | None
    incidents_opened: int
    incidents_acknowledged: int
    incidents_resolved: int


class NoisyOut(Schema):
    alert_id: int
    name: str
    source: str
    firings: int


class ChannelErrorOut(Schema):
    name: str
    driver: str
    active: bool
    last_error: str
    last_error_at: datetime | None
    consecutive_failures: int


class OverviewOut(Schema):
    generated_at: datetime
    open_by_severity: dict[str, int]
    alerts_24h: list[VolumeOut] = Field(description="alerts received per hour, oldest first")
    alerts_7d: list[VolumeOut] = Field(description="alerts received per day, oldest first")
    last_7_days: SpanOut = Field(description="incidents opened in the last 7 days")
    noisiest_alerts: list[NoisyOut]
    channels_in_error: list[ChannelErrorOut]
    queue_depth: int


class TimelineEntryOut(Schema):
    at: datetime
    kind: str = Field(
        description="alert, state, comment, assignment, run, health_check, analysis_stage, "
        "notify_stage, analysis or delivery"
    )
    title: str
    by: str
    detail: dict


class TimelineQuery(PageQuery):
    limit: int = Field(1000, ge=1, le=1000)


class WorkerOut(Schema):
    owner: str
    processing: int
    oldest_claim_at: datetime | None
    lease_expires_at: datetime | None


class JobOut(Schema):
    name: str
    next_run_at: datetime
    last_started_at: datetime | None
    last_finished_at: datetime | None
    last_error: str


class QueueOut(Schema):
    depth: int
    due: int
    processing: int
    retrying: int
    stuck: int
    failed_last_hour: int
    oldest_pending_age_seconds: float | None
    by_status: dict[str, int]
    workers: list[WorkerOut] = Field(description="owners holding runs now")
    jobs: list[JobOut] = Field(description="the scheduler's periodic jobs")


@router.get("overview/", response=OverviewOut, summary="The Overview page's figures")
def overview(request):
    return figures.overview()


@router.get(
    "incidents/{incident_id}/timeline/",
    response=Page[TimelineEntryOut],
    summary="Alerts, state changes, checks, analyses, deliveries and people's actions",
)
def incident_timeline(request, incident_id: int, page: Query[TimelineQuery]):
    return page_of(timeline(get_object_or_404(Incident, pk=incident_id)), page)


@router.get("queue/", response=QueueOut, summary="Run queue depth, workers and scheduled jobs")
def queue(request):
    holders = (
        PipelineRun.objects.filter(status=RunStatus.PROCESSING, lease_expires_at__gt=timezone.now())
        .order_by()
        .values("claimed_by")
        .annotate(n=Count("pk"), oldest=Min("started_at"), lease=Min("lease_expires_at"))
    )
    return {
        **queue_stats().to_dict(),
        "workers": [
            {
                "owner": row["claimed_by"],
                "processing": row["n"],
                "oldest_claim_at": row["oldest"],
                "lease_expires_at": row["lease"],
            }
            for row in holders.order_by("claimed_by")
        ],  # fmt: skip
        "jobs": list(PeriodicJob.objects.order_by("name")),
    }


@router.get(
    "trace/{ident}/",
    response=TraceOut,
    summary="What `vigil trace --json` prints: alert -> incident -> runs -> stages -> deliveries",
)
def trace_chain(request, ident: str):
    return _chain(ident)


class TraceTextOut(Schema):
    text: str = Field(description="exactly what `vigil trace <ident>` prints")


@router.get("trace/{ident}/text/", response=TraceTextOut, summary="What `vigil trace` prints")
def trace_text(request, ident: str):
    return {"text": render(ident.strip()[:100], _chain(ident))}


def _chain(ident: str) -> dict:
    chain = trace(ident.strip()[:100])
    if not chain["runs"] and not chain["incidents"]:
        raise HttpError(404, f"nothing found for {ident[:80]!r} (tried run, alert and trace id)")
    return chain
