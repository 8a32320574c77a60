"""The hand-written statements (core/fastsql.py) and the ORM agree, for every model
written by hand: a row written each way and read back each way holds the same value in
every field — JSON with non-ASCII text and big numbers, datetimes in another time zone,
NULLs, non-ASCII text."""

import itertools
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.db import connection, models

from vigil.alerts.models import Alert, AlertHistory, Incident
from vigil.core import fastsql
from vigil.intelligence.models import AnalysisRun
from vigil.notify.models import Delivery
from vigil.orchestration.models import PipelineRun, StageExecution

pytestmark = pytest.mark.django_db

IST = timezone(timedelta(hours=5, minutes=30))
AT = datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=IST)
JSON = {"é": ["ü", 1, 2.5, None, True, {"nested": '漢字 "quoted" \\ back'}], "big": 2**53}
TEXT = "Disk full — überlastet 漢字 'quote' \"dq\""
COUNTER = itertools.count()
# Keys of unique constraints (beside unique fields): a second row needs its own.
KEYS = {"group_key", "fingerprint", "attempt"}

# The models written by hand-written SQL, and their required relations.
MODELS = [Incident, Alert, AlertHistory, PipelineRun, StageExecution, Delivery, AnalysisRun]


def _value(field: models.Field, nulls: bool):
    if nulls and field.null:
        return None
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.JSONField):
        return JSON
    if isinstance(field, models.DateTimeField):
        return AT
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.BooleanField):
        return True
    if isinstance(field, (models.BigIntegerField, models.PositiveIntegerField)):
        return 2**31 - 7 - next(COUNTER)
    if isinstance(field, models.IntegerField):
        return 40 + next(COUNTER)
    text = f"{TEXT} {next(COUNTER)}"  # unique: some of these are unique keys
    return text[-field.max_length :] if field.max_length else text


def _related(model, nulls: bool) -> dict:
    if model is Incident:
        return {}
    incident = _instance(Incident, nulls=False)
    incident.save()
    if model in (Alert, PipelineRun):
        return {"incident": None if nulls else incident}
    if model is AlertHistory:
        alert = _instance(Alert, nulls=False)
        alert.incident = incident
        alert.save()
        return {"alert": alert, "incident": None if nulls else incident}
    if model is StageExecution:
        run = _instance(PipelineRun, nulls=False)
        run.save()
        return {"run": run}
    return {}


def _instance(model, *, nulls: bool, related: dict | None = None):
    values = {
        f.attname: _value(f, nulls)
        for f in model._meta.concrete_fields
        if not f.primary_key and not f.is_relation
    }
    return model(**values, **(related or {}))


def _copy(obj):
    other = type(obj)(**{f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields})
    other.pk = None
    for f in obj._meta.concrete_fields:
        if _key(f):
            setattr(other, f.attname, _value(f, nulls=False))
    return other


def _fields(obj) -> dict:
    return {
        f.attname: _exact(getattr(obj, f.attname))
        for f in obj._meta.concrete_fields
        if not f.primary_key and not _key(f) and not _automatic(f)
    }


def _exact(value):
    # Equal instants in two time zones compare equal; what is stored must be the same.
    return value.isoformat() if isinstance(value, datetime) else value


def _key(field) -> bool:
    return not field.primary_key and (field.unique or field.name in KEYS)


def _automatic(field) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def _read_both_ways(model, pk) -> tuple:
    by_orm = model.objects.get(pk=pk)
    (by_sql,) = fastsql.select_in(model, "id", [pk])
    assert _fields(by_sql) == _fields(by_orm)
    for f in model._meta.concrete_fields:
        if _automatic(f):
            assert getattr(by_sql, f.attname) == getattr(by_orm, f.attname) is not None
    return by_orm, by_sql


def _insert_as_recordset(obj) -> int:
    """What alerts/store.py and orchestration/steps.py send on PostgreSQL."""
    model = type(obj)
    cols = fastsql.record_columns(model)
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [model._meta.db_table])
        (pk,) = cursor.fetchone()
        fastsql.mark_saved(obj, pk)
        rows = fastsql.records([fastsql.record(cols, obj, add=True)])
        cursor.execute(fastsql.recordset_insert_sql(model, with_pk=True), [rows])
    return pk


def _insert_as_rows(obj) -> int:
    """What alerts/store.py sends elsewhere (several rows per statement)."""
    model = type(obj)
    params = fastsql.params(fastsql.stored_columns(model), obj, add=True)
    with connection.cursor() as cursor:
        cursor.execute(fastsql.insert_sql(model, 1), params)
        (pk,) = cursor.fetchone()
    return pk


def _writers(model) -> list:
    writers = [("insert", lambda obj: fastsql.insert(obj) or obj.pk), ("rows", _insert_as_rows)]
    if connection.vendor == "postgresql" and model is not Delivery:  # encrypted: refused
        writers.append(("recordset", _insert_as_recordset))
    return writers


@pytest.mark.parametrize("nulls", [False, True], ids=["values", "nulls"])
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_hand_written_insert_stores_what_the_orm_stores(model, nulls):
    related = _related(model, nulls)
    orm = _instance(model, nulls=nulls, related=related)
    orm.save(force_insert=True)
    expected, _ = _read_both_ways(model, orm.pk)
    assert _fields(expected) == {  # the ORM reads back what it was given, in UTC
        name: _exact(value.astimezone(UTC)) if isinstance(value, datetime) else value
        for name, value in {f: getattr(orm, f) for f in _fields(orm)}.items()
    }
    for name, write in _writers(model):
        obj = _copy(orm)
        pk = write(obj)
        by_orm, _ = _read_both_ways(model, pk)
        assert _fields(by_orm) == _fields(expected), name


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_hand_written_update_stores_what_the_orm_stores(model):
    related = _related(model, nulls=False)
    by_orm, by_sql = _instance(model, nulls=False, related=related), None
    by_orm.save(force_insert=True)
    by_sql = _copy(by_orm)
    by_sql.save(force_insert=True)
    names = [f.name for f in model._meta.concrete_fields if not f.primary_key and not _key(f)]
    for obj in (by_orm, by_sql):
        for f in model._meta.concrete_fields:
            if f.name in names and not f.is_relation and not _automatic(f):
                setattr(
                    obj, f.attname, _value(f, nulls=True) if f.null else getattr(obj, f.attname)
                )
    by_orm.save(update_fields=names)
    fastsql.update(by_sql, names)
    assert _fields(_read_both_ways(model, by_sql.pk)[0]) == _fields(
        _read_both_ways(model, by_orm.pk)[0]
    )
    if connection.vendor == "postgresql" and model is not Delivery:
        sql, cols = fastsql.recordset_update_sql(model, tuple(names))
        by_sql.pk = by_orm.pk
        by_orm.refresh_from_db()
        with connection.cursor() as cursor:
            cursor.execute(sql, [fastsql.records([fastsql.record(cols, by_sql, add=False)])])
        assert _fields(_read_both_ways(model, by_orm.pk)[0]) == _fields(by_orm)
