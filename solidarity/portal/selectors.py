"""What a godparent (or their staff) sees on "My prisoners", in a fixed number of queries."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypedDict

from django.db.models import Max, Q
from django.utils import timezone
from wagtail.models import Locale

from cms.models import PrisonerIndexPage, PrisonerPage
from solidarity.activity.models import AdvocacyAction, Letter, LetterOutcome
from solidarity.activity.services import letter_editable
from solidarity.godparents.models import GodparentProfile
from solidarity.matching.exile import release_choice_token
from solidarity.matching.models import EndReason, Match, MatchStatus
from solidarity.matching.selectors import OfferFacts, offer_facts, offer_reasons
from solidarity.prisoners.choices import Publicity
from solidarity.prisoners.dates import next_birthday
from solidarity.prisoners.models import Prisoner, StatusChange
from solidarity.prisoners.selectors import prisoners_released_abroad
from solidarity.writing.models import PreparedLetter
from solidarity.writing.selectors import prepared_awaiting_post

NEWS_DAYS = 180
# A card posted to a colony takes two to three weeks: birthdays this close are highlighted.
BIRTHDAY_DAYS = 21
NEWS_LIMIT = 20
RECENT_LETTERS = 5


@dataclass
class PrisonerCard:
    match: Match
    photo: object | None = None
    page_url: str = ""
    last_letter_on: datetime.date | None = None
    last_action_on: datetime.date | None = None
    next_birthday: datetime.date | None = None
    news: list[StatusChange] = field(default_factory=list)

    @property
    def prisoner(self) -> Prisoner:
        return self.match.prisoner


@dataclass
class OfferCard:
    """An offer with what the godparent needs to decide: facts, reasons, the profile's link."""

    match: Match
    facts: OfferFacts
    reasons: list[str]
    photo: object | None = None
    profile_url: str = ""

    @property
    def prisoner(self) -> Prisoner:
        return self.match.prisoner


@dataclass(frozen=True)
class Birthday:
    card: PrisonerCard
    on: datetime.date
    days_away: int


@dataclass(frozen=True)
class ReleaseChoiceCard:
    """A godparenthood ended by a release abroad: the godparent may choose what happens next."""

    match: Match
    token: str

    @property
    def prisoner(self) -> Prisoner:
        return self.match.prisoner


class DashboardData(TypedDict):
    offers: list[OfferCard]
    cards: list[PrisonerCard]
    birthdays: list[Birthday]
    ended: list[Match]
    release_choices: list[ReleaseChoiceCard]
    recent_letters: list[Letter]
    prepared: list[PreparedLetter]


def dashboard_data(*, godparent: GodparentProfile, locale: Locale) -> DashboardData:
    """Offers waiting for an answer, active prisoners with everything needed to write, news,
    and the godparenthoods that ended lately (a release should not just vanish from the page)."""
    since = timezone.now() - datetime.timedelta(days=NEWS_DAYS)
    matches = list(
        Match.objects.filter(
            Q(status__in=(MatchStatus.OFFERED, MatchStatus.ACTIVE))
            | Q(status=MatchStatus.ENDED, ended_at__gte=since),
            godparent=godparent,
        )
        .select_related("prisoner", "prisoner__facility", "godparent__parliament")
        .order_by("prisoner__sort_name")
    )
    offers = [m for m in matches if m.status == MatchStatus.OFFERED]
    cards = [PrisonerCard(match=m) for m in matches if m.status == MatchStatus.ACTIVE]
    in_exile = {m.prisoner_id for m in matches if m.status == MatchStatus.ACTIVE and m.in_exile}
    ended = sorted(
        (m for m in matches if m.status == MatchStatus.ENDED),
        key=lambda m: m.ended_at or since,  # always set: the query asked for ended_at >= since
        reverse=True,
    )
    shown = [m.prisoner for m in matches if m.status != MatchStatus.ENDED]
    public = _PublicPages.load(prisoners=shown, locale=locale)  # one lookup for all of them
    _fill_cards(godparent=godparent, cards=cards, public=public)
    return {
        "offers": offer_cards(matches=offers, locale=locale, public=public),
        "cards": cards,
        "birthdays": birthdays_ahead(cards=cards, today=timezone.localdate()),
        # A godparent who went on in exile still supports the person: not "ended" for them.
        "ended": [m for m in ended if m.prisoner_id not in in_exile],
        "release_choices": _release_choices(ended, in_exile=in_exile),
        "recent_letters": recent_letters(godparent=godparent),
        "prepared": list(prepared_awaiting_post(godparent=godparent)),
    }


def _release_choices(ended: list[Match], *, in_exile: set[int]) -> list[ReleaseChoiceCard]:
    """Ended by a release abroad, and not yet continued in exile: the godparent may still
    choose (or change their mind). At most one query."""
    released = [
        m
        for m in ended
        if m.end_reason == EndReason.PRISONER_RELEASED and m.prisoner_id not in in_exile
    ]
    abroad = prisoners_released_abroad({m.prisoner_id: m.prisoner.status for m in released})
    return [
        ReleaseChoiceCard(match=m, token=release_choice_token(m))
        for m in released
        if m.prisoner_id in abroad
    ]


@dataclass(frozen=True)
class _PublicPages:
    """What the public site has for some records in one language: profile URLs, live pages."""

    urls: dict[int, str]
    pages: dict[int, PrisonerPage]

    @classmethod
    def load(cls, *, prisoners: list[Prisoner], locale: Locale) -> "_PublicPages":
        full = [p.pk for p in prisoners if p.publicity == Publicity.FULL]  # a photo needs Full
        return cls(
            urls=_profile_urls(prisoners=prisoners, locale=locale),
            pages=_public_pages(ids=full, locale=locale),
        )


def offer_cards(
    *, matches: list[Match], locale: Locale, public: _PublicPages | None = None
) -> list[OfferCard]:
    """Each offer with the facts its record's publicity allows, the reasons in words, the public
    profile's URL in the reader's language (public records, where the listing is live) and the
    photo (Full only, from the live profile page). A fixed number of queries per offer page."""
    today = timezone.localdate()
    if public is None:
        public = _PublicPages.load(prisoners=[m.prisoner for m in matches], locale=locale)
    cards = []
    for match in matches:
        page = public.pages.get(match.prisoner_id)
        cards.append(
            OfferCard(
                match=match,
                facts=offer_facts(prisoner=match.prisoner, today=today),
                reasons=offer_reasons(match=match),
                photo=page.photo if page is not None else None,
                profile_url=public.urls.get(match.prisoner_id, ""),
            )
        )
    return cards


def birthdays_ahead(
    *, cards: list[PrisonerCard], today: datetime.date, days: int = BIRTHDAY_DAYS
) -> list[Birthday]:
    """The godparent's prisoners whose birthday falls within `days` from today (today included),
    soonest first: time to send a card. Across New Year, and 29 February on the 28th in other
    years (`next_birthday`); only where the day of birth is known."""
    soon = []
    for card in cards:
        prisoner = card.prisoner
        day = next_birthday(prisoner.birth_date, prisoner.birth_date_precision, today)
        if day is not None and (day - today).days <= days:
            soon.append(Birthday(card=card, on=day, days_away=(day - today).days))
    return sorted(soon, key=lambda birthday: birthday.days_away)


def recent_letters(*, godparent: GodparentProfile, limit: int = RECENT_LETTERS) -> list[Letter]:
    """The last letters, so that a reply or a return is one tap from the dashboard."""
    return list(Letter.objects.filter(godparent=godparent).select_related("prisoner")[:limit])


def _fill_cards(
    *, godparent: GodparentProfile, cards: list[PrisonerCard], public: _PublicPages
) -> None:
    if not cards:
        return
    ids = [card.prisoner.pk for card in cards]
    last_letters = dict(
        Letter.objects.filter(godparent=godparent, prisoner_id__in=ids)
        .values_list("prisoner_id")
        .annotate(last=Max("sent_on"))
    )
    last_actions = dict(
        AdvocacyAction.objects.filter(godparents=godparent, prisoners__in=ids)
        .values_list("prisoners")
        .annotate(last=Max("occurred_on"))
    )
    since = timezone.localdate() - datetime.timedelta(days=NEWS_DAYS)
    news: dict[int, list[StatusChange]] = {}
    for change in StatusChange.objects.filter(
        prisoner_id__in=ids, effective_on__gte=since
    ).select_related("facility")[: NEWS_LIMIT * len(ids)]:
        news.setdefault(change.prisoner_id, []).append(change)
    today = timezone.localdate()
    for card in cards:
        prisoner = card.prisoner
        card.last_letter_on = last_letters.get(prisoner.pk)
        card.last_action_on = last_actions.get(prisoner.pk)
        card.news = news.get(prisoner.pk, [])[:NEWS_LIMIT]
        card.next_birthday = next_birthday(
            prisoner.birth_date, prisoner.birth_date_precision, today
        )
        card.page_url = public.urls.get(prisoner.pk, "")
        if (page := public.pages.get(prisoner.pk)) is not None:
            card.photo = page.photo


def _profile_urls(*, prisoners: list[Prisoner], locale: Locale) -> dict[int, str]:
    """The public profile of each public record in the reader's language (the editorial page,
    else the record profile), where the listing of that language is live; none for the others."""
    public = [prisoner for prisoner in prisoners if prisoner.is_public]
    listing = PrisonerIndexPage.objects.live().filter(locale=locale).first() if public else None
    return listing.profile_urls(public) if listing is not None else {}


def _public_pages(*, ids: list[int], locale: Locale) -> dict[int, PrisonerPage]:
    """Live profile pages in the reader's language: a photo only where the family agreed."""
    if not ids:
        return {}
    pages = PrisonerPage.objects.live().filter(prisoner_id__in=ids, locale=locale)
    pages = pages.select_related("photo").prefetch_related("photo__renditions")
    return {page.prisoner_id: page for page in pages}


def letters_mark(letters: Iterable[Letter], *, is_owner: bool) -> None:
    """What the list offers for each letter: a correction (30 days), the scan (its addressee),
    and "Reply or return" while nothing came of it."""
    for letter in letters:
        letter.editable = letter_editable(letter)
        letter.awaiting_outcome = letter.outcome in (LetterOutcome.SENT, LetterOutcome.UNKNOWN)
        letter.can_open_scan = is_owner and bool(letter.reply_scan)
