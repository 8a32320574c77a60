import json
import uuid

from django.db import models
from django.db.models import Q

from vigil.orchestration.lane_channels import check_channels
from vigil.orchestration.routing import validate_lane
from vigil.orchestration.stage_names import Stage


class RunStatus(models.TextChoices):
    PENDING = "pending"
    PROCESSING = "processing"
    INGESTED = "ingested"
    CHECKED = "checked"
    ANALYZED = "analyzed"
    NOTIFIED = "notified"
    FAILED = "failed"
    RETRYING = "retrying"
    SKIPPED = "skipped"


class RunOrigin(models.TextChoices):
    WEBHOOK = "webhook"
    CHECKER = "checker"
    MANUAL = "manual"
    API = "api"
    # A person acknowledged, resolved or closed the incident (vigil.alerts.lifecycle).
    ACTION = "action"


# Runs a worker may claim: waiting for a first attempt or for a scheduled retry.
CLAIMABLE_STATUSES = (RunStatus.PENDING, RunStatus.RETRYING)
# A run in one of these states is finished; only an operator's retry moves it again.
FINAL_STATUSES = (
    RunStatus.INGESTED,
    RunStatus.CHECKED,
    RunStatus.ANALYZED,
    RunStatus.NOTIFIED,
    RunStatus.FAILED,
    RunStatus.SKIPPED,
)
# The status a run ends in when the named stage is the last one that succeeded.
STATUS_AFTER_STAGE = {
    Stage.CHECK: RunStatus.CHECKED,
    Stage.ANALYZE: RunStatus.ANALYZED,
    Stage.NOTIFY: RunStatus.NOTIFIED,
}


class PipelineRun(models.Model):
    # Always generated here; a caller-supplied run id is never used.
    run_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # A caller's hint for log correlation; never used for an access decision.
    trace_id = models.CharField(max_length=64, blank=True, default="")
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.PENDING)
    current_stage = models.CharField(max_length=16, blank=True, default="")
    incident = models.ForeignKey(
        "alerts.Incident", null=True, blank=True, on_delete=models.SET_NULL, related_name="runs"
    )
    origin = models.CharField(max_length=16, choices=RunOrigin.choices)
    definition_name = models.CharField(max_length=100, blank=True, default="")
    attempts = models.PositiveIntegerField(default=0)
    # Attempts count up for the whole life of a run (they number its stage executions);
    # claims that do not count against the budget are added here: an operator's resume
    # (a fresh budget from then on) and each wait for a booked rate-limit slot.
    attempts_at_resume = models.PositiveIntegerField(default=0)
    not_before = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=200, blank=True, default="")
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    last_error_type = models.CharField(max_length=100, blank=True, default="")
    last_error_message = models.TextField(blank=True, default="")
    last_error_retryable = models.BooleanField(null=True, blank=True)
    # Validated caller choices for this run (lane name, channel names); never raw input.
    options = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["created_at", "not_before"],
                condition=Q(status__in=["pending", "retrying"]),
                name="run_claimable",
            ),
            models.Index(fields=["status", "lease_expires_at"], name="run_lease"),
            models.Index(fields=["trace_id"], name="run_trace"),
        ]

    def __str__(self) -> str:
        return f"run {self.run_id} ({self.status})"

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def attempts_in_budget(self) -> int:
        return self.attempts - self.attempts_at_resume


class PeriodicJob(models.Model):
    # One row per scheduler job: workers race on a conditional UPDATE of next_run_at, so
    # however many workers run, each job runs once per interval.
    name = models.CharField(max_length=50, unique=True)
    next_run_at = models.DateTimeField()
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")

    def __str__(self) -> str:
        return self.name


class StageExecution(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running"
        SUCCEEDED = "succeeded"
        FAILED = "failed"
        SKIPPED = "skipped"

    run = models.ForeignKey(PipelineRun, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(max_length=16, choices=Stage.choices)
    attempt = models.PositiveIntegerField()
    # run_id:stage:attempt — a stage attempt is recorded once, whoever retries it.
    idempotency_key = models.CharField(max_length=100, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    input_snapshot = models.JSONField(default=dict, blank=True)
    output_snapshot = models.JSONField(default=dict, blank=True)
    error_type = models.CharField(max_length=100, blank=True, default="")
    error = models.TextField(blank=True, default="")
    retryable = models.BooleanField(null=True, blank=True)
    # Why a stage was skipped ("stage not installed", a lane's skip_if_condition, …).
    reason = models.CharField(max_length=200, blank=True, default="")
    # Feeds a lane's `<stage>.has_errors` condition, also on resume.
    has_errors = models.BooleanField(default=False)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "started_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "stage", "attempt"], name="one_stage_attempt")
        ]

    def __str__(self) -> str:
        return self.idempotency_key

    @property
    def duration_ms(self) -> int | None:
        if not self.finished_at:
            return None
        return int((self.finished_at - self.started_at).total_seconds() * 1000)


class Lane(models.Model):
    # A routing lane: the first active lane (lowest priority number) whose rules all match.
    # Its table keeps the model's earlier name (PipelineDefinition); the API's
    # /orchestration/definitions/ routes and a run's definition_name keep it too.

    name = models.CharField(max_length=100, unique=True)
    active = models.BooleanField(default=True)
    priority = models.IntegerField(default=100, help_text="lower runs first")
    match = models.JSONField(
        default=list, blank=True, help_text='[{"field": "severity", "op": "is", "value": "…"}]'
    )
    stages = models.JSONField(
        default=list, help_text=f"ordered subset of {json.dumps(Stage.values)}"
    )
    channels = models.JSONField(default=list, blank=True, help_text="notification channel names")
    notify_actions = models.BooleanField(
        default=True,
        help_text="tell this lane's channels when a person acknowledges, resolves or closes "
        "an incident (only the notify stage runs for such an action)",
    )
    skip_if_condition = models.CharField(
        max_length=32, blank=True, default="", help_text="only '<stage>.has_errors'"
    )
    description = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "orchestration_pipelinedefinition"
        ordering = ["priority", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        validate_lane(self)
        check_channels(self)
