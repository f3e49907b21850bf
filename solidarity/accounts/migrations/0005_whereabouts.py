from django.db import migrations


def sync_roles(apps, schema_editor):
    from solidarity.accounts.services import roles_sync

    roles_sync(apps=apps)


class Migration(migrations.Migration):
    """Re-apply ROLE_PERMISSIONS: defenders and organisers keep released people's whereabouts."""

    dependencies = [
        ("accounts", "0004_staff_submit_translations"),
        ("prisoners", "0012_whereabouts"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
