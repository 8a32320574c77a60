"""PostgreSQL-only indexes for the console's label and text filters.

Labels: a GIN index answering `labels @> {"key": "value"}`. Text: a trigram index
answering Django's `icontains` (`UPPER(title) LIKE UPPER('%text%')`), when the pg_trgm
extension can be created (a trusted extension from PostgreSQL 13: the database owner may
create it). Without it the text filter still works, by scanning. Other databases filter
without these indexes.
"""

from django.db import DatabaseError, migrations, transaction

LABELS = (
    "CREATE INDEX IF NOT EXISTS incident_labels_gin ON alerts_incident "
    "USING gin (labels jsonb_path_ops)"
)
TITLE = (
    "CREATE INDEX IF NOT EXISTS incident_title_trgm ON alerts_incident "
    "USING gin ((UPPER(title::text)) gin_trgm_ops)"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(LABELS)
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(TITLE)
    except DatabaseError:
        pass  # no privilege for the extension: text search scans instead


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS incident_title_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS incident_labels_gin")


class Migration(migrations.Migration):
    dependencies = [("alerts", "0002_console_list")]

    operations = [migrations.RunPython(create, drop)]
