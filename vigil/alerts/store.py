"""The ingest transaction's statements: its reads, and its writes batched per table.

The statements themselves and the values they carry are core/fastsql.py's (the one
writer of hand-written SQL); this module decides how one ingest transaction sends them.
On PostgreSQL every write is one statement per table and kind whatever the number of
rows (a recordset: one JSON parameter), so a group commit of many requests
(alerts/group_commit.py) still writes in one round trip. In autocommit a batch is an
explicit session (`Session(explicit=True)`): two round trips, with each statement
PREPAREd once per connection and then EXECUTEd (core/prepared.py).

Identifiers come from model metadata only; every value is a bound parameter.
"""

import threading
import time
from functools import cache

from vigil.alerts.models import ACTIVE_INCIDENT_STATUSES, Alert, Incident
from vigil.core import fastsql, prepared
from vigil.core.fastsql import default_connection, in_clause, instances, select_sql


@cache
def _relations(model) -> list[tuple[str, str]]:
    return [(f.name, f.attname) for f in model._meta.concrete_fields if f.is_relation]


def _link(obj) -> None:
    """Take the pk of a related object that was assigned before it had one."""
    cache_ = obj._state.fields_cache
    for name, attname in _relations(type(obj)):
        related = cache_.get(name)
        if related is not None and getattr(obj, attname) is None:
            setattr(obj, name, related)  # sets the id and keeps the cached object


def _linked(objs: list):
    """The model of `objs` (None: nothing to write), once each took its relations' pks."""
    if not objs:
        return None
    for obj in objs:
        _link(obj)
    return type(objs[0])


def _params(model, objs: list) -> list:
    cols = fastsql.stored_columns(model)
    return [value for obj in objs for value in fastsql.params(cols, obj, add=True)]


class Session:
    """The statements of one ingest transaction.

    On PostgreSQL, statements that do not need each other's results travel in one
    round trip: the reads (with ids reserved from the sequences for the rows that may
    be inserted), then every write. SQLite runs in-process, so it simply executes
    each statement and takes ids from RETURNING.
    """

    def __init__(self, *, explicit: bool = False):
        self.conn = default_connection()
        self.postgres = self.conn.vendor == "postgresql"
        # Explicit (PostgreSQL, outside any transaction): the session is its own
        # transaction; BEGIN travels with the reads and COMMIT with the last writes.
        self.explicit = explicit and self.postgres and not self.conn.in_atomic_block
        self.begun = False
        self.wrote = False  # a write (or COMMIT) was sent
        self.pending: list[tuple[str, list]] = []
        self.reserved: dict[type, list[int]] = {}

    def read(self, queries: list[tuple], reserve: dict[type, int]) -> list[list]:
        """[(model, where, params)] -> instances per query, locked FOR UPDATE."""
        statements = [select_sql(model, where, lock=True) for model, where, _ in queries]
        params = [list(p) for _, _, p in queries]
        if not self.postgres:
            results = []
            for sql, args in zip(statements, params, strict=True):
                with self.conn.cursor() as cursor:
                    cursor.execute(sql, args)
                    results.append(cursor.fetchall())
        else:
            wanted = [(model, n) for model, n in reserve.items() if n]
            for model, n in wanted:
                statements.append(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)"
                )
                params.append([model._meta.db_table, n])
            results = self._send(list(zip(statements, params, strict=True)), rows=True)
            for (model, _), rows in zip(wanted, results[len(queries) :], strict=True):
                self.reserved[model] = [row[0] for row in reversed(rows)]
            results = results[: len(queries)]
        return [
            instances(model, rows) for (model, _, _), rows in zip(queries, results, strict=True)
        ]

    def insert(self, objs: list) -> None:
        """Insert new instances of one model; their pk is set when this returns."""
        model = _linked(objs)
        if model is None:
            return
        pool = self.reserved.get(model, [])
        if self.postgres and len(pool) >= len(objs):
            for obj in objs:
                fastsql.mark_saved(obj, pool.pop())
            self._queue_records(fastsql.recordset_insert_sql(model, with_pk=True), model, objs)
            return
        self.flush()
        self.wrote = True
        for chunk in self._chunks(model, objs):
            with self.conn.cursor() as cursor:
                cursor.execute(fastsql.insert_sql(model, len(chunk)), _params(model, chunk))
                ids = [row[0] for row in cursor.fetchall()]
            for obj, pk in zip(chunk, ids, strict=True):
                fastsql.mark_saved(obj, pk)

    def insert_unreferenced(self, objs: list) -> None:
        """Insert rows nothing in this transaction refers to: no pk is needed back."""
        model = _linked(objs)
        if model is None:
            return
        if self.postgres:
            self._queue_records(fastsql.recordset_insert_sql(model, with_pk=False), model, objs)
            return
        for chunk in self._chunks(model, objs):
            sql = fastsql.insert_sql(model, len(chunk), returning=False)
            with self.conn.cursor() as cursor:
                cursor.execute(sql, _params(model, chunk))

    def update(self, objs: list, field_names: tuple[str, ...]) -> None:
        """UPDATE the named fields of each instance."""
        model = _linked(objs)
        if model is None:
            return
        if self.postgres:
            sql, cols = fastsql.recordset_update_sql(model, field_names)
            rows = [fastsql.record(cols, obj, add=False) for obj in objs]
            self.pending.append((sql, fastsql.records(rows)))
            return
        sql, cols = fastsql.update_sql(model, field_names)
        with self.conn.cursor() as cursor:
            for obj in objs:
                cursor.execute(sql, [*fastsql.params(cols, obj, add=False), obj.pk])

    def _queue_records(self, sql: str, model, objs: list) -> None:
        cols = fastsql.record_columns(model)
        rows = [fastsql.record(cols, obj, add=True) for obj in objs]
        self.pending.append((sql, fastsql.records(rows)))

    def _chunks(self, model, objs: list):
        """Row groups within the database's limit on parameters per statement."""
        size = self.conn.ops.bulk_batch_size(model._meta.concrete_fields, objs) or len(objs)
        for start in range(0, len(objs), size):
            yield objs[start : start + size]

    def flush(self, *, last: bool = False) -> None:
        """Send the queued writes (PostgreSQL): one round trip, one parameter each.
        `last`: nothing follows in this transaction; an explicit session commits in the
        same round trip."""
        if not self.pending and not (last and self.explicit):
            return
        if self.explicit and not self.begun:
            raise RuntimeError("an explicit session writes only after its reads began it")
        pending, self.pending = self.pending, []
        self.wrote = True
        self._send([(sql, [records]) for sql, records in pending], commit=last and self.explicit)
        if last and self.explicit:
            _recently_committed.raw = self.conn.connection
            _recently_committed.at = time.monotonic()

    def _send(self, statements: list[tuple[str, list]], *, rows=False, commit=False) -> list:
        """PostgreSQL: `statements` in one round trip; with `rows`, each one's rows.

        An explicit session opens its transaction with the first call and commits with
        the last. It also runs its statements prepared (core/prepared.py): each is
        PREPAREd once per connection, in the round trip of its first use, and
        EXECUTEd with a generic plan, so PostgreSQL no longer parses and plans them for
        every batch (0.3-0.5 ms each for the lookups).
        """
        cursor = self._cursor()  # first: Django's health check may replace the connection
        use_prepared = self.explicit and prepared.enabled(self.conn)
        known = prepared.known(self.conn.connection) if use_prepared else {}
        sql, params, wanted, new = [], [], [], {}
        if self.explicit and not self.begun:
            sql.append("BEGIN")
            if use_prepared:
                sql += _GENERIC_PLANS
        wanted += [False] * len(sql)
        for statement, args in statements:
            if use_prepared:
                name = known.get(statement) or new.get(statement)
                if name is None:
                    name = new[statement] = prepared.new_name("ingest")
                    sql.append(f"PREPARE {name} AS {prepared.numbered(statement)}")
                    wanted.append(False)
                statement = prepared.execute_sql(name, args)
            sql.append(statement)
            params += args
            wanted.append(rows)
        if commit:
            sql.append("COMMIT")
            wanted.append(False)
        results = []
        with cursor:
            cursor.execute("; ".join(sql), params)
            self.begun = True
            if rows:
                for i, keep in enumerate(wanted):
                    if i:
                        cursor.nextset()
                    if keep:
                        results.append(cursor.fetchall())
        known.update(new)  # only once the whole round trip succeeded
        return results

    def abandon(self) -> None:
        """After a failure: roll back what an explicit session left open."""
        raw = self.conn.connection
        if not self.explicit or raw is None or raw.closed:
            return
        # By name: on SQLite, importing psycopg (for its enum) would cost every process.
        if raw.info.transaction_status.name == "IDLE":
            return
        try:
            with self.conn.cursor() as cursor:
                cursor.execute("ROLLBACK")
        except Exception:  # the connection is gone: never reuse it
            self.conn.close()
            raise

    def _cursor(self):
        # Django checks a persistent connection with a round trip (`SELECT 1`) before
        # a request's first query. This thread's connection committed an ingest a
        # moment ago: its next transaction skips that round trip. A connection lost in
        # between fails the reads, before anything is written (services._commit_explicit
        # then retries once on a new connection).
        if (
            self.explicit
            and self.conn.connection is not None
            and getattr(_recently_committed, "raw", None) is self.conn.connection
            and time.monotonic() - _recently_committed.at < RECENT_SECONDS
        ):
            self.conn.health_check_done = True
        return self.conn.cursor()


# A generic plan is made once per connection, often while the tables are still small,
# and kept: the planner then prefers scanning a whole (tiny) table or index to probing
# it, and the plan would still scan when the table holds millions of rows. Every
# statement here looks rows up by key, so the planner is left only nested loops over
# index probes: their cost stays per key whatever the tables grow to.
_GENERIC_PLANS = (
    "SET LOCAL plan_cache_mode = force_generic_plan",
    "SET LOCAL enable_seqscan = off",
    "SET LOCAL enable_bitmapscan = off",
    "SET LOCAL enable_hashjoin = off",
    "SET LOCAL enable_mergejoin = off",
    "SET LOCAL enable_material = off",
)


# Per thread (a thread has its own connection): which raw connection last committed an
# explicit session, and when.
RECENT_SECONDS = 2.0
_recently_committed = threading.local()


# --- the reads that start every ingest transaction -----------------------------------

# The lookups that start every ingest transaction: the batch's alerts by identity, and
# the incidents they may join (each group's active incident, through the partial unique
# index, and the alerts' own incidents). Both only ever probe unique indexes. The active
# statuses are literals: a planner only uses a partial index when the query repeats its
# condition, and a bound parameter does not (SQLite then walked every open incident).
_ACTIVE = "(" + ", ".join(f"'{status}'" for status in ACTIVE_INCIDENT_STATUSES) + ")"


def _keyed_portable(identities: list[tuple[str, str]], keys: list[str]):
    # SQLite, without statistics, prefers the (status, opened_at) index to the partial
    # unique index as soon as several group keys are bound: name the index.
    indexed = (
        " INDEXED BY one_active_incident_per_group"
        if default_connection().vendor == "sqlite"
        else ""
    )
    by_source: dict[str, list[str]] = {}
    for source, fingerprint in identities:
        by_source.setdefault(source, []).append(fingerprint)
    alert_params = [value for source, prints in by_source.items() for value in (source, *prints)]
    alert_where = " OR ".join(
        f"(source = %s AND fingerprint IN {in_clause(prints)})" for prints in by_source.values()
    )
    incident_where = (
        f"id IN (SELECT id FROM alerts_incident{indexed} "  # noqa: S608
        f"WHERE group_key IN {in_clause(keys)} "
        f"AND status IN {_ACTIVE} UNION SELECT incident_id FROM alerts_alert "
        f"WHERE {alert_where})"
    )
    return alert_where, incident_where, alert_params, [*keys, *alert_params]


# PostgreSQL: one index probe per key (LATERAL over the arrays of keys), whatever the
# table statistics say. A long IN list against a table the planner has no fresh
# statistics for (a new database filling up before autovacuum's first ANALYZE) is
# otherwise planned as a scan of every row from that source.
# OFFSET 0 keeps each LATERAL subquery a probe per key: the planner may not flatten it
# into a join it could then run as a scan of the whole index (_GENERIC_PLANS).
_PG_ALERT_IDS = (
    "SELECT a.id FROM unnest(%s::text[], %s::text[]) AS k(source, fingerprint) "
    "CROSS JOIN LATERAL (SELECT id FROM alerts_alert "
    "WHERE source = k.source AND fingerprint = k.fingerprint OFFSET 0) AS a"
)
_PG_ACTIVE_IDS = (
    "SELECT i.id FROM unnest(%s::text[]) AS g(group_key) "  # noqa: S608 - constants only
    "CROSS JOIN LATERAL (SELECT id FROM alerts_incident WHERE group_key = g.group_key "
    f"AND status IN {_ACTIVE} OFFSET 0) AS i"
)


def _keyed_postgres(identities: list[tuple[str, str]], keys: list[str]):
    sources = [source for source, _ in identities]
    prints = [fingerprint for _, fingerprint in identities]
    alert_where = f"id IN ({_PG_ALERT_IDS})"
    incident_where = (
        f"id IN ({_PG_ACTIVE_IDS} UNION SELECT incident_id FROM alerts_alert "  # noqa: S608
        f"WHERE id IN ({_PG_ALERT_IDS}))"
    )
    return alert_where, incident_where, [sources, prints], [keys, sources, prints]


def lock_batch(session: "Session", identities: list[tuple[str, str]], keys: list[str]):
    """Lock the alerts of `identities` ((source, fingerprint)) and every incident they
    may join (the active incident of each group key, and the alerts' own), by index
    only; returns (alerts, incidents)."""
    keyed = _keyed_postgres if session.postgres else _keyed_portable
    alert_where, incident_where, alert_params, incident_params = keyed(identities, keys)
    return session.read(
        [(Alert, alert_where, alert_params), (Incident, incident_where, incident_params)],
        reserve={Alert: len(identities), Incident: len(keys)},
    )
