"""Delete the reference-index rows of domain records that are no longer indexed.

Letters, actions, matches, runs, godparent profiles and staff, charges, status changes and report
runs set `wagtail_reference_index_ignore` (docs/architecture.md): their rows written before would
stay in Wagtail's "used by" listings, out of date. Nothing to undo: Wagtail rebuilds the index with
`manage.py rebuild_references_index`.
"""

from django.db import migrations

NO_LONGER_INDEXED = {
    "activity": ["letter", "advocacyaction"],
    "godparents": ["godparentprofile", "godparentstaff"],
    "matching": ["matchingrun", "match"],
    "prisoners": ["charge", "statuschange"],
    "reports": ["reportrun"],
}


def delete_rows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    for app_label, models in NO_LONGER_INDEXED.items():
        types = ContentType.objects.filter(app_label=app_label, model__in=models)
        ReferenceIndex.objects.filter(base_content_type__in=types).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0002_submission"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [migrations.RunPython(delete_rows, migrations.RunPython.noop)]
