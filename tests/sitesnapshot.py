"""The public site (`site_setup`) built once per test process and restored in each test that asks.

Building the page tree in three locales runs Wagtail's page creation, revisions, translation and
reference indexing: about two seconds, and some 300 tests ask for it. So each test process builds
it once, inside a transaction it rolls back, and keeps every row the build added or changed (the
root page's child count, for instance), serialised as Django's serialized rollback does. The
`site` fixture writes those rows again inside the test's own transaction, which rolls them back
with everything else: the new rows in one INSERT per table (no signals, no tree logic, as
`loaddata` would but without a query and a signal per row), the few changed rows saved "raw".

Primary keys come back as they were built. PostgreSQL's sequences moved past them during the build
and do not roll back; SQLite numbers new rows after the largest key. So rows a test creates never
collide with restored ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.core import serializers
from django.db import connection, transaction

# Rows a trigger writes when their source row is inserted (SQLite's full-text table of Wagtail's
# search index): saved raw after the inserts, which updates what the trigger wrote.
_WRITTEN_BY_TRIGGERS = {"wagtailsearch.sqliteftsindexentry"}


@dataclass(frozen=True)
class SiteSnapshot:
    new_rows: list
    changed_rows: list
    home_pk: int

    def restore(self):
        """Write the rows again and return the default home page, as `site_setup()` would.

        Foreign keys are checked at commit on both databases (Django declares them deferrable),
        so the tables can be filled in any order.
        """
        from cms.models import HomePage

        with transaction.atomic():
            by_model: dict[type, list] = defaultdict(list)
            for obj in serializers.deserialize("python", self.new_rows):
                by_model[type(obj.object)].append(obj)
            for model, objs in by_model.items():
                model._base_manager._insert(
                    [obj.object for obj in objs],
                    fields=model._meta.local_concrete_fields,
                    raw=True,
                )
                for obj in objs:
                    for name, values in (obj.m2m_data or {}).items():
                        getattr(obj.object, name).set(values)
            for obj in serializers.deserialize("python", self.changed_rows):
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
    new, changed = [], []
    for (model, pk), row in after.items():
        if (model, pk) not in before and model not in _WRITTEN_BY_TRIGGERS:
            new.append(row)
        elif before.get((model, pk)) != row:
            changed.append(row)
    return SiteSnapshot(new_rows=new, changed_rows=changed, home_pk=home_pk)
