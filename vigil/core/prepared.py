"""PostgreSQL statements PREPAREd once per connection, then EXECUTEd by name.

A hot statement sent whole is parsed and planned by PostgreSQL every time: the step of a
batch of runs spent a millisecond or more planning, and a worker's statements cost
PostgreSQL about a quarter more CPU per run than they do prepared (bench/run_cost.py).
Prepared, the server parses each statement once per connection and, after a few
executions, reuses a generic plan.

Statements are prepared with SQL `PREPARE name AS …` and run with `EXECUTE name(…)`,
values still bound by psycopg on the client as everywhere else in Django, so a caller may
send several statements in one round trip (alerts/store.py does). psycopg's own
prepared statements need server-side binding, one statement per call, and a
connection-wide setting that Django turns off.

A prepared statement lives as long as its connection, whatever happens to the
transaction around its PREPARE, and is recorded only once its PREPARE succeeded; a name
is never reused (a PREPARE sent in a round trip that failed may still exist). A cached
plan is replanned when a table it reads is analysed (autovacuum does so as tables
grow), so a plan made while a table was small does not outlive it.

DATABASE_PREPARED_STATEMENTS=0 sends every statement whole: needed behind a pooler in
transaction mode (PgBouncer), where the next transaction may run on another server
connection, which has not prepared it.
"""

import itertools
import weakref
from functools import cache

from django.conf import settings

# The statements prepared on each raw connection (sql -> name).
_PREPARED: "weakref.WeakKeyDictionary[object, dict[str, str]]" = weakref.WeakKeyDictionary()
_NAMES = itertools.count(1)


def enabled(conn) -> bool:
    """Whether statements on this Django connection are to be prepared."""
    return conn.vendor == "postgresql" and settings.DATABASE_PREPARED_STATEMENTS


def known(raw) -> dict[str, str]:
    """The statements prepared on this raw (psycopg) connection: sql -> name. Add to it
    only after the PREPARE's round trip succeeded."""
    return _PREPARED.setdefault(raw, {})


def new_name(prefix: str) -> str:
    return f"vigil_{prefix}_{next(_NAMES)}"


@cache
def numbered(sql: str) -> str:
    """psycopg's %s placeholders as PREPARE's $1, $2, …"""
    parts = sql.split("%s")
    return "".join(f"{part}${i}" for i, part in enumerate(parts[:-1], 1)) + parts[-1]


def execute_sql(name: str, params) -> str:
    """`EXECUTE name(%s, …)` with one placeholder per value."""
    return f"EXECUTE {name}" + (f"({', '.join(['%s'] * len(params))})" if params else "")


def execute(cursor, sql: str, params, *, before: str = "", prefix: str = "stmt") -> None:
    """cursor.execute(sql, params), prepared on this connection if enabled(); `before`,
    SQL without values (such as `SET LOCAL …;`), is sent ahead of it in the same round
    trip, and the caller then moves to the statement's result with nextset()."""
    conn = cursor.db
    if not enabled(conn):
        cursor.execute(before + sql, params)
        return
    statements = known(conn.connection)
    name = statements.get(sql)
    if name is None:
        name = new_name(prefix)
        cursor.execute(f"PREPARE {name} AS {numbered(sql)}")
        statements[sql] = name
    cursor.execute(before + execute_sql(name, params), params)
