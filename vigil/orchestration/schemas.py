"""The typed shapes of runs as the API answers them (presenters build the dicts)."""

from datetime import datetime

from ninja import Schema


class ErrorOut(Schema):
    type: str
    message: str
    retryable: bool | None


class StageOut(Schema):
    stage: str
    attempt: int
    idempotency_key: str
    status: str
    reason: str
    has_errors: bool
    error: ErrorOut | None
    started_at: datetime | None
    finished_at: datetime | None
    duration_ms: int | None


class StageDetailOut(StageOut):
    input: dict
    output: dict


class RunOut(Schema):
    run_id: str
    trace_id: str
    status: str
    current_stage: str
    origin: str
    incident_id: int | None
    definition: str
    attempts: int
    not_before: datetime | None
    claimed_by: str
    lease_expires_at: datetime | None
    last_error: ErrorOut | None
    created_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None


class RunListItemOut(RunOut):
    stages: list[StageOut]


class DeliveryOut(Schema):
    channel: str
    driver: str
    status: str
    attempts: int
    error: str
    sent_at: datetime | None


class RunDetailOut(RunOut):
    stages: list[StageDetailOut]
    # Each channel the run's notify stage reached, and each it could not (no such channel).
    deliveries: list[DeliveryOut] = []
    run_ids: list[str] | None = None


class AcceptedOut(Schema):
    run_id: str
    run_ids: list[str]
    trace_id: str
    status: str
    incident_id: int | None
    definition: str


class TraceStageOut(StageOut):
    output: dict


class TraceRunOut(RunOut):
    stages: list[TraceStageOut]
    deliveries: list[DeliveryOut]


class TraceAlertOut(Schema):
    id: int
    source: str
    name: str
    status: str
    fingerprint: str


class TraceIncidentOut(Schema):
    id: int
    title: str
    status: str
    severity: str
    source: str
    alerts: list[TraceAlertOut]


class TraceOut(Schema):
    query: str
    matched_as: str
    incidents: list[TraceIncidentOut]
    runs: list[TraceRunOut]
