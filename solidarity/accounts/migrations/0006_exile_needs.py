from django.db import migrations


def sync_roles(apps, schema_editor):
    from solidarity.accounts.services import roles_sync

    roles_sync(apps=apps)


class Migration(migrations.Migration):
    """Re-apply ROLE_PERMISSIONS: defenders and organisers keep the needs of people in exile."""

    dependencies = [
        ("accounts", "0005_whereabouts"),
        ("matching", "0005_exile"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
