"""A trigram index on the search keys, on PostgreSQL only (SQLite ranks in Python)."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS prisoner_search_keys_trgm "
    "ON prisoners_prisoner USING gin (search_keys gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS prisoner_search_keys_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("prisoners", "0002_dates_in_order")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
