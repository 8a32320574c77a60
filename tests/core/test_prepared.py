"""PostgreSQL: a statement is PREPAREd once per connection and then EXECUTEd by name
(core/prepared.py), whatever happens to the transactions around it."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from vigil.core import prepared

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SQL = "SELECT %s::int + %s::int"


@pytest.fixture
def scratch():
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE prepared_scratch (id int PRIMARY KEY)")
    yield "INSERT INTO prepared_scratch (id) VALUES (%s) RETURNING id"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE prepared_scratch")


def run(sql: str, params: list, **kwargs) -> tuple[list, list[str]]:
    with CaptureQueriesContext(connection) as queries, connection.cursor() as cursor:
        prepared.execute(cursor, sql, params, **kwargs)
        rows = cursor.fetchall()
    return rows, [query["sql"] for query in queries.captured_queries]


def server_statements() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, statement FROM pg_prepared_statements")
        return dict(cursor.fetchall())


def test_the_first_call_prepares_and_later_ones_execute_by_name():
    rows, sent = run(SQL, [2, 3], prefix="sum")
    assert rows == [(5,)]
    name = prepared.known(connection.connection)[SQL]
    assert name.startswith("vigil_sum_")
    assert sent == [f"PREPARE {name} AS SELECT $1::int + $2::int", f"EXECUTE {name}(2, 3)"]
    assert server_statements()[name] == f"PREPARE {name} AS SELECT $1::int + $2::int"

    rows, sent = run(SQL, [40, 2])
    assert rows == [(42,)]
    assert sent == [f"EXECUTE {name}(40, 2)"]


def test_sql_sent_before_the_statement_shares_its_round_trip():
    with CaptureQueriesContext(connection) as queries, connection.cursor() as cursor:
        prepared.execute(cursor, SQL, [1, 1], before="SET LOCAL work_mem TO '8MB'; ")
        cursor.nextset()
        assert cursor.fetchall() == [(2,)]
    name = prepared.known(connection.connection)[SQL]
    assert (
        queries.captured_queries[-1]["sql"] == f"SET LOCAL work_mem TO '8MB'; EXECUTE {name}(1, 1)"
    )


def test_a_statement_outlives_the_transaction_that_prepared_it(scratch):
    with pytest.raises(RuntimeError), transaction.atomic():
        assert run(scratch, [1])[0] == [(1,)]
        raise RuntimeError("roll back")
    assert scratch in prepared.known(connection.connection)

    rows, sent = run(scratch, [1])  # the row was rolled back, the statement was not
    assert rows == [(1,)]
    assert sent[0].startswith("EXECUTE ")


def test_a_failed_execution_keeps_the_statement(scratch):
    run(scratch, [7])
    with pytest.raises(IntegrityError):
        run(scratch, [7])
    rows, sent = run(scratch, [8])
    assert rows == [(8,)]
    assert sent[0].startswith("EXECUTE ")


def test_a_statement_that_cannot_be_prepared_is_not_recorded():
    bad = "SELECT %s::int FROM no_such_table"
    for _ in range(2):  # the same error each time, never "prepared statement … does not exist"
        with pytest.raises(Exception, match="no_such_table"):
            run(bad, [1])
    assert bad not in prepared.known(connection.connection)


def test_a_new_connection_prepares_again():
    run(SQL, [1, 2])
    connection.close()
    rows, sent = run(SQL, [1, 2])
    assert rows == [(3,)]
    assert sent[0].startswith("PREPARE ")


def test_turned_off_statements_travel_whole(settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    rows, sent = run(SQL, [2, 3])
    assert rows == [(5,)]
    assert sent == ["SELECT 2::int + 3::int"]
    assert server_statements() == {}
