"""Public pages. Facts come from the domain records; pages hold only editorial content.

No restricted field lives on a page: page revisions, previews and the admin API copy page fields
freely (docs/decisions/0002-restricted-data-outside-pages.md).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import Image
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from solidarity.activity.selectors import prisoner_public_activity
from solidarity.common.models import dates_in_order
from solidarity.common.pagecache import CachedPageMixin
from solidarity.congress.models import Congress, Declaration
from solidarity.congress.selectors import declaration_signatories, listed_participants
from solidarity.matching.directory import (
    godparent_directory_members,
    godparent_directory_parliaments,
)
from solidarity.matching.selectors import godparent_list_public_for_prisoner
from solidarity.prisoners.choices import Publicity
from solidarity.prisoners.models import Prisoner
from solidarity.prisoners.selectors import (
    prisoner_get_public,
    prisoner_list_public,
    prisoner_profile_frozen,
    prisoner_public_sources,
    prisoner_status_history,
)

from .blocks import AgendaBlock, BaseStreamBlock, KeyPointsBlock
from .counters import godparent_directory, parliament_register_memo, public_counters
from .filters import ListingFilterForm, prisoner_list_filtered
from .sitemaps import hreflang_links

PRISONERS_PER_PAGE = 24
# About 30 KB of HTML with their prisoners: a page a phone loads at once (docs/site.md).
GODPARENTS_PER_PAGE = 50
PERIOD_ORDER_ERROR = _("The period cannot end before it starts.")
# The parliaments register's columns: its sort keys (`ParliamentRegister.sort_keys`) and headings.
REGISTER_COLUMNS = (
    ("country", _("Country")),
    ("groups", _("Groups")),
    ("memoranda", _("Memoranda")),
    ("godparents", _("Godparents")),
    ("prisoners", _("Prisoners supported")),
    ("letters", _("Letters")),
    ("actions", _("Actions")),
)


class HomePage(CachedPageMixin, Page):
    """The site's front page in each locale: what a godparent does, what it takes, why it is safe
    and who runs it, one action to sign up; then the counters and a few prisoners.

    A parliamentarian decides on the first screen of a phone whether to go on, so the editorial
    texts of that screen are fields of their own, which `setup_site` fills with defaults in every
    language and editors may rewrite.
    """

    headline: models.CharField[str, str] = models.CharField(
        _("headline"),
        max_length=160,
        blank=True,
        help_text=_("The first line visitors read. Empty: the page title."),
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    key_points = StreamField(
        KeyPointsBlock(),
        blank=True,
        verbose_name=_("key points"),
        help_text=_(
            "Up to four short points under the headline: what a godparent does, how much time "
            "it takes, why it is safe for the prisoner, who runs the programme."
        ),
    )
    call_to_action: models.CharField[str, str] = models.CharField(
        _("sign-up button"),
        max_length=60,
        blank=True,
        help_text=_("The text of the one main button, which leads to the sign-up."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("headline"),
        FieldPanel("intro"),
        FieldPanel("key_points"),
        FieldPanel("call_to_action"),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.PrisonerIndexPage",
        "cms.GodparentIndexPage",
        "cms.StandardPage",
        "cms.AnnouncementPage",
        "cms.ParliamentRegisterPage",
        "cms.CongressPage",
    ]
    max_count_per_parent = 1
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        counters = public_counters()
        context["counts"] = counters
        context["totals"] = counters
        prisoners = list(prisoner_list_public()[:6])
        index = PrisonerIndexPage.objects.live().child_of(self).first()
        context["prisoners"] = prisoners
        context["prisoner_index"] = index
        context["profile_urls"] = index.profile_urls(prisoners) if index else {}
        return context


class PrisonerIndexPage(CachedPageMixin, RoutablePageMixin, Page):
    """The public listing of prisoners whose publicity allows it, and their profiles.

    Every public record has a profile at `<listing>/<id>-<name>/` in every locale, read from the
    record: importing the list is enough, nobody creates a page by hand. A PrisonerPage is needed
    only for editorial content (story, photo); where one is live, the record URL leads to it.
    """

    # The filter form's fields and the page number: what the listing reads from the URL.
    cache_query_parameters = (*ListingFilterForm.base_fields, "page")

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.PrisonerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("prisoner listing")

    def get_prisoners(self, filters: dict | None = None):
        return prisoner_list_filtered(filters=filters or {})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ListingFilterForm(request.GET)
        filters = form.filters()
        counts = public_counters()
        paginator = Paginator(self.get_prisoners(filters), PRISONERS_PER_PAGE)
        if not set(filters) - {"sort"}:
            # Everyone: the counters already know how many (Paginator.count is a cached property).
            paginator.count = counts["public"]
        page_obj = paginator.get_page(request.GET.get("page"))
        context["filter_form"] = form
        context["active_filters"] = len(set(filters) - {"q", "sort"})
        context["filtered"] = bool(set(filters) - {"sort"})
        context["page_obj"] = page_obj
        context["page_range"] = paginator.get_elided_page_range(
            page_obj.number, on_each_side=2, on_ends=1
        )
        context["profile_urls"] = self.profile_urls(page_obj.object_list)
        context["counts"] = counts
        return context

    def profile_urls(self, prisoners) -> dict[int, str]:
        """Each record's profile URL in this locale: its editorial page, else its record profile.

        One query, whatever the number of records.
        """
        base = self.url
        urls = {prisoner.pk: f"{base}{prisoner.profile_slug}/" for prisoner in prisoners}
        pages = PrisonerPage.objects.live().filter(locale_id=self.locale_id, prisoner_id__in=urls)
        urls.update(
            {page.prisoner_id: f"{base}{page.slug}/" for page in pages.only("slug", "prisoner_id")}
        )
        return urls

    @re_path(r"^(?P<prisoner_id>[0-9]{1,12})-(?P<slug>[-\w]*)/$", name="record_profile")
    def record_profile(self, request, prisoner_id: str, slug: str):
        prisoner = prisoner_get_public(prisoner_id=int(prisoner_id))
        if prisoner is None:
            raise Http404
        editorial = PrisonerPage.objects.live().filter(locale_id=self.locale_id, prisoner=prisoner)
        if editorial_page := editorial.first():
            return redirect(editorial_page.get_url(request), permanent=True)
        canonical = f"{prisoner.profile_slug}/"
        if f"{prisoner_id}-{slug}/" != canonical:
            return redirect(f"{self.get_url(request)}{canonical}", permanent=True)
        return self.render(
            request,
            template="cms/prisoner_page.html",
            context_overrides={**record_context(prisoner), "subpage_path": canonical},
        )

    def get_sitemap_urls(self, request=None):
        """The listing, then every public record's profile that has no editorial page, with the
        same profile in the other locales as `hreflang` alternates (its editorial page there,
        where one is live). A fixed number of queries, whatever the number of records."""
        urls = super().get_sitemap_urls(request)
        listings = {page.locale_id: page for page in self.get_translations(inclusive=True).live()}
        bases = {locale_id: page.get_full_url(request) for locale_id, page in listings.items()}
        languages = dict(Locale.objects.filter(pk__in=bases).values_list("pk", "language_code"))
        editorial: dict[int, dict[int, str]] = {locale_id: {} for locale_id in bases}
        pages = PrisonerPage.objects.live().filter(locale_id__in=bases)
        for locale_id, prisoner_id, slug in pages.values_list("locale_id", "prisoner_id", "slug"):
            editorial[locale_id][prisoner_id] = f"{bases[locale_id]}{slug}/"
        own_pages = pages.filter(locale_id=self.locale_id).values("prisoner_id")
        records = prisoner_list_public().exclude(pk__in=own_pages)
        records = records.select_related(None).prefetch_related(None)
        for prisoner in records.only("pk", "sort_name", "updated_at"):
            slug = f"{prisoner.profile_slug}/"
            versions = {
                languages[locale_id]: editorial[locale_id].get(prisoner.pk, f"{base}{slug}")
                for locale_id, base in bases.items()
            }
            entry = {"location": f"{bases[self.locale_id]}{slug}", "lastmod": prisoner.updated_at}
            if len(versions) > 1:
                entry["alternates"] = hreflang_links(versions)
            urls.append(entry)
        return urls


class PrisonerPage(CachedPageMixin, Page):
    """One prisoner's public profile in one locale; facts are read from the linked record."""

    # A Wagtail page is not a model to django-stubs (Wagtail is untyped): fields say their types.
    prisoner: models.ForeignKey[Prisoner, Prisoner] = models.ForeignKey(
        "prisoners.Prisoner",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("prisoner record"),
    )
    photo: models.ForeignKey[Image | None, Image | None] = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_("Shown only when the record's publicity is Full."),
    )
    story = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("story"))

    content_panels = [
        *Page.content_panels,
        HelpPanel(
            content=_(
                "Facts (names, status, sentence, facility) come from the prisoner record and "
                "update everywhere at once. Photo and story appear only with Full publicity."
            )
        ),
        FieldPanel("prisoner"),
        FieldPanel("photo"),
        FieldPanel("story"),
    ]
    parent_page_types = ["cms.PrisonerIndexPage"]
    subpage_types: list[str] = []
    # Only editorial text is indexed: never restricted data, which is not on the page at all.
    search_fields = [*Page.search_fields]
    # Translations (wagtail-localize) follow the source's record and photo: a translator can
    # neither point a translation at another prisoner nor give it another face.
    override_translatable_fields = [
        SynchronizedField("prisoner", overridable=False),
        SynchronizedField("photo", overridable=False),
    ]

    class Meta:
        verbose_name = _("prisoner profile")
        verbose_name_plural = _("prisoner profiles")

    @cached_property
    def shows_story(self) -> bool:
        """Photo, story and topics for letters: Full publicity, and not the frozen profile of a
        person released inside Belarus (`prisoner_profile_frozen`)."""
        return self.prisoner.publicity == Publicity.FULL and not prisoner_profile_frozen(
            prisoner=self.prisoner
        )

    def serve(self, request, *args, **kwargs):
        if not self.prisoner.is_public:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        """A record withdrawn from publicity is never listed, even before unpublishing."""
        return super().get_sitemap_urls(request) if self.prisoner.is_public else []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(record_context(self.prisoner))
        return context


class GodparentIndexPage(CachedPageMixin, RoutablePageMixin, Page):
    """The public directory of godparents who agreed to be listed: an index of countries, then
    a page per country (`<page>/<code>/`, and `international/`, `other/`), by parliament.

    Facts come from the godparent records (`solidarity.matching.directory`); the page holds only
    its introduction. Prisoners are named only where their record's publicity allows it, and
    link to their profile under the sibling prisoner listing. A country's godparents come
    GODPARENTS_PER_PAGE at a time (`?page=`), so that no page renders the whole directory: a
    parliamentarian on a phone reads their own country, not 10,000 names.
    """

    cache_query_parameters = ("page",)

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *Page.content_panels,
        HelpPanel(
            content=_(
                "The list is read from the godparent records: only verified godparents who "
                "agreed to be listed appear, never discreet ones."
            )
        ),
        FieldPanel("intro"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("godparent listing")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["directory"] = godparent_directory()
        return context

    @re_path(r"^(?P<slug>[A-Za-z]{2}|international|other)/$", name="directory_group")
    def directory_group(self, request, slug: str):
        """One group's godparents, a page at a time; an unknown code or a country nobody is
        listed for is a 404, an upper-case code is redirected to its lower-case URL."""
        if slug != slug.lower():
            return redirect(f"{self.get_url(request)}{slug.lower()}/", permanent=True)
        directory = godparent_directory()
        group = directory.group(slug)
        if group is None:
            raise Http404
        paginator = Paginator(godparent_directory_members(group=group), GODPARENTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        parliaments = godparent_directory_parliaments(list(page_obj.object_list))
        listing = PrisonerIndexPage.objects.live().sibling_of(self).first()
        prisoners = [
            prisoner
            for parliament in parliaments
            for godparent in parliament.godparents
            for prisoner in godparent.prisoners
        ]
        return self.render(
            request,
            template="cms/godparent_group_page.html",
            context_overrides={
                "directory": directory,
                "group": group,
                "parliaments": parliaments,
                "page_obj": page_obj,
                "page_range": paginator.get_elided_page_range(
                    page_obj.number, on_each_side=2, on_ends=1
                ),
                "profile_urls": listing.profile_urls(prisoners) if listing else {},
                "subpage_path": f"{slug}/",
            },
        )

    def get_sitemap_urls(self, request=None):
        """The index, then each group's first page, with the same group in the other locales
        as `hreflang` alternates: a fixed number of queries, whatever the number of groups."""
        urls = super().get_sitemap_urls(request)
        pages = {page.locale_id: page for page in self.get_translations(inclusive=True).live()}
        bases = {locale_id: page.get_full_url(request) for locale_id, page in pages.items()}
        languages = dict(Locale.objects.filter(pk__in=bases).values_list("pk", "language_code"))
        for group in godparent_directory().groups:
            slug = f"{group.slug}/"
            versions = {languages[locale_id]: f"{base}{slug}" for locale_id, base in bases.items()}
            entry: dict = {"location": f"{bases[self.locale_id]}{slug}"}
            if len(versions) > 1:
                entry["alternates"] = hreflang_links(versions)
            urls.append(entry)
        return urls


class ParliamentRegisterPage(CachedPageMixin, Page):
    """Where the programme stands in each country: the parliaments' groups "For a Democratic
    Belarus", their memoranda of cooperation, and the programme's figures, as a table that sorts
    by any column without JavaScript (`?sort=`).

    Facts come from the parliament records and the programme (`solidarity.congress.selectors`);
    figures that could point at a discreet godparent are withheld there, not here.
    """

    cache_query_parameters = ("sort",)

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *Page.content_panels,
        HelpPanel(
            content=_(
                "The table is read from the parliament records (Godparents > Parliaments): "
                "groups, memoranda, and the programme's figures by country."
            )
        ),
        FieldPanel("intro"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("parliaments register")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        register = parliament_register_memo()
        sort = request.GET.get("sort", "country")
        if sort not in register.sort_keys:
            sort = "country"
        columns = [
            (key, label, ("ascending" if key == "country" else "descending") if key == sort else "")
            for key, label in REGISTER_COLUMNS
        ]
        context.update(register=register, rows=register.sorted_by(sort), columns=columns)
        return context


class CongressPage(CachedPageMixin, Page):
    """The Congress of symbolic godparents as the public sees it: dates, place, agenda, practical
    information, and the participants who agreed to be listed. Invitations, registrations and
    pledges are records of `solidarity.congress`, never page fields."""

    congress: models.ForeignKey[Congress, Congress] = models.ForeignKey(
        Congress,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("congress"),
        help_text=_("Its dates, place and registrations (Congress > Congresses)."),
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    agenda = StreamField(AgendaBlock(), blank=True, verbose_name=_("agenda"))
    practical = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("practical information"))
    show_participants: models.BooleanField[bool, bool] = models.BooleanField(
        _("show the list of participants"),
        default=True,
        help_text=_("Only those who agreed to be listed, never a discreet godparent."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("congress"),
        FieldPanel("intro"),
        FieldPanel("agenda"),
        FieldPanel("practical"),
        FieldPanel("show_participants"),
    ]
    override_translatable_fields = [
        SynchronizedField("congress", overridable=False),
        SynchronizedField("show_participants", overridable=False),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("Congress page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        participants = list(listed_participants(self.congress)) if self.show_participants else []
        declaration = Declaration.objects.filter(congress=self.congress).first()
        if declaration is not None and not declaration.is_public:
            declaration = None  # a draft: not yet open for signatures
        context.update(event=self.congress, participants=participants, declaration=declaration)
        if declaration is not None:
            context.update(
                declaration_text=declaration.text_in(get_language() or ""),
                signatories=declaration_signatories(declaration),
            )
        return context


class SitePageRole(models.TextChoices):
    """The pages every locale links from its footer; `setup_site` creates one of each."""

    HOW = "how", _("How it works")
    FAQ = "faq", _("Questions and answers")
    ABOUT = "about", _("About us")
    CONTACT = "contact", _("Contact")
    PRIVACY = "privacy", _("Privacy policy")


class StandardPage(CachedPageMixin, Page):
    """About, privacy, how to write letters: plain editorial pages."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    # The footer finds its pages by role, not by slug or title, which editors may change.
    site_role: models.CharField[str, str] = models.CharField(
        _("footer link"),
        max_length=20,
        choices=SitePageRole.choices,
        blank=True,
        help_text=_("Link this page from the footer of every page as…; one page per role."),
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
    promote_panels = [*Page.promote_panels, FieldPanel("site_role")]
    # Every translation plays the same role as its source.
    override_translatable_fields = [SynchronizedField("site_role", overridable=False)]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage", "cms.AnnouncementPage"]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class AnnouncementPage(CachedPageMixin, Page):
    """A news page announcing the godparenthoods accepted in a period (a batch announcement).

    Names, parliaments and statements are read from the records (`godparenthoods_announced`), so
    the page follows every later change of consent; it holds only its introduction and period.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    period_start: models.DateField[datetime.date, datetime.date] = models.DateField(
        _("period start"), help_text=_("Godparenthoods accepted on or after this day are listed.")
    )
    period_end: models.DateField[datetime.date | None, datetime.date | None] = models.DateField(
        _("period end"),
        null=True,
        blank=True,
        help_text=_("Last day included. Leave empty to list everything accepted since the start."),
    )

    content_panels = [
        *Page.content_panels,
        HelpPanel(
            content=_(
                "The list is read from the matches: a godparent is named only if they agreed to "
                "be listed and are not discreet, a prisoner only if the family agreed to "
                "publication. Every other godparenthood accepted in the period is only counted."
            )
        ),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading=_("Period")),
    ]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types: list[str] = []
    # Only editorial text is indexed; the names come from the records at rendering time.
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    # Every translation announces the same godparenthoods.
    override_translatable_fields = [
        SynchronizedField("period_start", overridable=False),
        SynchronizedField("period_end", overridable=False),
    ]

    class Meta:
        verbose_name = _("godparenthood announcement")
        verbose_name_plural = _("godparenthood announcements")
        constraints = [
            dates_in_order(
                later="period_end", earlier="period_start", name="announcement_period_in_order"
            ),
        ]

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": PERIOD_ORDER_ERROR})

    def get_context(self, request, *args, **kwargs):
        # Imported when the page is served, not at every start-up (commands, workers).
        from solidarity.matching.announcements import godparenthoods_announced

        context = super().get_context(request, *args, **kwargs)
        announcement = godparenthoods_announced(since=self.period_start, until=self.period_end)
        prisoners = [godparenthood.prisoner for godparenthood in announcement.godparenthoods]
        listing = PrisonerIndexPage.objects.live().filter(locale_id=self.locale_id).first()
        context["announcement"] = announcement
        context["profile_urls"] = listing.profile_urls(prisoners) if listing and prisoners else {}
        return context


def record_context(prisoner) -> dict:
    """What a profile shows of a record, for editorial pages and record profiles alike."""
    return {
        "record": prisoner,
        "godparents": godparent_list_public_for_prisoner(prisoner_id=prisoner.pk),
        "history": prisoner_status_history(prisoner=prisoner),
        "charges": prisoner.charges.select_related("article").order_by("article__sort_key"),
        "activity": prisoner_public_activity(prisoner_id=prisoner.pk),
        "sources": prisoner_public_sources(prisoner=prisoner),
    }
