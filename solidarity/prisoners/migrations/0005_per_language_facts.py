"""Facts that each version of the defenders' list writes in its own language are stored once
per language (docs/import.md); the values kept so far were the Russian version's (it owned them).
"""

from django.db import migrations

RENAMED = ("sentence_text", "judge", "prosecutor", "source_url", "recognition_statement_url")


class Migration(migrations.Migration):
    dependencies = [("prisoners", "0004_prisoner_import")]

    operations = [
        migrations.RenameField("prisoner", name, f"{name}_ru") for name in RENAMED
    ]
