"""The sitemap: every locale's pages under the site's real address, each with its translations.

Wagtail's own sitemap lists the descendants of the site's root page, which is one locale's home:
the other locales' trees are its siblings and were missing. Search engines learn from the
`hreflang` alternates that /en/, /be/ and /ru/ pages are one page in three languages.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page


class LocalisedSitemap(Sitemap):
    """Wagtail's sitemap over every locale's tree, with the translations of each page."""

    def items(self):
        root = self.get_wagtail_site().root_page
        homes = list(root.get_translations(inclusive=True))
        pages = Page.objects.live().public()
        within = reduce(or_, (pages.descendant_of_q(home, inclusive=True) for home in homes))
        pages = pages.filter(within).order_by("path")
        # Plain pages are enough for URLs: one query, whatever the page types.
        self._alternates = _alternates_by_location(list(pages), self.request)
        return pages.defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url.setdefault("alternates", self._alternates.get(url["location"], []))
        return urls


def _alternates_by_location(pages: list[Page], request) -> dict[str, list[dict[str, str]]]:
    """For each page's URL, the URLs of every live translation (itself included), when it has
    at least one; `x-default` is the default language's."""
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    by_key: dict[object, dict[str, str]] = {}
    for page in pages:
        url = page.get_full_url(request)
        if url:
            by_key.setdefault(page.translation_key, {})[languages[page.locale_id]] = url
    alternates: dict[str, list[dict[str, str]]] = {}
    for urls in by_key.values():
        if len(urls) > 1:
            links = hreflang_links(urls)
            alternates.update(dict.fromkeys(urls.values(), links))
    return alternates


def hreflang_links(urls: dict[str, str]) -> list[dict[str, str]]:
    """Django's sitemap template's alternates for one page: a link per language, then x-default."""
    links = [{"lang_code": code, "location": urls[code]} for code in sorted(urls)]
    if default := urls.get(settings.LANGUAGE_CODE):
        links.append({"lang_code": "x-default", "location": default})
    return links
