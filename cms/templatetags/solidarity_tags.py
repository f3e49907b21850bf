"""Template tags for the public site shell: the language switcher, locale-aware navigation, dates.

The switcher needs no JavaScript: every language is a plain link to the same content in that
language (the page's translation, or the locale's home when the page has none).
"""

import datetime
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.urls import translate_url
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from wagtail.models import Page

from cms.models import (
    CongressPage,
    GodparentIndexPage,
    HomePage,
    ParliamentRegisterPage,
    PrisonerIndexPage,
    SitePageRole,
)
from solidarity.common.languages import LANGUAGE_NAMES

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switcher."""

    code: str
    name: str
    url: str
    is_current: bool
    is_translation: bool  # the same content in that language (worth an hreflang alternate)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """A link per site language to the current content in that language, in a fixed number of
    queries: the page's translations on a Wagtail page, `translate_url` anywhere else."""
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        # A route under the page (a record profile) keeps its path in every language.
        suffix = context.get("subpage_path", "")
        urls, translated = _page_translation_urls(page=page, request=request, suffix=suffix)
    elif request is not None:
        path = request.get_full_path()
        urls = {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
        translated = set(urls)
    else:
        urls, translated = {}, set()
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    return [
        LanguageLink(
            code=code,
            name=name,
            url=urls.get(code) or f"/{code}/",
            is_current=code == current,
            is_translation=code in translated,
        )
        for code, name in settings.LANGUAGES
    ]


def _page_translation_urls(
    *, page: Page, request, suffix: str = ""
) -> tuple[dict[str, str], set[str]]:
    """URLs of the live translations of `page` (plus `suffix`), and of other locales' homes."""
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    urls = {p.locale.language_code: f"{p.get_url(request)}{suffix}" for p in translations}
    translated = {code for code, url in urls.items() if url}
    missing = [code for code, _name in settings.LANGUAGES if not urls.get(code)]
    if missing:
        homes = HomePage.objects.live().filter(locale__language_code__in=missing)
        for home in homes.select_related("locale"):
            urls[home.locale.language_code] = home.get_url(request)
    return urls, translated


@register.simple_tag
def site_pages() -> dict[str, Page | None]:
    """The home page, the prisoner and godparent listings, the parliaments register, the latest
    Congress page and the footer's pages (`how`, `faq`,
    `about`, `contact`, `privacy`) of the active locale (else the default locale's), for the
    header and footer navigation; None for a page that is missing.

    Two queries: the home pages, then the home's children that play a role, as plain pages.
    """
    code = (get_language() or settings.LANGUAGE_CODE)[:2]
    homes = HomePage.objects.live().filter(locale__language_code__in={code, settings.LANGUAGE_CODE})
    by_code = {home.locale.language_code: home for home in homes.select_related("locale")}
    home = by_code.get(code) or by_code.get(settings.LANGUAGE_CODE)
    found: dict[str, Page] = {}
    if home:
        listings = {
            ContentType.objects.get_for_model(PrisonerIndexPage).pk: "prisoners",
            ContentType.objects.get_for_model(GodparentIndexPage).pk: "godparents",
            ContentType.objects.get_for_model(ParliamentRegisterPage).pk: "parliaments",
            ContentType.objects.get_for_model(CongressPage).pk: "congress",
        }
        pages = (
            Page.objects.live()
            .child_of(home)
            .filter(Q(content_type_id__in=listings) | Q(standardpage__site_role__gt=""))
            .annotate(site_role=F("standardpage__site_role"))
            .order_by("path")
        )
        for page in pages:
            key = page.site_role or listings.get(page.content_type_id, "")
            if key == "congress":  # the latest Congress: the last one added
                found[key] = page
            else:
                found.setdefault(key, page)
    return {"home": home} | {key: found.get(key) for key in SITE_PAGE_KEYS}


# The navigation's keys: the listings, then the footer's pages by their `SitePageRole` value.
SITE_PAGE_KEYS = ("prisoners", "godparents", "parliaments", "congress", *SitePageRole.values)


@register.filter
def language_names(codes) -> str:
    """`{{ session.languages|language_names }}`: "Belarusian, English", in the reader's language."""
    return ", ".join(str(LANGUAGE_NAMES.get(code, code)) for code in codes or ())


@register.filter
def get_item(mapping, key):
    """`{{ profile_urls|get_item:prisoner.pk }}`: a dict lookup by a variable key."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def age_on(birth_date: datetime.date | None, today: datetime.date | None = None) -> int | None:
    """Age in whole years, or None without a birth date."""
    if birth_date is None:
        return None
    today = today or timezone.localdate()
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - before_birthday


@register.filter
def local_date(value: datetime.date | None, format_name: str = "DATE_FORMAT") -> str:
    """A date in the active language's own format (Belarusian's: solidarity/formats/be/)."""
    if value is None:
        return ""
    return date_format(value, format_name)
