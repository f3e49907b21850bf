"""The public counters, computed once per page-cache generation rather than on every render.

Every counter the home page and the listing show counts over every public record, letter or
action: at 20,000 prisoners and 500,000 letters they cost more than the rest of the page. They
change only when something a public page shows changes, which is exactly when the page cache's
generation is replaced (`cms.signal_handlers`), so they are kept under it (`page_cache_memo`):
one computation per generation for every page and language, even with the page cache off, and
a computation per render while the cache is down. Letters retire no page: their count lags by
at most PUBLIC_COUNTERS_SECONDS, as cached pages lag by PAGE_CACHE_SECONDS.
"""

from django.conf import settings
from django.utils.translation import get_language

from solidarity.activity.selectors import programme_totals
from solidarity.common.pagecache import page_cache_memo
from solidarity.congress.selectors import ParliamentRegister, parliament_register
from solidarity.matching.directory import GodparentDirectory, godparent_public_directory
from solidarity.prisoners.selectors import prisoner_public_counts

from .filters import prisoner_listing_counts


def public_counters() -> dict[str, int]:
    """Every public counter of the home page and the listing, from the memo when it is current.

    Keys: `public`, `held_now`, `without_godparent` (held, without an active godparent), and the
    programme's totals `supported`, `godparents`, `countries`, `letters`, `actions`.
    """
    return page_cache_memo(
        "public-counters", public_counters_compute, seconds=settings.PUBLIC_COUNTERS_SECONDS
    )


def public_counters_compute() -> dict[str, int]:
    """The counters from the database: seven queries, each over every public record."""
    return {**prisoner_public_counts(), **prisoner_listing_counts(), **programme_totals()}


def godparent_directory() -> GodparentDirectory:
    """The godparents page's index and totals, kept per language (countries are sorted by their
    name in it) like the counters: they count every listed godparent and active match."""
    return page_cache_memo(
        f"godparent-directory:{get_language() or ''}",
        godparent_public_directory,
        seconds=settings.PUBLIC_COUNTERS_SECONDS,
    )


def parliament_register_memo() -> ParliamentRegister:
    """The parliaments register with its figures, kept like the counters: it counts over every
    godparent, active match, letter and verified action."""
    return page_cache_memo(
        "parliament-register", parliament_register, seconds=settings.PUBLIC_COUNTERS_SECONDS
    )
