"""The public site (`site_setup`) built once per test process and restored in each test that asks.

Building the page tree in three locales runs Wagtail's page creation, revisions, translation and
reference indexing: about two seconds, and some 300 tests ask for it. So each test process builds
it once, inside a transaction it rolls back, and keeps every row the build added or changed (the
root page's child count, for instance), serialised as Django's serialized rollback does. The
`site` fixture saves those rows again ("raw", like `loaddata`: no signals, no tree logic) inside
the test's own transaction, which rolls them back with everything else.

Primary keys come back as they were built. PostgreSQL's sequences moved past them during the build
and do not roll back; SQLite numbers new rows after the largest key. So rows a test creates never
collide with restored ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core import serializers
from django.db import connection, transaction


@dataclass(frozen=True)
class SiteSnapshot:
    rows: list
    home_pk: int

    def restore(self):
        """Save the rows again and return the default home page, as `site_setup()` would."""
        from cms.models import HomePage

        with transaction.atomic():
            for obj in serializers.deserialize("python", self.rows):
                obj.save()
        return HomePage.objects.get(pk=self.home_pk)


def _every_row() -> dict[tuple[str, object], dict]:
    rows = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or not meta.can_migrate(connection):
            continue
        # Concrete fields of this model only: multi-table parents are serialised as their own
        # model (a HomePage is a wagtailcore.page row plus a cms.homepage row).
        for row in serializers.serialize("python", model._base_manager.order_by("pk")):
            rows[(row["model"], row["pk"])] = row
    return rows


def build_site_snapshot() -> SiteSnapshot:
    """Run `site_setup()` in a transaction that rolls back; the rows it wrote."""
    from cms.services import site_setup

    with transaction.atomic():
        before = _every_row()
        home_pk = site_setup().pk
        after = _every_row()
        transaction.set_rollback(True)
    changed = [row for key, row in after.items() if before.get(key) != row]
    return SiteSnapshot(rows=changed, home_pk=home_pk)
