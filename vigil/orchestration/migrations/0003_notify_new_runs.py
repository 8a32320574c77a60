"""PostgreSQL: every INSERT into the run table wakes idle workers (LISTEN vigil_runs).

The notification is sent when the inserting transaction commits, once per statement,
so whichever process creates runs (the web server, the API, the scheduler) wakes the
workers of every machine without a round trip of its own. Other databases poll.
"""

from django.db import migrations

CREATE = [
    """
    CREATE OR REPLACE FUNCTION vigil_notify_runs() RETURNS trigger AS $$
    BEGIN
        PERFORM pg_notify('vigil_runs', '');
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER vigil_runs_created AFTER INSERT ON orchestration_pipelinerun
        FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_runs()
    """,
]
DROP = [
    "DROP TRIGGER IF EXISTS vigil_runs_created ON orchestration_pipelinerun",
    "DROP FUNCTION IF EXISTS vigil_notify_runs()",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("orchestration", "0002_seed_lanes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
