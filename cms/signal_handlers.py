"""Signal receivers of the public site.

Publicity: approved workflow revisions are published without the admin hooks, and imports lower
publicity in bulk; both are caught here.

Page cache: this module is the one place that decides when cached public pages go stale (see
`solidarity.common.pagecache`). The public pages are defined here, in cms, so cms knows what they
show: a save or deletion of any of `PAGE_CACHE_SOURCES`, a bulk write announced with
`solidarity.common.signals.records_written`, and Wagtail's publishing signals. No service calls
the cache itself.
"""

from collections.abc import Callable
from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from solidarity.activity.models import ActionVerification
from solidarity.common.pagecache import page_cache_invalidate
from solidarity.common.signals import records_written
from solidarity.prisoners.models import Prisoner
from solidarity.prisoners.signals import publicity_withdrawn

from .models import PrisonerPage
from .services import prisoner_pages_enforce_publicity

# Everything a public page shows or depends on, and for which rows (None: every row). Letters are
# left out on purpose: the counters that count them may lag by PAGE_CACHE_SECONDS, and a cache
# emptied by every logged letter would protect nothing. Actions count once verified.
PAGE_CACHE_SOURCES: dict[str, Callable[[Any], bool] | None] = {
    "prisoners.Prisoner": None,
    "prisoners.Facility": None,
    "prisoners.Charge": None,
    "prisoners.CriminalArticle": None,
    "prisoners.StatusChange": None,
    "matching.Match": None,
    "godparents.GodparentProfile": None,
    "godparents.Parliament": None,
    "congress.Congress": None,
    "congress.Registration": None,
    "congress.Declaration": None,
    "congress.Signature": None,
    "activity.AdvocacyAction": lambda action: action.verification == ActionVerification.VERIFIED,
}


def unpublish_unconsented_profile(sender, instance, **kwargs):
    if isinstance(instance, PrisonerPage):
        prisoner_pages_enforce_publicity(prisoner=instance.prisoner)


def unpublish_withdrawn_profiles(sender, prisoner_ids, user=None, **kwargs):
    """Records an import set to publicity None lose their pages in the same transaction."""
    for prisoner in Prisoner.objects.filter(pk__in=prisoner_ids):
        prisoner_pages_enforce_publicity(prisoner=prisoner, user=user)


def invalidate_page_cache(sender, **kwargs):
    page_cache_invalidate()


def invalidate_page_cache_for_row(sender, instance, **kwargs):
    shown = PAGE_CACHE_SOURCES.get(sender._meta.label)
    if shown is None or shown(instance):
        page_cache_invalidate()


def invalidate_page_cache_after_bulk_write(sender, **kwargs):
    if sender is None or sender._meta.label in PAGE_CACHE_SOURCES:
        page_cache_invalidate()


def register_page_cache_handlers() -> None:
    """A change to a live page or to anything a public page shows makes cached pages stale."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate_page_cache)
    for label in PAGE_CACHE_SOURCES:
        for signal in (post_save, post_delete):
            signal.connect(invalidate_page_cache_for_row, sender=label)
    site_models = [
        Page,  # deletions (a deleted page's subclass row goes with its Page row)
        PageViewRestriction,
        get_image_model(),
        Site,
        Locale,
    ]
    for model in site_models:
        for signal in (post_save, post_delete):
            if model is Page and signal is post_save:
                continue  # drafts save the page too; publishing is what changes the site
            signal.connect(invalidate_page_cache, sender=model)
    records_written.connect(invalidate_page_cache_after_bulk_write)


def register_signal_handlers() -> None:
    page_published.connect(unpublish_unconsented_profile, sender=PrisonerPage)
    publicity_withdrawn.connect(unpublish_withdrawn_profiles)
    register_page_cache_handlers()
