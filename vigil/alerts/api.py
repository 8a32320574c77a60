"""Incident and alert API (the webhook itself is the plain view in views.py).

Lists: incidents in the cursor form `{limit, next_cursor, items}` (keyset pagination,
docs/console.md), alerts in the offset form `{count, limit, offset, items}`.
"""

import json
import threading
import time

import orjson
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.responses import Status

from vigil.accounts.roles import RESPONDER
from vigil.alerts import actions, lifecycle, listing
from vigil.alerts.models import Alert, Incident
from vigil.alerts.schemas import (
    DATETIME_FIELDS,
    AlertFilters,
    AlertOut,
    AssignIn,
    BulkIn,
    BulkOut,
    ChangesOut,
    CommentIn,
    CountsOut,
    HistoryOut,
    IncidentDetailOut,
    IncidentFilters,
    IncidentListQuery,
    IncidentOut,
    IncidentPageOut,
)
from vigil.core.pages import Page
from vigil.core.timefmt import iso

router = Router(tags=["alerts"])


def _list_error(exc: listing.ListError):
    return HttpError(400, str(exc))


def _known_parameters(request, schema) -> None:
    """A misspelt filter (?statuss=open) must not quietly answer everything."""
    unknown = sorted(set(request.GET) - set(schema.model_fields))
    if unknown:
        raise HttpError(
            400,
            f"unknown parameter {unknown[0][:50]!r}; valid: {', '.join(schema.model_fields)}",
        )


def _items(rows: list[dict]) -> list[dict]:
    for row in rows:
        for name in DATETIME_FIELDS:
            row[name] = iso(row[name])
    return rows


def _json(body: dict, status: int = 200) -> HttpResponse:
    # orjson over rows already in the schema's shape (a test holds them to it): Ninja's
    # validation of 50 items cost more than the query (bench/console.py).
    return HttpResponse(orjson.dumps(body), content_type="application/json", status=status)


@router.get("incidents/", response=IncidentPageOut, summary="Incidents, filtered and sorted")
def list_incidents(request, query: Query[IncidentListQuery]):
    _known_parameters(request, IncidentListQuery)
    try:
        found = listing.page(
            query.filters(), sort=query.sort, limit=query.limit, cursor=query.cursor
        )
    except listing.ListError as exc:
        raise _list_error(exc) from None
    head = orjson.dumps({"limit": query.limit, "next_cursor": found.next_cursor})
    body = b"".join((head[:-1], b',"items":[', b",".join(found.items), b"]}"))
    return HttpResponse(body, content_type="application/json")


@router.post(
    "incidents/bulk/",
    auth=RESPONDER,
    response=BulkOut,
    summary="Acknowledge or resolve many incidents; each answers for itself",
)
def bulk(request, body: BulkIn):
    outcomes = actions.bulk(body.action, body.ids, request.auth.actor, body.note)
    return {"results": [outcome.to_dict() for outcome in outcomes]}


@router.get("incidents/counts/", response=CountsOut, summary="Incidents per status")
def incident_counts(request, query: Query[IncidentFilters]):
    _known_parameters(request, IncidentFilters)
    try:
        return listing.counts(query.filters())
    except listing.ListError as exc:
        raise _list_error(exc) from None


class _Waiters:
    """How many requests of this process are holding a thread for a change."""

    def __init__(self):
        self._lock = threading.Lock()
        self.holding = 0

    def take(self) -> bool:
        with self._lock:
            if self.holding >= settings.LIVE_UPDATES_MAX_WAITERS:
                return False
            self.holding += 1
            return True

    def give_back(self) -> None:
        with self._lock:
            self.holding -= 1


waiters = _Waiters()


@router.get(
    "incidents/changes/",
    response={200: ChangesOut, 304: None},
    summary="Incidents changed since a cursor; 304 while nothing changed (long polling)",
)
def incident_changes(
    request,
    since: str | None = Query(None, max_length=200),
    wait: int = Query(0, ge=0, le=25, description="seconds to hold the answer for a change"),
):
    known = request.META.get("HTTP_IF_NONE_MATCH", "")
    try:
        found = listing.changes(since)
        if wait and found.etag == known and waiters.take():
            try:
                deadline = time.monotonic() + wait
                while found.etag == known and time.monotonic() < deadline:
                    time.sleep(settings.LIVE_UPDATES_POLL_SECONDS)
                    found = listing.changes(since)
            finally:
                waiters.give_back()
    except listing.ListError as exc:
        raise _list_error(exc) from None
    if found.etag == known:
        response = HttpResponse(status=304)
    else:
        response = _json({"cursor": found.cursor, "items": _items(found.items)})
    response["ETag"] = found.etag
    response["Cache-Control"] = "no-cache"
    return response


def _alert_out(alert: Alert) -> dict:
    return {field: getattr(alert, field) for field in AlertOut.model_fields}


@router.get(
    "incidents/{incident_id}/",
    response=IncidentDetailOut,
    summary="One incident, its alerts and its history",
)
def get_incident(request, incident_id: int):
    incident = get_object_or_404(Incident, pk=incident_id)
    return {
        **{field: getattr(incident, field) for field in IncidentOut.model_fields},
        "resolution_note": incident.resolution_note,
        "alerts": [_alert_out(alert) for alert in incident.alerts.order_by("pk")],
        "timeline": list(incident.history.all()),
    }


def _note(request) -> str:
    """The optional JSON body {"note": "..."}; no body is fine (curl -X POST)."""
    raw = request.body
    if request.content_type != "application/json":
        # An empty multipart form (what some clients send for "no body") carries no part.
        empty_form = (
            request.content_type == "multipart/form-data" and b"Content-Disposition" not in raw
        )
        if raw.strip() and not empty_form:
            raise HttpError(415, 'send the note as JSON: {"note": "..."}')
        return ""
    if not raw.strip():
        return ""
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise HttpError(400, 'body must be empty or a JSON object {"note": "..."}') from None
    if not isinstance(body, dict) or not isinstance(body.get("note", ""), str):
        raise HttpError(400, 'body must be empty or a JSON object {"note": "..."}')
    return body.get("note", "")[:10_000]


def _transition(request, incident_id: int, action):
    incident = get_object_or_404(Incident, pk=incident_id)
    by = request.auth.actor
    try:
        return action(incident, by, note=_note(request))
    except lifecycle.IncidentStateError as exc:
        raise HttpError(409, str(exc)) from None


@router.post(
    "incidents/{incident_id}/acknowledge/",
    auth=RESPONDER,
    response=IncidentOut,
    summary='open -> acknowledged; optional body {"note": "..."}',
)
def acknowledge(request, incident_id: int):
    return _transition(request, incident_id, lifecycle.acknowledge_incident)


@router.post(
    "incidents/{incident_id}/resolve/",
    auth=RESPONDER,
    response=IncidentOut,
    summary='open/acknowledged -> resolved; optional body {"note": "..."}',
)
def resolve(request, incident_id: int):
    return _transition(request, incident_id, lifecycle.resolve_incident)


@router.post(
    "incidents/{incident_id}/close/",
    auth=RESPONDER,
    response=IncidentOut,
    summary='any -> closed (never reopens); optional body {"note": "..."}',
)
def close(request, incident_id: int):
    return _transition(request, incident_id, lifecycle.close_incident)


@router.post(
    "incidents/{incident_id}/comments/",
    auth=RESPONDER,
    response={201: HistoryOut},
    summary="Add a comment to the incident's timeline",
)
def add_comment(request, incident_id: int, body: CommentIn):
    incident = get_object_or_404(Incident, pk=incident_id)
    try:
        return Status(201, actions.comment(incident, request.auth.actor, body.text))
    except actions.ActionError as exc:
        raise HttpError(400, str(exc)) from None


@router.post(
    "incidents/{incident_id}/assign/",
    auth=RESPONDER,
    response=IncidentOut,
    summary="Give the incident to a user (empty: nobody)",
)
def assign(request, incident_id: int, body: AssignIn):
    incident = get_object_or_404(Incident, pk=incident_id)
    try:
        return actions.assign(incident, request.auth.actor, body.assignee.strip())
    except actions.ActionError as exc:
        raise HttpError(400, str(exc)) from None


@router.get("alerts/", response=Page[AlertOut], summary="Alerts, most recently seen first")
def list_alerts(request, filters: Query[AlertFilters]):
    _known_parameters(request, AlertFilters)
    queryset = Alert.objects.all()
    for name in ("status", "severity", "source", "incident_id"):
        value = getattr(filters, name)
        if value is not None:
            queryset = queryset.filter(**{name: value})
    page = queryset[filters.offset : filters.offset + filters.limit]
    return {
        "count": queryset.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [_alert_out(alert) for alert in page],
    }
