"""PostgreSQL: an ingest outside a caller's transaction is its own transaction in two
round trips, BEGIN with the reads and COMMIT with the writes (services._commit_explicit),
and a failure leaves nothing behind, neither rows nor an open transaction."""

import pytest
from django.db import (
    DataError,
    OperationalError,
    close_old_connections,
    connection,
    connections,
)
from django.test.utils import CaptureQueriesContext
from psycopg.pq import TransactionStatus

from tests.alerts.conftest import event
from vigil.alerts.models import Alert, AlertHistory, Incident
from vigil.alerts.services import ingest_events
from vigil.orchestration.models import PipelineRun

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def transaction_status():
    return connection.connection.info.transaction_status


@pytest.fixture
def health_checks(monkeypatch):
    """How many times Django checked the connection (`SELECT 1`) before a query."""
    calls = []
    original = type(connections["default"]).is_usable

    def counting(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(type(connections["default"]), "is_usable", counting)
    return calls


def test_a_batch_is_two_round_trips_without_a_health_check(health_checks):
    ingest_events("generic", [event("warm")])
    close_old_connections()  # as a new request does: the next query would be checked

    with CaptureQueriesContext(connection) as queries:
        result = ingest_events("generic", [event("a"), event("b")])

    sql = [query["sql"] for query in queries.captured_queries]
    assert len(sql) == 2, sql
    # Prepared by the first batch on this connection: only EXECUTEd now.
    assert sql[0].startswith("BEGIN; SET LOCAL plan_cache_mode = force_generic_plan; ")
    assert sql[0].split("; ")[-1].startswith("EXECUTE vigil_ingest_")
    assert sql[1].startswith("EXECUTE") and sql[1].endswith("; COMMIT")
    assert "PREPARE" not in sql[0] + sql[1]
    assert health_checks == []
    assert transaction_status() == TransactionStatus.IDLE
    assert Alert.objects.filter(fingerprint__in=["a", "b"]).count() == 2
    assert PipelineRun.objects.filter(run_id__in=result.run_ids).count() == 2


def test_without_prepared_statements_the_statements_travel_whole(settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    ingest_events("generic", [event("warm")])

    with CaptureQueriesContext(connection) as queries:
        ingest_events("generic", [event("a")])

    sql = [query["sql"] for query in queries.captured_queries]
    assert sql[0].startswith("BEGIN; SELECT")
    assert sql[1].startswith("INSERT INTO") and sql[1].endswith("; COMMIT")
    assert "EXECUTE" not in sql[0] + sql[1]


def test_prepared_statements_run_generic_plans_and_follow_the_connection():
    for fp in ["a", "b", "c"]:
        ingest_events("generic", [event(fp)])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
            "WHERE name LIKE 'vigil_ingest_%%'"
        )
        plans = cursor.fetchall()
    # Two lookups, the id reservation (twice a batch: alerts and incidents), four
    # inserts: each planned once, its generic plan reused by every batch.
    assert sorted(plans) == [(3, 0)] * 6 + [(6, 0)]

    connection.close()  # a new connection has none: they are prepared again
    ingest_events("generic", [event("d"), event("a", status="resolved")])
    assert Alert.objects.get(fingerprint="a").status == "resolved"
    assert Alert.objects.count() == 4


def test_a_connection_idle_for_a_while_is_checked_first(health_checks, monkeypatch):
    ingest_events("generic", [event("warm")])
    close_old_connections()
    monkeypatch.setattr("vigil.alerts.store.RECENT_SECONDS", 0)

    ingest_events("generic", [event("a")])

    assert health_checks == [1]


def test_a_failed_write_rolls_back_and_leaves_the_connection_idle():
    with pytest.raises(DataError):
        # PostgreSQL text cannot hold NUL: the write fails after BEGIN and the reads.
        ingest_events("generic", [event("ok"), event("bad", description="nul \x00 byte")])

    assert transaction_status() == TransactionStatus.IDLE
    assert not Alert.objects.exists()
    assert not Incident.objects.exists()
    assert not AlertHistory.objects.exists()
    assert not PipelineRun.objects.exists()
    ingest_events("generic", [event("next")])
    assert list(Alert.objects.values_list("fingerprint", flat=True)) == ["next"]


def test_a_connection_lost_since_its_last_use_is_replaced(health_checks):
    ingest_events("generic", [event("warm")])
    old_pid = connection.connection.info.backend_pid
    close_old_connections()
    killer = connection.copy()
    try:
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [old_pid])
    finally:
        killer.close()

    # Recently used, so not checked first: the reads fail, and the batch is written once
    # on a new connection.
    result = ingest_events("generic", [event("after")])

    assert health_checks == []
    assert connection.connection.info.backend_pid != old_pid
    assert Alert.objects.filter(fingerprint="after").count() == 1
    assert len(result.run_ids) == 1


@pytest.fixture
def commit_dies_once():
    """A deferred constraint trigger that, the first time a transaction inserting an
    alert commits, terminates that connection: the server goes away during COMMIT."""
    statements = [
        "CREATE SEQUENCE test_kill_once",
        """CREATE FUNCTION test_die_at_commit() RETURNS trigger AS $$
           BEGIN
             IF nextval('test_kill_once') = 1 THEN
               PERFORM pg_terminate_backend(pg_backend_pid());
               PERFORM pg_sleep(5);
             END IF;
             RETURN NULL;
           END $$ LANGUAGE plpgsql""",
        """CREATE CONSTRAINT TRIGGER test_die_at_commit AFTER INSERT ON alerts_alert
           DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_die_at_commit()""",
    ]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    yield
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER test_die_at_commit ON alerts_alert")
        cursor.execute("DROP FUNCTION test_die_at_commit()")
        cursor.execute("DROP SEQUENCE test_kill_once")


def test_a_connection_lost_during_commit_is_not_written_again(commit_dies_once):
    # The first COMMIT of an alert kills its connection. The COMMIT might have arrived
    # before the connection went: the caller is told (the webhook answers 503 and the
    # sender retries) instead of the batch being written again behind its back.
    with pytest.raises(OperationalError):
        ingest_events("generic", [event("maybe")])

    connection.close()
    assert not Alert.objects.filter(fingerprint="maybe").exists()
    ingest_events("generic", [event("maybe")])  # the sender's retry
    assert Alert.objects.filter(fingerprint="maybe").count() == 1


# A value of each parameter type the ingest statements take, to EXPLAIN them.
_SAMPLE = {"text[]": "'{x}'", "json": "'[]'", "text": "'alerts_alert'", "integer": "1"}


def test_plans_made_on_empty_tables_probe_by_key_whatever_the_tables_grow_to():
    # The tables are empty: this is when a new server prepares its statements, and a
    # generic plan is kept for the connection's life. A planner free to choose would
    # scan the tiny tables; after a year of alerts that plan would still scan.
    ingest_events("generic", [event("a"), event("b")])
    ingest_events("generic", [event("a", status="resolved"), event("c", severity="critical")])

    with connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_generic_plan")
        cursor.execute(
            "SELECT name, parameter_types::text[] FROM pg_prepared_statements "
            "WHERE name LIKE 'vigil_ingest_%%'"
        )
        statements = cursor.fetchall()
        plans = {}
        for name, types in statements:
            cursor.execute(
                f"EXPLAIN (COSTS OFF) EXECUTE {name}({', '.join(_SAMPLE[t] for t in types)})"
            )
            plans[name] = [row[0].strip() for row in cursor.fetchall()]
        cursor.execute("RESET plan_cache_mode")

    assert len(plans) >= 8  # the lookups, id reservation, inserts and updates
    for name, plan in plans.items():
        text = "\n".join(plan)
        assert "Seq Scan" not in text and "Bitmap" not in text, text
        for line, following in zip(plan, plan[1:] + [""], strict=True):
            if " Index Scan " in f" {line} " or "Index Only Scan" in line:
                assert following.startswith("Index Cond"), f"{name}: whole index read\n{text}"


def test_a_caller_who_turned_autocommit_off_keeps_its_transaction():
    connection.set_autocommit(False)
    try:
        ingest_events("generic", [event("theirs")])
        connection.rollback()  # the caller changes its mind: nothing was committed
    finally:
        connection.set_autocommit(True)

    assert not Alert.objects.filter(fingerprint="theirs").exists()


def test_values_the_fast_encoder_refuses_are_stored_all_the_same():
    # Rows travel as one JSON document per statement. An integer beyond 64 bits or a
    # non-string key makes orjson refuse the document: json then writes it instead.
    ingest_events("generic", [event("fp-big", annotations={"bytes": 2**70, "ok": "yes"})])
    ingest_events("generic", [event("fp-keys", labels={"host": "db-1"}, annotations={1: "one"})])

    assert Alert.objects.get(fingerprint="fp-big").annotations == {"bytes": 2**70, "ok": "yes"}
    assert Alert.objects.get(fingerprint="fp-keys").annotations == {"1": "one"}
    started = Alert.objects.get(fingerprint="fp-big").first_seen_at
    assert started.tzinfo is not None and Incident.objects.count() == 2
