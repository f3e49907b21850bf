"""Whole-response cache of anonymous public pages, per host, path, query string and language.

A spike of visitors after news must not reach the database (docs/decisions/0003-own-page-cache.md).
Two halves:

- `CachedPageMixin.serve()` marks a response as a page's, unless it is a preview. A page type
  opts in by taking the mixin, so a future page with per-user content is never cached by accident.
- `PageCacheMiddleware` looks the response up before Wagtail's routing and stores marked ones.
  Looking up inside `serve()` instead would still pay for the routing (site, localised root, one
  query per path segment, the view-restriction hook): most of a cached page's cost. The
  middleware sits last, so the middleware above it (locale, sessions, CSRF, security headers)
  still runs on a hit and adds Content-Language, Vary and the like exactly as on a miss.

Anonymous GET and HEAD requests without pending messages are served from the cache (Wagtail's
preview requests never are), and only GET responses are stored: a marked 200 that set no cookie,
touched neither the CSRF token nor the session, does not forbid caching, and whose page has no
view restriction (someone who passed a password must not share the page with everyone). The
page templates depend on the user only through `user.is_authenticated` and `messages`
(base.html), both covered by these rules; language links and the sign-in link carry no `next`.

Invalidation is O(1): every entry carries the generation it was rendered under, and
`page_cache_invalidate()` replaces the generation, making every entry stale at once. The
generation is read before the page is rendered, so a request that read old data while a change
was committing stores its entry under the old generation, which the bump on commit retires.

There is one way to make pages stale, and one place that decides it: `cms.signal_handlers`, next
to the pages that know what they show. It listens to the saves and deletions of the models public
pages show (`PAGE_CACHE_SOURCES`), to Wagtail's publishing signals, and to
`solidarity.common.signals.records_written`, which code that writes in bulk sends instead of the
row signals Django does not send. No service calls `page_cache_invalidate()`; only cms imports
this module (an import-linter contract in pyproject.toml), and `setup_site` calls it once per
release, because new code may render every page differently.
Entries live in the `pages` cache alias, so that a flood of distinct URLs cannot evict the login
rate-limit counters kept in `default`.

A cache outage is a miss (common/cache.py): pages render uncached and nothing is stored, and the
generation cannot be replaced meanwhile either. So when Redis answers again the generation is
replaced at once (`on_redis_recovery`): entries stored before the outage may show what an edit
made during it changed (a withdrawn publicity, an unpublished page).
"""

import hashlib
import uuid
import zlib
from collections.abc import Callable
from operator import itemgetter
from typing import TypeVar
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_max_age
from django.utils.translation import get_language

from .cache import on_redis_recovery

PAGE_CACHE_ALIAS = "pages"
GENERATION_KEY = "page-cache:generation"
# Long query strings are a way to flood the cache with one-off entries, not a listing filter.
MAX_QUERY_STRING_LENGTH = 512
_UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")
# Query parameters some cached page reads (CachedPageMixin.cache_query_parameters); the others
# change nothing on a page, so they are left out of the key: `?x=<random>` is a hit, not a new
# entry that renders the page and evicts real ones.
_KNOWN_PARAMETERS: set[str] = set()
# Never looked up: the load balancer's probe must answer from the database alone, even when the
# page cache's store is the one failing, and costs no cache round trip (common/views.py).
NEVER_CACHED_PATHS = frozenset({"/healthz"})

T = TypeVar("T")


def page_cache_invalidate() -> None:
    """Make every cached page stale: now, or once the current transaction commits.

    Inside a transaction the bump waits for the commit: it is the one that matters to other
    processes (a request that read the old rows before the commit may already have stored them),
    and bumping at once would lock the cache's generation row (database cache) until the commit,
    making every other save wait for a long import, or deadlock with it. Tests, which never
    commit, set PAGE_CACHE_BUMP_AT_ONCE to see their own changes.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block or settings.PAGE_CACHE_BUMP_AT_ONCE:
        _bump_generation()
    if connection.in_atomic_block and not _bump_pending(connection):
        transaction.on_commit(_bump_generation, robust=True)


def page_cache_memo(name: str, compute: Callable[[], T], *, seconds: int) -> T:
    """`compute()`, kept until the generation changes or `seconds` pass (0: not kept).

    For what many pages show and every render would otherwise recompute over every record (the
    public counters, the listing's filter options): it goes stale exactly when the pages built
    on it do, whether the pages themselves are cached or not (PAGE_CACHE_SECONDS may be 0). The
    generation and the value come in one round trip. `seconds` bounds what no change retires
    (letters do not bump the generation). A cache outage computes every time: the generation
    read is then a new random one, and nothing stored under it is ever found.
    """
    if seconds <= 0:
        return compute()
    cache = caches[PAGE_CACHE_ALIAS]
    key = f"page-cache:memo:{name}"
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or _generation_start(cache)
    entry = found.get(key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    value = compute()
    cache.set(key, (generation, value), timeout=seconds)
    return value


@on_redis_recovery
def _bump_generation() -> None:
    caches[PAGE_CACHE_ALIAS].set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def _bump_pending(connection) -> bool:
    """One bump on commit is enough, however many records the transaction changes."""
    return any(func is _bump_generation for _sids, func, _robust in connection.run_on_commit)


class CachedPageMixin:
    """Marks this page's responses as shareable between anonymous visitors (see module doc).

    A page that reads query parameters must name them in `cache_query_parameters`, or every
    value would be served the same cached response.
    """

    cache_query_parameters: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _KNOWN_PARAMETERS.update(cls.cache_query_parameters)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):
            # The middleware checks view restrictions only when it is about to store the page.
            response.page_cache_page = self
        return response


class PageCacheMiddleware:
    """Serves and stores the responses that `CachedPageMixin` marks (see module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        if seconds <= 0 or not _request_is_cacheable(request):
            return self.get_response(request)
        cache = caches[PAGE_CACHE_ALIAS]
        key = _entry_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or _generation_start(cache)
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            return _response_from(entry)
        response = self.get_response(request)
        if request.method == "GET" and _response_is_shareable(request, response):
            cache.set(key, _entry_from(generation, response), timeout=seconds)
            response["X-Cache"] = "miss"
        return response


def _request_is_cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and request.path_info not in NEVER_CACHED_PATHS
        # Wagtail's previews run through the middleware with the page's own URL.
        and not getattr(request, "is_dummy", False)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING_LENGTH
        and not request.user.is_authenticated
        and not len(messages.get_messages(request))
    )


def _response_is_shareable(request: HttpRequest, response: HttpResponse) -> bool:
    page = getattr(response, "page_cache_page", None)
    cache_control = response.get("Cache-Control", "")
    storage = getattr(request, "_messages", None)
    return (
        page is not None
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
        and not any(directive in cache_control for directive in _UNCACHEABLE_DIRECTIVES)
        and get_max_age(response) != 0
        and not request.user.is_authenticated
        # The CSRF token or the session in the page would be another visitor's.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.session.modified
        and not (storage is not None and storage.added_new)
        and b"csrfmiddlewaretoken" not in response.content
        # Someone who passed a password or login restriction sees what others may not.
        and not page.get_view_restrictions().exists()
    )


def _entry_key(request: HttpRequest) -> str:
    """Scheme, host, language, path and the known query parameters in a fixed order.

    Parameters are sorted by name only, so that repeated values keep their order.
    """
    query = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    pairs = sorted((pair for pair in query if pair[0] in _KNOWN_PARAMETERS), key=itemgetter(0))
    parts = [
        request.scheme or "",
        request.get_host(),
        get_language() or "",
        request.path,
        urlencode(pairs),
    ]
    return "page-cache:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _generation_start(cache) -> str:
    """The first generation, after a cache flush or eviction: whoever adds it first wins."""
    mine = uuid.uuid4().hex
    cache.add(GENERATION_KEY, mine, timeout=None)
    return cache.get(GENERATION_KEY) or mine


def _entry_from(generation: str, response: HttpResponse) -> tuple:
    # Headers set below this middleware only: the ones above add theirs again on a hit.
    return (generation, zlib.compress(response.content), list(response.items()))


def _response_from(entry: tuple) -> HttpResponse:
    _generation, content, headers = entry
    response = HttpResponse(zlib.decompress(content), headers=dict(headers))
    response["X-Cache"] = "hit"
    return response
