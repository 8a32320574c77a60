"""One row inserted or updated from SQL written once per model, not compiled per call.

Every pipeline run inserts and updates a few single rows (its analysis, its delivery).
Through `Model.save()` most of that CPU went to Django's SQL compiler, not to the
database: a tenth of a worker's CPU under load for the analysis INSERT alone. These
helpers issue the statement `save()` would, with the same values: each one goes through
its field's `get_db_prep_save`, so an encrypted field is stored encrypted.

`save()` is still used where these would change behaviour: for a model with save
signal receivers, and on a database that cannot return the new id from an INSERT.
"""

from functools import cache

from django.db import DatabaseError, connection
from django.db.models import signals


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


def _plain(model) -> bool:
    """No save signal receivers (save() would call them) and an INSERT can return ids."""
    return (
        connection.features.can_return_columns_from_insert
        and not signals.pre_save.has_listeners(model)
        and not signals.post_save.has_listeners(model)
    )


def insert(obj, *, flush_later: bool = False) -> None:
    """obj.save(force_insert=True) for a new instance: its pk is set when this returns.

    flush_later (PostgreSQL, outside a transaction): the commit does not wait for the
    write-ahead log to reach the disk (synchronous_commit off for this statement only).
    The row is visible at once; it is durable with the next commit that waits (every
    later commit flushes the log up to itself), and only a crash of the database server
    before that can lose it. For records the caller's next durable write depends on."""
    model = type(obj)
    if not _plain(model):
        obj.save(force_insert=True)
        return
    sql, fields = _insert_sql(model, connection.vendor)
    params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
    later = flush_later and connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        if later:
            # One round trip, one implicit transaction: SET LOCAL ends with it.
            cursor.execute(f"SET LOCAL synchronous_commit TO OFF; {sql}", params)
            cursor.nextset()
        else:
            cursor.execute(sql, params)
        (obj.pk,) = cursor.fetchone()
    obj._state.adding, obj._state.db = False, connection.alias


def update(obj, update_fields: list[str]) -> None:
    """obj.save(update_fields=…) for a saved instance: only those fields are written
    (an auto_now field only if it is named)."""
    model = type(obj)
    if not _plain(model):
        obj.save(update_fields=update_fields)
        return
    sql, fields = _update_sql(model, connection.vendor, tuple(update_fields))
    params = [f.get_db_prep_save(f.pre_save(obj, False), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, obj.pk])
        if cursor.rowcount == 0:
            raise DatabaseError("Save with update_fields did not affect any rows.")
