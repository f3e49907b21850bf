"""Signal receivers of the public site.

Publicity: approved workflow revisions are published without the admin hooks, and imports lower
publicity in bulk; both are caught here. Page cache: anything a public page shows invalidates it.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from solidarity.common.pagecache import page_cache_invalidate
from solidarity.prisoners.models import Prisoner
from solidarity.prisoners.signals import publicity_withdrawn

from .models import PrisonerPage
from .services import prisoner_pages_enforce_publicity

# Everything a public page shows or depends on. Bulk writes send no signal: their code calls
# page_cache_invalidate() itself (imports, demo data).
PAGE_CACHE_SOURCES = [
    "prisoners.Prisoner",
    "prisoners.Facility",
    "prisoners.Charge",
    "prisoners.CriminalArticle",
    "prisoners.StatusChange",
    "matching.Match",
    "godparents.GodparentProfile",
    "godparents.Parliament",
]


def unpublish_unconsented_profile(sender, instance, **kwargs):
    if isinstance(instance, PrisonerPage):
        prisoner_pages_enforce_publicity(prisoner=instance.prisoner)


def unpublish_withdrawn_profiles(sender, prisoner_ids, user=None, **kwargs):
    """Records an import set to publicity None lose their pages in the same transaction."""
    for prisoner in Prisoner.objects.filter(pk__in=prisoner_ids):
        prisoner_pages_enforce_publicity(prisoner=prisoner, user=user)


def invalidate_page_cache(sender, **kwargs):
    page_cache_invalidate()


def register_page_cache_handlers() -> None:
    """A change to a live page or to anything a public page shows makes cached pages stale."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate_page_cache)
    models = [
        *PAGE_CACHE_SOURCES,
        Page,  # deletions (a deleted page's subclass row goes with its Page row)
        PageViewRestriction,
        get_image_model(),
        Site,
        Locale,
    ]
    for model in models:
        for signal in (post_save, post_delete):
            if model is Page and signal is post_save:
                continue  # drafts save the page too; publishing is what changes the site
            signal.connect(invalidate_page_cache, sender=model)


def register_signal_handlers() -> None:
    page_published.connect(unpublish_unconsented_profile, sender=PrisonerPage)
    publicity_withdrawn.connect(unpublish_withdrawn_profiles)
    register_page_cache_handlers()
