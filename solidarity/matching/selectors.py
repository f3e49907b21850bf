"""Read queries about who supports whom, and what an offer tells the godparent."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Q, QuerySet, Value, When
from django.utils.functional import Promise
from django.utils.translation import get_language_info, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from solidarity.godparents.models import GodparentProfile
from solidarity.godparents.selectors import godparent_list_publicly_listed
from solidarity.prisoners.choices import RELEASED_STATUSES, ContactConsent, Gender, Publicity
from solidarity.prisoners.models import Prisoner, Whereabouts

from .models import (
    OPEN_MATCH_STATUSES,
    EndReason,
    ExileNeed,
    Match,
    MatchStatus,
    NeedStatus,
    ReleaseChoice,
    Support,
)


def godparent_names_by_prisoner(*, prisoner_ids: list[int]) -> dict[int, list[str]]:
    """The godparents of each record, active or offered, discreet ones included: for staff who
    review what a change of status will tell whom (one query)."""
    names: dict[int, list[str]] = {}
    rows = (
        Match.objects.filter(prisoner_id__in=prisoner_ids, status__in=OPEN_MATCH_STATUSES)
        .order_by("prisoner_id", "godparent__full_name")
        .values_list("prisoner_id", "godparent__full_name", "status")
    )
    for prisoner_id, name, status in rows:
        shown = name if status == MatchStatus.ACTIVE else f"{name} ({MatchStatus(status).label})"
        names.setdefault(prisoner_id, []).append(shown)
    return names


def godparent_list_public_for_prisoner(*, prisoner_id: int) -> QuerySet[GodparentProfile]:
    """The prisoner's active godparents who agreed to be listed; discreet ones never."""
    return (
        godparent_list_publicly_listed()
        .filter(matches__prisoner_id=prisoner_id, matches__status=MatchStatus.ACTIVE)
        .select_related("parliament")
        .order_by("full_name")
        .distinct()
    )


@dataclass(frozen=True)
class OfferFacts:
    """What an offer may say about the person, by their record's publicity (docs/publicity.md).

    None: nothing is public, so only the name the offer already gives and the status. Basic:
    the facts the defenders' list publishes (age, detention, sentence). Full adds what the family
    agreed to separately: home region and topics for letters (the photo comes with the page).
    """

    public: bool
    full: bool
    status: str
    age: int | None = None
    detained_on: datetime.date | None = None
    sentence: str = ""
    sentence_lang: str = ""
    region: str = ""
    interests: str = ""


def offer_facts(*, prisoner: Prisoner, today: datetime.date) -> OfferFacts:
    """The facts an offer shows of `prisoner`, never more than its publicity allows."""
    status = str(prisoner.get_status_display())
    if not prisoner.is_public:
        return OfferFacts(public=False, full=False, status=status)
    full = prisoner.publicity == Publicity.FULL
    sentence = prisoner.sentence  # said once, in the reader's language where the record allows
    return OfferFacts(
        public=True,
        full=full,
        status=status,
        age=_age(prisoner, today),
        detained_on=prisoner.detained_on,
        sentence=sentence.text,
        sentence_lang=sentence.lang,
        region=str(prisoner.get_region_display()) if full and prisoner.region else "",
        interests=prisoner.interests.strip() if full else "",
    )


def _age(prisoner: Prisoner, today: datetime.date) -> int | None:
    birth = prisoner.birth_date
    if birth is None or not prisoner.birth_day_known:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


# What raised each factor of a proposal (scoring._reasons), as the godparent reads it. Codes
# not listed ("has_godparents") are no reason to propose this person and are left out.
REASON_SENTENCES: dict[str, Promise] = {
    "no_godparent": _("Nobody supports this person yet: you would be their first godparent."),
    "lost_godparent": _("Their previous godparent had to stop recently."),
    "incommunicado": _("They are held incommunicado: attention from abroad matters most now."),
    "long_sentence": _("A long sentence is still ahead of them."),
    "host_country": _(
        "They were released and now live in your country, where they asked for help: with "
        "documents, residence and work, a member of your parliament can do the most."
    ),
}
MANUAL_OFFER_REASON = _("An organiser chose this pairing for you.")


def offer_reasons(*, match: Match) -> list[str]:
    """Why this person was proposed to this godparent, in sentences of the active language.

    Read from the breakdown the matching run stored (`Match.score_breakdown`); the details
    (which language, region, country) are read again from both records, and a region or a
    background is named only where the record's publicity is Full. A match made by hand has no
    breakdown: the godparent is told an organiser chose it.
    """
    factors = match.score_breakdown.get("factors", {}) if match.score_breakdown else {}
    codes = [code for factor in factors.values() for code in factor.get("reasons", [])]
    sentences = []
    for code in codes:
        if code in REASON_SENTENCES:
            sentences.append(str(REASON_SENTENCES[code]))
        elif sentence := _affinity_sentence(code, match.godparent, match.prisoner):
            sentences.append(sentence)
    return sentences or [str(MANUAL_OFFER_REASON)]


def _affinity_sentence(code: str, godparent: GodparentProfile, prisoner: Prisoner) -> str:
    if code == "language":
        shared = [c for c in prisoner.languages if c in set(godparent.languages)]
        names = ", ".join(_language_name(c) for c in shared)
        return gettext("You share a language: %(names)s.") % {"names": names} if names else ""
    if code == "region":
        if prisoner.publicity == Publicity.FULL and prisoner.region:
            region = prisoner.get_region_display()
            return gettext("They come from a region you chose: %(region)s.") % {"region": region}
        return gettext("They come from a region you chose.")
    if code == "background":
        return _background_sentence(godparent, prisoner)
    if code == "gender":
        return str(GENDER_SENTENCES.get(prisoner.gender, ""))
    if code == "new_country" and godparent.parliament and godparent.parliament.country:
        country = godparent.parliament.country.name
        return gettext("You would be their first godparent from %(name)s.") % {"name": country}
    return ""


def _background_sentence(godparent: GodparentProfile, prisoner: Prisoner) -> str:
    """Named only where the family agreed to Full publicity: a background says who one is."""
    if prisoner.publicity == Publicity.FULL:
        chosen = set(godparent.preferred_backgrounds.values_list("pk", flat=True))
        names = ", ".join(str(b) for b in prisoner.backgrounds.all() if b.pk in chosen)
        if names:
            return gettext("Their background is one you chose: %(names)s.") % {"names": names}
    return gettext("Their background is one you chose.")


GENDER_SENTENCES: dict[str, Promise] = {
    Gender.FEMALE: _("You said you would rather support a woman."),
    Gender.MALE: _("You said you would rather support a man."),
}


# The languages prisoners most often write in, as a sentence names them ("You share a language:
# Belarusian"; in Belarusian and Russian in lower case, and Django's Russian misspells one).
LANGUAGE_NAMES: dict[str, Promise] = {
    "be": pgettext_lazy("shared language", "Belarusian"),
    "ru": pgettext_lazy("shared language", "Russian"),
    "en": pgettext_lazy("shared language", "English"),
    "uk": pgettext_lazy("shared language", "Ukrainian"),
    "pl": pgettext_lazy("shared language", "Polish"),
    "lt": pgettext_lazy("shared language", "Lithuanian"),
    "de": pgettext_lazy("shared language", "German"),
    "fr": pgettext_lazy("shared language", "French"),
}


def _language_name(code: str) -> str:
    if code in LANGUAGE_NAMES:
        return str(LANGUAGE_NAMES[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def exile_needs_of(*, prisoner: Prisoner) -> list[ExileNeed]:
    """The person's needs in exile, open ones first (restricted: see `ExileNeed`)."""
    order: dict[str, int] = {NeedStatus.OPEN: 0, NeedStatus.IN_PROGRESS: 1, NeedStatus.MET: 2}
    needs = list(ExileNeed.objects.filter(prisoner_id=prisoner.pk).select_related("recorded_by"))
    return sorted(needs, key=lambda need: (order.get(need.status, 3), need.kind))


@dataclass(frozen=True)
class WaveGodparent:
    """A godparent of a released person, and what they chose (or that they did not yet)."""

    godparent: GodparentProfile
    match: Match

    @property
    def choice(self) -> str:
        if self.match.in_exile:
            return str(Support.IN_EXILE.label)
        return str(self.match.get_release_choice_display()) if self.match.release_choice else ""

    @property
    def waiting_for_consent(self) -> bool:
        """Chose to continue; the match in exile opens once the person agrees to contact."""
        return self.match.release_choice == ReleaseChoice.CONTINUE and not self.match.in_exile


@dataclass(frozen=True)
class WaveRow:
    prisoner: Prisoner
    whereabouts: Whereabouts | None
    godparents: list[WaveGodparent]

    @property
    def contacted(self) -> bool:
        """Someone asked the person about further contact (whatever the answer)."""
        return self.whereabouts is not None and self.whereabouts.consent != ContactConsent.NOT_ASKED


def release_wave_people(*, since: datetime.date) -> QuerySet[Prisoner]:
    """People released since `since`, the ones nobody has asked about contact yet first, then
    the latest releases: the organisers' work list after a wave (issue 18)."""
    asked = Q(
        whereabouts__consent__in=[c for c in ContactConsent.values if c != ContactConsent.NOT_ASKED]
    )
    return (
        Prisoner.objects.filter(status__in=RELEASED_STATUSES, released_on__gte=since)
        .select_related("whereabouts")
        .annotate(contacted=Case(When(asked, then=Value(1)), default=Value(0)))
        .order_by("contacted", "-released_on", "sort_name", "pk")
    )


def release_wave_rows(*, people: list[Prisoner]) -> list[WaveRow]:
    """One page of the wave: each person with their godparents at the release (or in exile
    since) and each godparent's choice; one query for all the godparents."""
    matches = (
        Match.objects.filter(prisoner_id__in=[p.pk for p in people])
        .filter(
            Q(status=MatchStatus.ENDED, end_reason=EndReason.PRISONER_RELEASED)
            | Q(support=Support.IN_EXILE, status__in=OPEN_MATCH_STATUSES)
        )
        .select_related("godparent")
        .order_by("godparent__full_name", "-pk")
    )
    by_person: dict[int, dict[int, WaveGodparent]] = {}
    for match in matches:
        kept = by_person.setdefault(match.prisoner_id, {})
        current = kept.get(match.godparent_id)
        if current is None or (match.in_exile and not current.match.in_exile):
            kept[match.godparent_id] = WaveGodparent(godparent=match.godparent, match=match)
    return [
        WaveRow(
            prisoner=person,
            whereabouts=getattr(person, "whereabouts", None),
            godparents=list(by_person.get(person.pk, {}).values()),
        )
        for person in people
    ]
