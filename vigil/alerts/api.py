"""Incident and alert API (the webhook itself is the plain view in views.py)."""

import json
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from vigil.accounts.roles import RESPONDER
from vigil.alerts import services
from vigil.alerts.models import Alert, Incident

router = Router(tags=["alerts"])

MAX_LIMIT = 500


class IncidentFilters(Schema):
    status: Literal["open", "acknowledged", "resolved", "closed"] | None = None
    severity: Literal["critical", "warning", "info"] | None = None
    source: str | None = None
    flapping: bool | None = None
    limit: int = 50
    offset: int = 0


class AlertFilters(Schema):
    status: Literal["firing", "acknowledged", "resolved"] | None = None
    severity: Literal["critical", "warning", "info"] | None = None
    source: str | None = None
    incident: int | None = None
    limit: int = 50
    offset: int = 0


def _page(queryset, limit: int, offset: int):
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise HttpError(400, f"limit must be 1..{MAX_LIMIT} and offset >= 0")
    return list(queryset[offset : offset + limit])


def _incident_summary(incident: Incident) -> dict:
    return {
        "id": incident.pk,
        "title": incident.title,
        "status": incident.status,
        "severity": incident.severity,
        "source": incident.source,
        "environment": incident.environment,
        "flapping": incident.flapping,
        "group_key": incident.group_key,
        "opened_at": incident.opened_at,
        "updated_at": incident.updated_at,
        "acknowledged_at": incident.acknowledged_at,
        "acknowledged_by": incident.acknowledged_by,
        "resolved_at": incident.resolved_at,
        "closed_at": incident.closed_at,
    }


def _actor(request) -> str:
    return request.auth.actor


@router.get("incidents/", summary="List incidents, newest first")
def list_incidents(request, filters: Query[IncidentFilters]):
    queryset = Incident.objects.all()
    for name in ("status", "severity", "source", "flapping"):
        value = getattr(filters, name)
        if value is not None:
            queryset = queryset.filter(**{name: value})
    items = _page(queryset, filters.limit, filters.offset)
    return {
        "items": [_incident_summary(incident) for incident in items],
        "limit": filters.limit,
        "offset": filters.offset,
    }


@router.get("incidents/{incident_id}/", summary="One incident, its alerts and its timeline")
def get_incident(request, incident_id: int):
    incident = get_object_or_404(Incident, pk=incident_id)
    timeline = [
        {
            "at": entry.at,
            "event": entry.event,
            "alert_id": entry.alert_id,
            "from_status": entry.from_status,
            "to_status": entry.to_status,
            "by": entry.by,
            "detail": entry.detail,
        }
        for entry in incident.history.all()
    ]
    return {
        **_incident_summary(incident),
        "resolution_note": incident.resolution_note,
        "snapshot": incident.snapshot(),
        "timeline": timeline,
    }


def _note(request) -> str:
    """The optional JSON body {"note": "..."}; no body is fine (curl -X POST)."""
    if request.content_type != "application/json" or not request.body.strip():
        return ""
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        raise HttpError(400, 'body must be empty or a JSON object {"note": "..."}') from None
    if not isinstance(body, dict) or not isinstance(body.get("note", ""), str):
        raise HttpError(400, 'body must be empty or a JSON object {"note": "..."}')
    return body.get("note", "")[:10_000]


def _transition(request, incident_id: int, action):
    incident = get_object_or_404(Incident, pk=incident_id)
    try:
        if action is services.acknowledge_incident:
            incident = action(incident, _actor(request))
        else:
            incident = action(incident, _actor(request), note=_note(request))
    except services.IncidentStateError as exc:
        raise HttpError(409, str(exc)) from None
    return _incident_summary(incident)


@router.post("incidents/{incident_id}/acknowledge/", auth=RESPONDER, summary="open -> acknowledged")
def acknowledge(request, incident_id: int):
    return _transition(request, incident_id, services.acknowledge_incident)


@router.post(
    "incidents/{incident_id}/resolve/",
    auth=RESPONDER,
    summary='open/acknowledged -> resolved; optional body {"note": "..."}',
)
def resolve(request, incident_id: int):
    return _transition(request, incident_id, services.resolve_incident)


@router.post(
    "incidents/{incident_id}/close/",
    auth=RESPONDER,
    summary='any -> closed (never reopens); optional body {"note": "..."}',
)
def close(request, incident_id: int):
    return _transition(request, incident_id, services.close_incident)


@router.get("alerts/", summary="List alerts, most recently seen first")
def list_alerts(request, filters: Query[AlertFilters]):
    queryset = Alert.objects.all()
    for name, lookup in (
        ("status", "status"),
        ("severity", "severity"),
        ("source", "source"),
        ("incident", "incident_id"),
    ):
        value = getattr(filters, name)
        if value is not None:
            queryset = queryset.filter(**{lookup: value})
    items = _page(queryset, filters.limit, filters.offset)
    return {
        "items": [
            {
                **alert.snapshot(),
                "incident_id": alert.incident_id,
                "severity_raw": alert.severity_raw,
                "first_seen_at": alert.first_seen_at,
                "last_seen_at": alert.last_seen_at,
                "duplicate_count": alert.duplicate_count,
            }
            for alert in items
        ],
        "limit": filters.limit,
        "offset": filters.offset,
    }
