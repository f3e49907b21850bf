from django.db import migrations


def sync_roles(apps, schema_editor):
    from solidarity.accounts.services import roles_sync

    roles_sync(apps=apps)


class Migration(migrations.Migration):
    """Re-apply ROLE_PERMISSIONS: organisers run the Congress (invitations, registrations)."""

    dependencies = [
        ("accounts", "0006_exile_needs"),
        ("congress", "0002_declaration"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
