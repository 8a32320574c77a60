"""Rows read, inserted and updated from SQL written once per model, not compiled per call.

Every pipeline run reads and writes a few rows (its run, incident and alerts, its
analysis, its delivery). Through the ORM most of that CPU went to Django's SQL
compiler, not to the database: a tenth of a worker's CPU under load for the analysis
INSERT alone. These helpers issue the statements the ORM would, with the same values:
each value written goes through its field's `get_db_prep_save` (an encrypted field is
stored encrypted), each value read through the backend's and the field's converters.

`save()` is still used where these would change behaviour: for a model with save
signal receivers, and on a database that cannot return the new id from an INSERT.
On PostgreSQL the statements are prepared once per connection (core/prepared.py).
Identifiers come from model metadata only; every value is a bound parameter.
"""

from collections.abc import Callable
from functools import cache

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, models
from django.db.models import signals

from vigil.core import prepared


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


@cache
def _insert_sql(model, vendor: str) -> tuple[str, list]:
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(_quote(f.column) for f in fields)
    values = ", ".join(["%s"] * len(fields))
    table, pk = _quote(model._meta.db_table), _quote(model._meta.pk.column)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({values}) RETURNING {pk}"  # noqa: S608
    return sql, fields


@cache
def _update_sql(model, vendor: str, names: tuple[str, ...]) -> tuple[str, list]:
    fields = [model._meta.get_field(name) for name in names]
    assignments = ", ".join(f"{_quote(f.column)} = %s" for f in fields)
    table, pk = _quote(model._meta.db_table), _quote(model._meta.pk.column)
    return f"UPDATE {table} SET {assignments} WHERE {pk} = %s", fields  # noqa: S608


def default_connection():
    """The default connection itself. Every attribute read through `django.db.connection`
    looks the thread's connection up again, and each field's value conversion reads
    several: 5 % of a worker's CPU went to those lookups."""
    return connections[DEFAULT_DB_ALIAS]


def _plain(model, conn) -> bool:
    """No save signal receivers (save() would call them) and an INSERT can return ids."""
    return (
        conn.features.can_return_columns_from_insert
        and not signals.pre_save.has_listeners(model)
        and not signals.post_save.has_listeners(model)
    )


def insert(obj, *, flush_later: bool = False) -> None:
    """obj.save(force_insert=True) for a new instance: its pk is set when this returns.

    flush_later (PostgreSQL, outside a transaction): the commit does not wait for the
    write-ahead log to reach the disk (synchronous_commit off for this statement only).
    The row is visible at once; it is durable with the next commit that waits (every
    later commit flushes the log up to itself), and only a crash of the database server
    before that can lose it: meant for a record whose loss then is harmless."""
    model, conn = type(obj), default_connection()
    if not _plain(model, conn):
        obj.save(force_insert=True)
        return
    sql, fields = _insert_sql(model, conn.vendor)
    params = [f.get_db_prep_save(f.pre_save(obj, True), conn) for f in fields]
    later = flush_later and conn.vendor == "postgresql" and not conn.in_atomic_block
    with conn.cursor() as cursor:
        if later:
            # One round trip, one implicit transaction: SET LOCAL ends with it.
            off = "SET LOCAL synchronous_commit TO OFF; "
            prepared.execute(cursor, sql, params, before=off, prefix="insert")
            cursor.nextset()
        else:
            prepared.execute(cursor, sql, params, prefix="insert")
        (obj.pk,) = cursor.fetchone()
    obj._state.adding, obj._state.db = False, conn.alias


def update(obj, update_fields: list[str]) -> None:
    """obj.save(update_fields=…) for a saved instance: only those fields are written
    (an auto_now field only if it is named)."""
    model, conn = type(obj), default_connection()
    if not _plain(model, conn):
        obj.save(update_fields=update_fields)
        return
    sql, fields = _update_sql(model, conn.vendor, tuple(update_fields))
    params = [f.get_db_prep_save(f.pre_save(obj, False), conn) for f in fields]
    with conn.cursor() as cursor:
        prepared.execute(cursor, sql, [*params, obj.pk], prefix="update")
        if cursor.rowcount == 0:
            raise DatabaseError("Save with update_fields did not affect any rows.")


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
