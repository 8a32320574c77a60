"""The typed shapes of the incident and alert API (the OpenAPI schema the console's
client is checked against)."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from vigil.alerts import actions, listing

MAX_LIMIT = 500
IncidentStatusName = Literal["open", "acknowledged", "resolved", "closed"]
SeverityName = Literal["critical", "warning", "info"]


class IncidentFilters(Schema):
    status: list[IncidentStatusName] = Field(default_factory=list, description="repeatable")
    severity: list[SeverityName] = Field(default_factory=list, description="repeatable")
    source: str | None = Field(None, max_length=32)
    lane: str | None = Field(None, max_length=100, description="had a run on this lane")
    label: list[str] = Field(
        default_factory=list, description="key:value, repeatable (all must match)"
    )
    q: str | None = Field(None, max_length=200, description="text in the title")
    opened_after: datetime | None = None
    opened_before: datetime | None = None
    flapping: bool | None = None
    assignee: str | None = Field(None, max_length=150)

    def filters(self) -> listing.Filters:
        data = self.model_dump(include=set(IncidentFilters.model_fields))
        data["labels"] = data.pop("label")
        return listing.Filters(**data)


class IncidentListQuery(IncidentFilters):
    sort: Literal["-opened_at", "opened_at", "-updated_at", "updated_at"] = "-opened_at"
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(None, max_length=200, description="next_cursor of a page")


class IncidentOut(Schema):
    id: int
    title: str
    status: IncidentStatusName
    severity: SeverityName
    source: str
    environment: str
    flapping: bool
    group_key: str
    labels: dict
    assignee: str
    opened_at: datetime
    updated_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str
    resolved_at: datetime | None
    resolved_by: str
    closed_at: datetime | None
    closed_by: str


DATETIME_FIELDS = tuple(
    name for name, field in IncidentOut.model_fields.items() if "datetime" in repr(field.annotation)
)


class IncidentPageOut(Schema):
    limit: int
    next_cursor: str | None = Field(description="pass as ?cursor= for the next page; null: last")
    items: list[IncidentOut]


class CountsOut(Schema):
    open: int
    acknowledged: int
    resolved: int
    closed: int


class ChangesOut(Schema):
    cursor: str = Field(description="send back as ?since= on the next call")
    items: list[IncidentOut]


class HistoryOut(Schema):
    at: datetime
    event: str
    alert_id: int | None
    from_status: str
    to_status: str
    by: str
    detail: dict


class AlertOut(Schema):
    id: int
    incident_id: int | None
    source: str
    fingerprint: str
    name: str
    status: Literal["firing", "acknowledged", "resolved"]
    severity: SeverityName
    severity_raw: str
    labels: dict
    annotations: dict
    description: str
    started_at: datetime | None
    ended_at: datetime | None
    first_seen_at: datetime
    last_seen_at: datetime
    duplicate_count: int


class IncidentDetailOut(IncidentOut):
    resolution_note: str
    alerts: list[AlertOut]
    timeline: list[HistoryOut]


class AlertFilters(Schema):
    status: Literal["firing", "acknowledged", "resolved"] | None = None
    severity: SeverityName | None = None
    source: str | None = None
    incident_id: int | None = None
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


class CommentIn(Schema):
    text: str = Field(min_length=1, max_length=actions.MAX_COMMENT)


class AssignIn(Schema):
    assignee: str = Field(max_length=150, description="a user name; empty: unassign")


class BulkIn(Schema):
    action: Literal["acknowledge", "resolve"]
    ids: list[int] = Field(min_length=1, max_length=200)
    note: str = Field("", max_length=10_000)


class BulkItemOut(Schema):
    id: int
    ok: bool
    status: str
    error: str


class BulkOut(Schema):
    results: list[BulkItemOut]
