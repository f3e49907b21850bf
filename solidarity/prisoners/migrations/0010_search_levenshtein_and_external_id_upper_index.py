"""For the search (search.py): fuzzystrmatch's levenshtein, with which PostgreSQL ranks results
(SQLite ranks in Python), and an index for the external id whatever its case.

Like pg_trgm (0003), fuzzystrmatch is a trusted extension of PostgreSQL's contrib: the database
owner may create it.
"""

import django.db.models.functions.text
from django.db import migrations, models


def _run(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("prisoners", "0009_import_job")]

    operations = [
        # Kept on the way back, like pg_trgm: other databases' objects may use it.
        migrations.RunPython(
            _run("CREATE EXTENSION IF NOT EXISTS fuzzystrmatch"), migrations.RunPython.noop
        ),
        migrations.AddIndex(
            model_name="prisoner",
            index=models.Index(
                django.db.models.functions.text.Upper("external_id"),
                name="prisoner_external_id_upper_idx",
            ),
        ),
    ]
