"""The one writer of hand-written SQL: rows read, inserted and updated from statements
written once per model, not compiled per call.

Every pipeline run reads and writes a few rows (its run, incident and alerts, its
analysis, its delivery), and every webhook a few more: through the ORM most of that CPU
went to Django's SQL compiler, not to the database. These helpers issue the statements
the ORM would, with the values it would store, for callers that hold model instances:
the per-run rows (`insert`, `update`, `select_in`), the ingest transaction
(alerts/store.py) and a batch of runs' steps (orchestration/steps.py).

One value policy (`columns`), whatever the statement:
- a value is the instance's, or `pre_save`'s for an auto_now / auto_now_add field, as
  Model.save() takes it (`params`, `record`);
- it is stored as the field's `get_db_prep_save` would store it, with two shortcuts
  that give the same stored value: a field type the database stores as it is (text,
  numbers, booleans, foreign keys; on PostgreSQL also aware datetimes and UUIDs, which
  psycopg adapts itself) passes through, and a JSONField travels as JSON text
  (`json.dumps` with the field's encoder, cast `::jsonb` on PostgreSQL: ~2.9x faster
  than psycopg's Jsonb adapter for batches). Exact types only: a subclass (an encrypted
  field) is converted by its own `get_db_prep_save`;
- many rows in one parameter (PostgreSQL, `records`): the same values as JSON, which
  `json_to_recordset` expands into typed rows, so a statement's text and its cost per
  round trip do not grow with its rows. Only fields that pass through or are JSON can
  travel so: a model with any other field is refused, never written raw.

`save()` is still used by `insert`/`update` where these would change behaviour: for a
model with save signal receivers, and on a database that cannot return the new id from
an INSERT. On PostgreSQL statements are prepared once per connection (core/prepared.py).
Identifiers come from model metadata only; every value is a bound parameter.
"""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache

import orjson
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, models
from django.db.models import signals

from vigil.core import prepared

# Field types (exactly these) whose value the database stores as it is.
_AS_IS = frozenset(
    {
        models.AutoField, models.BigAutoField, models.IntegerField, models.BigIntegerField,
        models.PositiveIntegerField, models.SmallIntegerField, models.CharField,
        models.TextField, models.BooleanField, models.ForeignKey,
    }
)  # fmt: skip
_AS_IS_POSTGRES = _AS_IS | {models.DateTimeField, models.UUIDField}


def default_connection():
    """The default connection itself. Every attribute read through `django.db.connection`
    looks the thread's connection up again, and each field's value conversion reads
    several: 5 % of a worker's CPU went to those lookups."""
    return connections[DEFAULT_DB_ALIAS]


@dataclass(frozen=True)
class Column:
    name: str  # the column's name (also its key in a recordset row)
    attname: str
    field: models.Field
    automatic: bool  # auto_now or auto_now_add: pre_save gives the value
    placeholder: str  # "%s", or "%s::jsonb" for JSON text on PostgreSQL
    to_db: Callable | None  # value -> stored value; None: stored as it is
    sql_type: str

    @property
    def quoted(self) -> str:
        return default_connection().ops.quote_name(self.name)


@cache
def columns(model) -> list[Column]:
    """Every stored field of `model` with how its value is written, the pk first."""
    conn = default_connection()
    postgres = conn.vendor == "postgresql"
    as_is = _AS_IS_POSTGRES if postgres else _AS_IS
    found = []
    for field in model._meta.concrete_fields:
        placeholder, to_db = "%s", None
        if type(field) is models.JSONField:
            placeholder = "%s::jsonb" if postgres else "%s"
            to_db = _json_text(field.encoder)
        elif type(field) not in as_is:
            to_db = _prep_save(field, conn)
        automatic = bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))
        found.append(
            Column(
                field.column, field.attname, field, automatic, placeholder, to_db,
                field.db_type(conn),
            )
        )  # fmt: skip
    return found


def _json_text(encoder) -> Callable:
    return lambda value: json.dumps(value, cls=encoder)


def _prep_save(field, conn) -> Callable:
    return lambda value: field.get_db_prep_save(value, conn)


def pick(model, names) -> list[Column]:
    """The columns of these field names or attnames, in the model's field order."""
    meta = model._meta
    wanted = {meta.get_field(name).attname for name in names}
    return [column for column in columns(model) if column.attname in wanted]


def params(cols: list[Column], obj, *, add: bool) -> list:
    """The bound parameters of `obj`'s row for `cols`."""
    out = []
    for c in cols:  # this runs for every value ingest writes: kept inline
        v = c.field.pre_save(obj, add) if c.automatic else getattr(obj, c.attname)
        out.append(v if c.to_db is None or v is None else c.to_db(v))
    return out


@cache
def stored_columns(model) -> list[Column]:
    """columns(model) but the primary key (the database assigns it)."""
    return [column for column in columns(model) if not column.field.primary_key]


# --- statements ------------------------------------------------------------------------


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


@cache
def insert_sql(model, rows: int = 1, *, with_pk: bool = False, returning: bool = True) -> str:
    """INSERT of `rows` rows (the pk first when `with_pk`), RETURNING the pk."""
    cols = columns(model) if with_pk else stored_columns(model)
    names = ", ".join(_quote(c.name) for c in cols)
    row = "(" + ", ".join(c.placeholder for c in cols) + ")"
    table, pk = _quote(model._meta.db_table), _quote(model._meta.pk.column)
    sql = f"INSERT INTO {table} ({names}) VALUES {', '.join([row] * rows)}"  # noqa: S608
    return sql + (f" RETURNING {pk}" if returning else "")


@cache
def update_sql(model, names: tuple[str, ...]) -> tuple[str, list[Column]]:
    """UPDATE of the named fields of one row, by pk (the last parameter)."""
    cols = pick(model, names)
    assignments = ", ".join(f"{_quote(c.name)} = {c.placeholder}" for c in cols)
    table, pk = _quote(model._meta.db_table), _quote(model._meta.pk.column)
    return f"UPDATE {table} SET {assignments} WHERE {pk} = %s", cols  # noqa: S608


def _plain(model, conn) -> bool:
    """No save signal receivers (save() would call them) and an INSERT can return ids."""
    return (
        conn.features.can_return_columns_from_insert
        and not signals.pre_save.has_listeners(model)
        and not signals.post_save.has_listeners(model)
    )


def insert(obj, *, synchronous_commit: bool = True) -> None:
    """obj.save(force_insert=True) for a new instance: its pk is set when this returns.

    synchronous_commit=False (PostgreSQL, outside a transaction): the commit does not
    wait for the write-ahead log to reach the disk (`SET LOCAL synchronous_commit TO
    OFF` for this statement only). The row is visible at once; it is durable with the
    next commit that waits (every later commit flushes the log up to itself), and only
    a crash of the database server before that can lose it: meant for a record whose
    loss then is harmless."""
    model, conn = type(obj), default_connection()
    if not _plain(model, conn):
        obj.save(force_insert=True)
        return
    sql = insert_sql(model)
    values = params(stored_columns(model), obj, add=True)
    off = not synchronous_commit and conn.vendor == "postgresql" and not conn.in_atomic_block
    with conn.cursor() as cursor:
        if off:
            # One round trip, one implicit transaction: SET LOCAL ends with it.
            before = "SET LOCAL synchronous_commit TO OFF; "
            prepared.execute(cursor, sql, values, before=before, prefix="insert")
            cursor.nextset()
        else:
            prepared.execute(cursor, sql, values, prefix="insert")
        (pk,) = cursor.fetchone()
    mark_saved(obj, pk)


def update(obj, update_fields: list[str]) -> None:
    """obj.save(update_fields=…) for a saved instance: only those fields are written
    (an auto_now field only if it is named)."""
    model, conn = type(obj), default_connection()
    if not _plain(model, conn):
        obj.save(update_fields=update_fields)
        return
    sql, cols = update_sql(model, tuple(update_fields))
    with conn.cursor() as cursor:
        prepared.execute(cursor, sql, [*params(cols, obj, add=False), obj.pk], prefix="update")
        if cursor.rowcount == 0:
            raise DatabaseError("Save with update_fields did not affect any rows.")


def mark_saved(obj, pk) -> None:
    obj.pk = pk
    obj._state.adding = False
    obj._state.db = DEFAULT_DB_ALIAS


# --- many rows in one parameter (PostgreSQL) -------------------------------------------


@cache
def record_columns(model) -> list[Column]:
    """columns(model), if every one can travel in a recordset row."""
    recordset(columns(model))
    return columns(model)


def recordset(cols: list[Column]) -> tuple[str, str]:
    """The column list and the `AS r(...)` definition for `cols`; refuses a column
    whose stored value is not the value a JSON row carries (an encrypted field)."""
    refused = [c for c in cols if c.to_db is not None and type(c.field) is not models.JSONField]
    if refused:
        raise TypeError(
            f"{refused[0].field.model.__name__} cannot be written as a recordset: "
            f"{', '.join(c.field.name for c in refused)} store a value that is not their "
            "Python value"
        )
    names = ", ".join(c.quoted for c in cols)
    definition = ", ".join(f"{c.quoted} {c.sql_type}" for c in cols)
    return names, definition


def record(cols: list[Column], obj, *, add: bool) -> dict:
    # The values of params() (but JSON as it is), for json_to_recordset.
    return {
        c.name: c.field.pre_save(obj, add) if c.automatic else getattr(obj, c.attname) for c in cols
    }


def _json_default(v):
    if isinstance(v, datetime):
        return v.isoformat()
    if isinstance(v, uuid.UUID):
        return str(v)
    raise TypeError(f"{type(v).__name__} is not JSON serializable")


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


@cache
def recordset_insert_sql(model, *, with_pk: bool) -> str:
    cols = [c for c in record_columns(model) if with_pk or not c.field.primary_key]
    names, definition = recordset(cols)
    table = _quote(model._meta.db_table)
    return (
        f"INSERT INTO {table} ({names}) SELECT {names} "  # noqa: S608
        f"FROM json_to_recordset(%s::json) AS r({definition})"
    )


@cache
def recordset_update_sql(model, names: tuple[str, ...]) -> tuple[str, list[Column]]:
    """UPDATE … FROM json_to_recordset of the named fields, by pk (first in the row)."""
    record_columns(model)
    cols = pick(model, (model._meta.pk.name, *names))
    _, definition = recordset(cols)
    pk = cols[0].quoted
    assignments = ", ".join(f"{c.quoted} = r.{c.quoted}" for c in cols[1:])
    table = _quote(model._meta.db_table)
    sql = (
        f"UPDATE {table} SET {assignments} FROM json_to_recordset(%s::json) "  # noqa: S608
        f"AS r({definition}) WHERE {table}.{pk} = r.{pk}"
    )
    return sql, cols


# --- reads and new instances -----------------------------------------------------------


@cache
def readers(model) -> tuple[str, list[str], list[tuple[int, Callable, object]]]:
    """The column list, the attnames, and (position, converter, column expression) for
    every value that needs converting (the backend's and the field's own)."""
    fields = model._meta.concrete_fields
    columns = ", ".join(_quote(f.column) for f in fields)
    converters = []
    for i, field in enumerate(fields):
        col = field.get_col(model._meta.db_table)
        for func in connection.ops.get_db_converters(col) + field.get_db_converters(connection):
            converters.append((i, func, col))
    return columns, [f.attname for f in fields], converters


def instances(model, rows) -> list:
    """Model instances from rows of readers(model)'s columns, as the ORM would build them
    (without __init__ and its signals, which none of these models has receivers for)."""
    _, attnames, converters = readers(model)
    conn, objs = default_connection(), []
    for row in rows:
        values = list(row)
        for i, func, col in converters:
            values[i] = func(values[i], col, conn)
        obj = model.__new__(model)
        obj._state = models.base.ModelState()
        obj._state.adding = False
        obj._state.db = conn.alias
        obj.__dict__.update(zip(attnames, values, strict=True))
        objs.append(obj)
    return objs


def in_clause(values: list) -> str:
    return "(" + ", ".join(["%s"] * len(values)) + ")"


def select_sql(model, where: str, *, order_by: tuple[str, ...] = ("id",), lock=False) -> str:
    """SELECT readers(model)'s columns WHERE `where` (SQL with %s placeholders), in
    `order_by` order (field names, "-" for descending); `lock`: FOR UPDATE where the
    database has it."""
    meta, quote = model._meta, connection.ops.quote_name
    columns, _, _ = readers(model)
    order = ", ".join(
        f"{quote(meta.get_field(name.lstrip('-')).column)}{' DESC' if name[0] == '-' else ''}"
        for name in order_by
    )
    suffix = " FOR UPDATE" if lock and connection.features.has_select_for_update else ""
    return (
        f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {where}"  # noqa: S608
        + (f" ORDER BY {order}" if order else "")
        + suffix
    )


def select_in(model, field: str, values: list, order_by: tuple[str, ...] = ()) -> list:
    """The instances whose `field` is one of `values`, in `order_by` order (field
    names, "-" for descending), like filter(**{f"{field}__in": values}).order_by(...)."""
    if not values:
        return []
    conn = default_connection()
    column = conn.ops.quote_name(model._meta.get_field(field).column)
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":  # one statement whatever the number of values
            sql = select_sql(model, f"{column} = ANY(%s)", order_by=order_by)
            prepared.execute(cursor, sql, [list(values)], prefix="select")
        else:
            sql = select_sql(model, f"{column} IN {in_clause(values)}", order_by=order_by)
            cursor.execute(sql, list(values))
        return instances(model, cursor.fetchall())


@cache
def _defaults(model) -> tuple[list[tuple[str, Callable | None, object]], frozenset[str]]:
    """(attname, default factory or None, constant default) per stored field, and the
    names that must be set through their descriptor (relations and their ids)."""
    defaults = []
    for f in model._meta.concrete_fields:
        if f.has_default() and callable(f.default):
            defaults.append((f.attname, f.default, None))
        else:
            defaults.append((f.attname, None, f.get_default()))
    related = frozenset(
        name for f in model._meta.concrete_fields if f.is_relation for name in (f.name, f.attname)
    )
    return defaults, related


def build(model, **values):
    """A new, unsaved instance, like `model(**values)` at a fraction of the cost.

    Model.__init__ dominated the profile of a 10-alert webhook (five instances per
    alert), and was 5 % of a worker's CPU for the stage executions of its runs. This
    sets each field's default (unless given) and `values`, relations through their
    descriptors; what it skips is __init__'s argument handling and its pre_init and
    post_init signals, which none of the models built this way has receivers for.
    """
    defaults, related = _defaults(model)
    obj = model.__new__(model)
    obj._state = models.base.ModelState()
    state = obj.__dict__
    for attname, factory, constant in defaults:
        if attname not in values:
            state[attname] = factory() if factory is not None else constant
    for name, value in values.items():
        if name in related:
            setattr(obj, name, value)
        else:
            state[name] = value
    return obj
