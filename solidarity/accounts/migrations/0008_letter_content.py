from django.db import migrations


def sync_roles(apps, schema_editor):
    from solidarity.accounts.services import roles_sync

    roles_sync(apps=apps)


class Migration(migrations.Migration):
    """Re-apply ROLE_PERMISSIONS: defenders keep the letter phrases, the censor list and the
    advocacy templates."""

    dependencies = [
        ("accounts", "0007_congress"),
        ("writing", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
