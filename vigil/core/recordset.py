"""Many rows in one parameter: multi-row statements whose text does not grow with rows.

PostgreSQL expands a JSON array of objects into typed rows with `json_to_recordset`, so
an INSERT or UPDATE of any number of rows is one statement with one bound parameter:
its text is built once per shape and its cost per round trip stays fixed. Used by the
ingest path (alerts/store.py) and the orchestrator's steps (orchestration/steps.py).

Identifiers come from model metadata only; every value travels inside the parameter.
Values are written as they are on the instance, so only Django's own field types whose
stored value is that value are accepted: a model with any other field (an encrypted
field, say, whose stored value is not its Python value) is refused, never written raw.
"""

import json
import uuid
from datetime import datetime
from functools import cache

import orjson
from django.db import models

from vigil.core.fastsql import default_connection

# Field types (exactly these, not subclasses) whose value JSON carries as stored.
PLAIN_FIELDS = frozenset(
    {
        models.AutoField, models.BigAutoField, models.IntegerField, models.BigIntegerField,
        models.PositiveIntegerField, models.CharField, models.TextField, models.BooleanField,
        models.DateTimeField, models.UUIDField, models.JSONField, models.ForeignKey,
    }
)  # fmt: skip


@cache
def record_fields(model) -> list[tuple[str, str, models.Field, bool, str]]:
    """(JSON key = column, attname, field, set by pre_save on insert, SQL type) of every
    stored field, the pk first."""
    conn = default_connection()
    refused = [f.name for f in model._meta.concrete_fields if type(f) not in PLAIN_FIELDS]
    if refused:
        raise TypeError(
            f"{model.__name__} cannot be written as a recordset: {', '.join(refused)} "
            "store a value that is not their Python value"
        )
    return [
        (
            f.column,
            f.attname,
            f,
            bool(getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)),
            f.db_type(conn),
        )
        for f in model._meta.concrete_fields
    ]


def pick(model, attnames) -> list[tuple[str, str, models.Field, bool, str]]:
    """The record fields of these attnames, in the model's field order."""
    wanted = set(attnames)
    return [f for f in record_fields(model) if f[1] in wanted]


def recordset(fields) -> tuple[str, str]:
    """The column list and the `AS r(...)` definition for `fields`."""
    quote = default_connection().ops.quote_name
    names = ", ".join(quote(column) for column, *_ in fields)
    record = ", ".join(f"{quote(column)} {sql_type}" for column, *_, sql_type in fields)
    return names, record


def record(fields, obj, *, add: bool) -> dict:
    return {
        column: field.pre_save(obj, add) if add and automatic else getattr(obj, attname)
        for column, attname, field, automatic, _ in fields
    }


def _json_default(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def records(rows: list[dict]) -> str:
    """The rows as the JSON text `json_to_recordset` reads."""
    # orjson writes datetimes and UUIDs itself, ~17x faster than json with a default
    # hook (10 alert rows: 11 vs 189 us): this was a fifth of a 10-alert webhook's CPU.
    # What it refuses (an integer beyond 64 bits, a key that is not a string) goes
    # through json, which writes those as PostgreSQL reads them.
    try:
        return orjson.dumps(rows).decode()
    except orjson.JSONEncodeError:
        return json.dumps(rows, default=_json_default, separators=(",", ":"))
