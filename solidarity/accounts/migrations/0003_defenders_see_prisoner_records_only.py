from django.db import migrations


def sync_roles(apps, schema_editor):
    from solidarity.accounts.services import roles_sync

    roles_sync(apps=apps)


class Migration(migrations.Migration):
    """Re-apply ROLE_PERMISSIONS: defenders no longer view godparents, matches, letters, actions."""

    dependencies = [("accounts", "0002_roles")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
