"""After release in the demo: where released people are, their consent, each godparent's choice,
godparenthoods going on in exile and their needs (issue 18).

Shaped on the 2025–2026 releases: most people released were forcibly deported, mostly to
Lithuania and Poland (the December 2025 group went through Ukraine), a few left on their own;
people released inside Belarus mostly stay there, some whereabouts are unknown. Bulk inserts in
one pass, after the matches: a release ends a godparenthood (`matches.py`), and here about half
of the godparents of a person abroad answer the email, most of them by going on.
"""

import datetime
import random

from django.db import transaction

from solidarity.matching.models import (
    EndReason,
    ExileNeed,
    Match,
    MatchStatus,
    NeedKind,
    NeedStatus,
    ReleaseChoice,
    Support,
)
from solidarity.prisoners.choices import RELEASED_STATUSES, ContactConsent, Situation, Status
from solidarity.prisoners.models import Whereabouts

from .prisoners import PrisonerPlan
from .randomness import Clock, moment, phase_rng, weighted

BATCH = 2000
_DAY = datetime.timedelta(days=1)
DEPORTED_TO = {"LT": 45, "PL": 30, "UA": 12, "DE": 5, "LV": 4, "GE": 4}
LEFT_FOR = {"PL": 40, "LT": 30, "DE": 15, "CZ": 10, "FR": 5}
CONSENTS = {
    ContactConsent.NOT_ASKED: 30,
    ContactConsent.CONTACT: 25,
    ContactConsent.SUPPORT: 35,
    ContactConsent.REFUSED: 10,
}
CHOICES = {
    "": 45,  # not answered yet: the wave page lists them first
    ReleaseChoice.CONTINUE: 35,
    ReleaseChoice.HAND_OVER: 8,
    ReleaseChoice.CLOSE: 12,
}
NEEDS = {
    NeedKind.DOCUMENTS: 30,
    NeedKind.RESIDENCE: 30,
    NeedKind.HOUSING: 15,
    NeedKind.WORK: 12,
    NeedKind.HEALTH: 6,
    NeedKind.FAMILY: 4,
    NeedKind.LEGAL: 3,
}
NEED_STATUSES = {NeedStatus.OPEN: 50, NeedStatus.IN_PROGRESS: 30, NeedStatus.MET: 20}
NOTES = {
    NeedKind.DOCUMENTS: "Left without a passport; needs a travel document (demo).",
    NeedKind.RESIDENCE: "Humanitarian visa expires in three months (demo).",
    NeedKind.HOUSING: "Staying with friends for now (demo).",
    NeedKind.WORK: "Engineer; looking for work in the field (demo).",
    NeedKind.HEALTH: "Needs a dentist and a check-up after prison (demo).",
    NeedKind.FAMILY: "Wife and son still in Belarus (demo).",
    NeedKind.LEGAL: "Asylum interview next month (demo).",
}


@transaction.atomic
def exile_generate(*, seed: int, clock: Clock, prisoners: list[PrisonerPlan]) -> dict[str, int]:
    """Whereabouts for the released people, then the choices, exile matches and needs."""
    rng = phase_rng(seed=seed, phase="exile")
    released = [p for p in prisoners if p.status in RELEASED_STATUSES and p.left_on]
    rows = [_whereabouts(rng, prisoner, clock=clock) for prisoner in released]
    abroad = {row.prisoner_id: row for row in rows if row.country}
    ended = list(
        Match.objects.filter(
            prisoner_id__in=list(abroad),
            status=MatchStatus.ENDED,
            end_reason=EndReason.PRISONER_RELEASED,
        ).order_by("pk")
    )
    exile: list[Match] = []
    for index, match in enumerate(ended):
        # The first always goes on, so that even a small demo shows support in exile.
        match.release_choice = ReleaseChoice.CONTINUE if index == 0 else weighted(rng, CHOICES)
        if not match.release_choice:
            continue
        assert match.ended_at is not None  # ended matches have their day
        answered = min(match.ended_at.date() + rng.randint(2, 30) * _DAY, clock.anchor)
        match.release_choice_at = answered_at = max(moment(rng, answered), match.ended_at)
        where = abroad[match.prisoner_id]
        if index == 0:
            where.consent, where.consent_recorded_at = ContactConsent.SUPPORT, answered_at
        consent = where.consent
        if match.release_choice == ReleaseChoice.CONTINUE and consent in (
            ContactConsent.CONTACT,
            ContactConsent.SUPPORT,
        ):
            exile.append(_exile_match(match))
    Whereabouts.objects.bulk_create(rows, batch_size=BATCH)
    Match.objects.bulk_update(ended, ["release_choice", "release_choice_at"], batch_size=BATCH)
    Match.objects.bulk_create(exile, batch_size=BATCH)
    needs = [
        ExileNeed(
            prisoner_id=prisoner_id,
            kind=kind,
            status=weighted(rng, NEED_STATUSES),
            note=NOTES[kind],
        )
        for prisoner_id in sorted({match.prisoner_id for match in exile})
        for kind in _needs(rng)
    ]
    ExileNeed.objects.bulk_create(needs, batch_size=BATCH)
    return {"whereabouts": len(rows), "in_exile": len(exile), "needs": len(needs)}


def _whereabouts(rng: random.Random, prisoner: PrisonerPlan, *, clock: Clock) -> Whereabouts:
    assert prisoner.left_on is not None  # the caller passes released people only
    if prisoner.status == Status.DEPORTED:
        situation, country = Situation.DEPORTED, weighted(rng, DEPORTED_TO)
    else:
        situation = weighted(
            rng, {Situation.IN_BELARUS: 75, Situation.LEFT: 15, Situation.UNKNOWN: 10}
        )
        country = weighted(rng, LEFT_FOR) if situation == Situation.LEFT else ""
    consent = weighted(rng, CONSENTS) if country else ContactConsent.NOT_ASKED
    recorded = moment(rng, min(prisoner.left_on + rng.randint(3, 40) * _DAY, clock.anchor))
    return Whereabouts(
        prisoner_id=prisoner.pk,
        situation=situation,
        country=country,
        since=prisoner.left_on,
        consent=consent,
        consent_recorded_at=recorded if consent != ContactConsent.NOT_ASKED else None,
    )


def _exile_match(ended: Match) -> Match:
    """The same godparent and person, active again as support in exile."""
    started = ended.release_choice_at  # continued the day the godparent answered
    return Match(
        godparent_id=ended.godparent_id,
        prisoner_id=ended.prisoner_id,
        status=MatchStatus.ACTIVE,
        support=Support.IN_EXILE,
        score=ended.score,
        score_breakdown=ended.score_breakdown,
        offered_at=started,
        responded_at=started,
    )


def _needs(rng: random.Random) -> list[NeedKind]:
    count = rng.choices((1, 2, 3), weights=(50, 35, 15))[0]  # nobody arrives needing nothing
    kinds: list[NeedKind] = []
    while len(kinds) < count:
        kind = weighted(rng, NEEDS)
        if kind not in kinds:
            kinds.append(kind)
    return kinds
