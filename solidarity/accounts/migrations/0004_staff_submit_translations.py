from django.db import migrations


def sync_roles(apps, schema_editor):
    from solidarity.accounts.services import roles_sync

    roles_sync(apps=apps)


class Migration(migrations.Migration):
    """Re-apply ROLE_PERMISSIONS: defenders and organisers may submit pages for translation."""

    dependencies = [
        ("accounts", "0003_defenders_see_prisoner_records_only"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
