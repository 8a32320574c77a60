"""The incident list: filters, keyset pagination, counts per status, changes since.

Keyset rather than offset: a page deep in 100,000 incidents costs what the first one
does, and a new incident arriving while someone pages does not shift the rows under
them. The cursor is opaque to callers (base64 of the last row's sort value and id).
"""

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import orjson
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import Count, DateTimeField, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from vigil.alerts.models import Incident, IncidentStatus
from vigil.core.timefmt import iso

SORTS = {
    "-opened_at": ("opened_at", True),
    "opened_at": ("opened_at", False),
    "-updated_at": ("updated_at", True),
    "updated_at": ("updated_at", False),
}
LABEL = re.compile(r"^([A-Za-z0-9_.:/-]{1,100})[:=](.{0,200})$")
# Rows updated this long before a watcher's cursor are sent again: a transaction that
# commits late with an earlier updated_at would otherwise never be seen.
CHANGES_OVERLAP = timedelta(seconds=2)
MAX_CHANGES = 200
# What a list item shows: read as plain rows (.values()), not model instances, which cost
# the list a third of its time (bench/console.py).
ITEM_FIELDS = (
    "id", "title", "status", "severity", "source", "environment", "flapping", "group_key",
    "labels", "assignee", "opened_at", "updated_at", "acknowledged_at", "acknowledged_by",
    "resolved_at", "resolved_by", "closed_at", "closed_by",
)  # fmt: skip
DATETIME_FIELDS = tuple(
    name for name in ITEM_FIELDS if isinstance(Incident._meta.get_field(name), DateTimeField)
)


def _iso_sql(column: str) -> str:
    """core/timefmt.iso's format, written by PostgreSQL: milliseconds only when any."""
    utc = f"({column} AT TIME ZONE 'UTC')"
    return (
        f"CASE WHEN mod(extract(microseconds FROM {column})::bigint, 1000000) = 0 "
        f"""THEN to_char({utc}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') """
        f"""ELSE to_char({utc}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END"""
    )


def _column(name: str) -> str:
    return f'"{Incident._meta.db_table}"."{Incident._meta.get_field(name).column}"'


def _item_sql() -> str:
    pairs = []
    for name in ITEM_FIELDS:
        column = _column(name)
        pairs.append(f"'{name}', {_iso_sql(column) if name in DATETIME_FIELDS else column}")
    return f"json_build_object({', '.join(pairs)})::text"


# On PostgreSQL a list item's JSON is written by the database: in Python, reading 50 rows
# (200 timestamps parsed, then formatted again) took half of the request's CPU, and so
# did compiling the same select as ORM expressions at every request (bench/console.py).
# Built from the model's own names only, once.
ITEM_SQL = RawSQL(_item_sql(), ())  # noqa: S611
# The sort value as text: only the last row's is read (the next cursor).
SORT_TEXT_SQL = {column: RawSQL(f"{_column(column)}::text", ()) for column, _ in SORTS.values()}  # noqa: S611


class ListError(ValueError):
    """A filter or cursor that cannot be used; the message names it."""


@dataclass
class Filters:
    status: list[str] = field(default_factory=list)
    severity: list[str] = field(default_factory=list)
    source: str | None = None
    lane: str | None = None
    labels: list[str] = field(default_factory=list)
    q: str | None = None
    opened_after: datetime | None = None
    opened_before: datetime | None = None
    flapping: bool | None = None
    assignee: str | None = None


def _lane_runs():
    # Lanes are the orchestrator's: reached through the incident's reverse relation, so
    # this module needs no import from a higher layer.
    try:
        return Incident._meta.get_field("runs").related_model
    except FieldDoesNotExist:
        raise ListError("the lane filter needs the orchestration app") from None


def _label_q(spec: str) -> Q:
    found = LABEL.match(spec)
    if not found:
        raise ListError(f"label filter {spec[:60]!r} must be key:value (key: A-Z a-z 0-9 _.:/-)")
    key, value = found.groups()
    if "__" in key:
        raise ListError(f"label key {key[:60]!r} may not contain '__'")
    if connection.vendor == "postgresql":
        return Q(labels__contains={key: value})  # the GIN index answers containment
    return Q(**{f"labels__{key}": value})


def apply(queryset, filters: Filters, *, with_status: bool = True):
    if with_status and filters.status:
        queryset = queryset.filter(status__in=filters.status)
    if filters.severity:
        queryset = queryset.filter(severity__in=filters.severity)
    for name in ("source", "flapping", "assignee"):
        value = getattr(filters, name)
        if value is not None:
            queryset = queryset.filter(**{name: value})
    if filters.lane:
        runs = _lane_runs().objects.filter(incident=OuterRef("pk"), definition_name=filters.lane)
        queryset = queryset.filter(Exists(runs))
    for spec in filters.labels:
        queryset = queryset.filter(_label_q(spec))
    if filters.q:
        queryset = queryset.filter(title__icontains=filters.q)
    if filters.opened_after:
        queryset = queryset.filter(opened_at__gte=filters.opened_after)
    if filters.opened_before:
        queryset = queryset.filter(opened_at__lt=filters.opened_before)
    return queryset


def encode_cursor(value: datetime, pk: int) -> str:
    raw = json.dumps([value.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        stamp, pk = json.loads(raw)
        value = parse_datetime(stamp)
    except (ValueError, TypeError):
        raise ListError("cursor is not one this API gave out; start again without it") from None
    if value is None or not isinstance(pk, int):
        raise ListError("cursor is not one this API gave out; start again without it")
    return value, pk


@dataclass
class Page:
    items: list[bytes]  # each item's JSON, in the API's shape (schemas.IncidentOut)
    next_cursor: str | None


def item_json(row: dict) -> bytes:
    return orjson.dumps({**row, **{name: iso(row[name]) for name in DATETIME_FIELDS}})


def page(filters: Filters, *, sort: str, limit: int, cursor: str | None) -> Page:
    if sort not in SORTS:
        raise ListError(f"unknown sort {sort!r}; valid: {', '.join(SORTS)}")
    column, descending = SORTS[sort]
    queryset = apply(Incident.objects.all(), filters)
    if cursor:
        value, pk = decode_cursor(cursor)
        after = "lt" if descending else "gt"
        queryset = queryset.filter(
            Q(**{f"{column}__{after}": value}) | Q(**{column: value, f"pk__{after}": pk})
        )
    queryset = queryset.order_by(*([f"-{column}", "-pk"] if descending else [column, "pk"]))
    more = None
    if connection.vendor == "postgresql":
        queryset = queryset.annotate(item_json=ITEM_SQL, sort_text=SORT_TEXT_SQL[column])
        rows = list(queryset.values_list("item_json", "id", "sort_text")[: limit + 1])
        items = [row[0].encode() for row in rows[:limit]]
        if len(rows) > limit:
            more = (parse_datetime(rows[limit - 1][2]), rows[limit - 1][1])
    else:
        rows = list(queryset.values(*ITEM_FIELDS)[: limit + 1])
        items = [item_json(row) for row in rows[:limit]]
        if len(rows) > limit:
            more = (rows[limit - 1][column], rows[limit - 1]["id"])
    return Page(items, encode_cursor(*more) if more else None)


def counts(filters: Filters) -> dict[str, int]:
    """How many incidents of each status the other filters leave."""
    rows = apply(Incident.objects.all(), filters, with_status=False)
    found = dict(rows.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: found.get(status, 0) for status in IncidentStatus.values}


@dataclass
class Changes:
    items: list[dict]
    cursor: str
    etag: str


def changes(since: str | None) -> Changes:
    """Incidents updated since a watcher's cursor (the newest `updated_at` they saw), with
    an ETag that stays the same while nothing new happened."""
    if since:
        watermark, _ = decode_cursor(since)
        rows = Incident.objects.filter(updated_at__gt=watermark - CHANGES_OVERLAP)
        rows = list(rows.order_by("updated_at", "pk").values(*ITEM_FIELDS)[:MAX_CHANGES])
    else:
        rows = []
        watermark = Incident.objects.order_by("-updated_at").values_list(
            "updated_at", flat=True
        ).first() or timezone.now()  # fmt: skip
    newest = max([watermark, *(row["updated_at"] for row in rows)])
    seen = ";".join(f"{row['id']}@{row['updated_at'].isoformat()}" for row in rows)
    etag = hashlib.sha256(seen.encode()).hexdigest()[:20] if rows else "empty"
    return Changes(rows, encode_cursor(newest, 0), f'"{etag}"')
