"""The public listing's filters, sort and counters, kept in the URL query string.

The form only validates the query string: a value it does not know (`?region=mars`) is dropped
and the other filters still apply, so a hand-edited or stale URL never fails.
"""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from solidarity.common.pagecache import page_cache_memo
from solidarity.matching.models import Match, MatchStatus
from solidarity.prisoners.choices import (
    DETAINED_STATUSES,
    PUBLIC_PUBLICITY,
    RELEASED_STATUSES,
    Gender,
    Region,
    Status,
)
from solidarity.prisoners.models import Charge, CriminalArticle, Facility, Prisoner
from solidarity.prisoners.search import prisoner_search
from solidarity.prisoners.selectors import prisoner_list_public


class StatusGroup(models.TextChoices):
    HELD = "held", _("Held now")
    RELEASED = "released", pgettext_lazy("status group", "Released")


class SentenceRange(models.TextChoices):
    UNDER_2 = "under-2", _("Under 2 years")
    FROM_2_TO_5 = "2-5", _("2 to 5 years")
    FROM_5_TO_10 = "5-10", _("5 to 10 years")
    OVER_10 = "over-10", _("10 years or more")


class Sort(models.TextChoices):
    NAME = "name", _("Name")
    DETAINED = "detained", _("Detention date, newest first")
    SENTENCE = "sentence", _("Sentence, longest first")


# Keyed by the choices (strings), looked up with the submitted value.
STATUS_GROUPS: dict[str, frozenset[Status]] = {
    StatusGroup.HELD: DETAINED_STATUSES,
    StatusGroup.RELEASED: RELEASED_STATUSES,
}
# Half-open ranges in months: [from, to).
SENTENCE_MONTHS: dict[str, tuple[int | None, int | None]] = {
    SentenceRange.UNDER_2: (None, 24),
    SentenceRange.FROM_2_TO_5: (24, 60),
    SentenceRange.FROM_5_TO_10: (60, 120),
    SentenceRange.OVER_10: (120, None),
}
SORT_ORDER = {
    Sort.NAME: (F("sort_name").asc(), F("pk").asc()),
    Sort.DETAINED: (F("detained_on").desc(nulls_last=True), F("sort_name").asc(), F("pk").asc()),
    Sort.SENTENCE: (
        F("sentence_months").desc(nulls_last=True),
        F("sort_name").asc(),
        F("pk").asc(),
    ),
}


def _any(label) -> list[tuple[str, Any]]:
    return [("", label)]


def has_active_godparent() -> Exists:
    """Only a yes/no: who the godparent is (perhaps discreet) never leaves the matching app."""
    return Exists(Match.objects.filter(prisoner=OuterRef("pk"), status=MatchStatus.ACTIVE))


def facility_options() -> list[tuple[str, str]]:
    """Facilities holding at least one public record, in one query."""
    public = Prisoner.objects.filter(facility=OuterRef("pk"), publicity__in=PUBLIC_PUBLICITY)
    facilities = Facility.objects.filter(Exists(public)).only("pk", "name", "name_be", "name_latin")
    options = [(str(f.pk), f.display_name) for f in facilities]
    return sorted(options, key=lambda option: option[1].casefold())


def article_options() -> list[tuple[str, str]]:
    """Articles that at least one public record is charged under, in one query."""
    charged = Charge.objects.filter(
        article=OuterRef("pk"), prisoner__publicity__in=PUBLIC_PUBLICITY
    )
    articles = CriminalArticle.objects.filter(Exists(charged)).order_by("sort_key", "number")
    return [(article.number, str(article)) for article in articles]


def listing_filter_options() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The facility and article options, kept per language until the page-cache generation
    changes (cms/counters.py says why): both scan every public record."""
    return page_cache_memo(
        f"listing-options:{get_language() or ''}",
        lambda: (facility_options(), article_options()),
        seconds=settings.PUBLIC_COUNTERS_SECONDS,
    )


class ListingFilterForm(forms.Form):
    """The listing's query string: every field optional, unknown values ignored."""

    q = forms.CharField(label=_("Name"), required=False, max_length=200, widget=forms.SearchInput())
    status = forms.ChoiceField(label=_("Status"), required=False)
    region = forms.ChoiceField(
        label=_("Home region"), required=False, choices=_any(_("All regions")) + Region.choices
    )
    facility = forms.ChoiceField(label=_("Facility"), required=False)
    article = forms.ChoiceField(label=_("Criminal code article"), required=False)
    gender = forms.ChoiceField(
        label=_("Gender"), required=False, choices=_any(_("Any gender")) + Gender.choices
    )
    sentence = forms.ChoiceField(
        label=_("Sentence"),
        required=False,
        choices=_any(_("Any sentence")) + SentenceRange.choices,
    )
    no_godparent = forms.BooleanField(label=_("Has no godparent yet"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=_any(_("Name (best match first when searching)")) + Sort.choices,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["status"].choices = [
            *_any(_("All statuses")),
            *StatusGroup.choices,
            (_("Precise status"), Status.choices),
        ]
        facilities, articles = listing_filter_options()
        self.fields["facility"].choices = _any(_("All facilities")) + facilities
        self.fields["article"].choices = _any(_("All articles")) + articles

    def filters(self) -> dict[str, Any]:
        """The valid, non-empty values; invalid ones are dropped rather than reported."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


def _status_condition(value: str) -> Q:
    if value in STATUS_GROUPS:
        return Q(status__in=STATUS_GROUPS[value])
    return Q(status=value)


def _sentence_condition(value: str) -> Q:
    low, high = SENTENCE_MONTHS[value]
    condition = Q(sentence_months__isnull=False)
    if low is not None:
        condition &= Q(sentence_months__gte=low)
    if high is not None:
        condition &= Q(sentence_months__lt=high)
    return condition


def _filter_condition(filters: Mapping[str, Any]) -> Q:
    condition = Q()
    if status := filters.get("status"):
        condition &= _status_condition(status)
    if sentence := filters.get("sentence"):
        condition &= _sentence_condition(sentence)
    for field in ("region", "gender"):
        if value := filters.get(field):
            condition &= Q(**{field: value})
    if facility := filters.get("facility"):
        condition &= Q(facility_id=int(facility))
    if article := filters.get("article"):
        charged = Charge.objects.filter(prisoner=OuterRef("pk"), article__number=article)
        condition &= Q(Exists(charged))
    if filters.get("no_godparent"):
        condition &= ~Q(has_active_godparent())
    return condition


def prisoner_list_filtered(*, filters: Mapping[str, Any]) -> QuerySet[Prisoner]:
    """Public records matching `filters` (as from ListingFilterForm.filters()), sorted.

    A name search keeps the order prisoner_search ranks by, unless a sort was chosen.
    """
    queryset = prisoner_list_public().filter(_filter_condition(filters))
    query = filters.get("q", "")
    if query:
        queryset = prisoner_search(queryset=queryset, query=query)
    sort = filters.get("sort", "")
    if sort or not query:
        queryset = queryset.order_by(*SORT_ORDER[Sort(sort or Sort.NAME)])
    return queryset


def prisoner_listing_counts() -> dict[str, int]:
    """Held now and, among them, without an active godparent: one aggregate query."""
    held = Q(status__in=DETAINED_STATUSES)
    return Prisoner.objects.filter(publicity__in=PUBLIC_PUBLICITY).aggregate(
        held_now=Count("pk", filter=held),
        without_godparent=Count("pk", filter=held & ~Q(has_active_godparent())),
    )
