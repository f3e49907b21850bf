from django.db import migrations


def create_parliaments(apps, schema_editor):
    from solidarity.godparents.parliament_list import parliaments_sync

    parliaments_sync(parliament_model=apps.get_model("godparents", "Parliament"))


class Migration(migrations.Migration):
    dependencies = [
        ("godparents", "0003_godparent_account_deletion"),
    ]

    operations = [migrations.RunPython(create_parliaments, migrations.RunPython.noop)]
