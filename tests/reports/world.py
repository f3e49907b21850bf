"""A generated programme whose figures the report tests count again with plain loops."""

import datetime
import random

from solidarity.activity.models import ActionVerification, LetterOutcome
from solidarity.godparents.models import GodparentProfile, VerificationState
from solidarity.matching.models import Match, MatchStatus
from solidarity.prisoners.choices import Publicity, Status
from solidarity.prisoners.models import StatusChange
from tests.factories.activity import AdvocacyActionFactory, LetterFactory
from tests.factories.godparents import GodparentProfileFactory, ParliamentFactory
from tests.factories.matching import MatchFactory
from tests.factories.prisoners import PrisonerFactory

START, END = datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)
PREVIOUS = (START - datetime.timedelta(days=92), START - datetime.timedelta(days=1))
GROUPS = ("EPP", "S&D", "Greens/EFA")


def moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def _day(rng, first=datetime.date(2026, 3, 1), last=END) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def within(day, period=(START, END)) -> bool:
    return day is not None and period[0] <= day <= period[1]


def report_world() -> dict:
    """3 parliaments, 14 godparents, 16 prisoners, matches, 60 letters, 20 actions, releases."""
    rng = random.Random(7)
    parliaments = [
        ParliamentFactory(country="DE", name="Deutscher Bundestag", short_name="Bundestag"),
        ParliamentFactory(country="FR", name="Assemblée nationale", short_name="AN"),
        ParliamentFactory(country="LT", name="Seimas", short_name="Seimas"),
    ]
    godparents = []
    for n in range(14):
        signed_up = _day(rng)
        verified = rng.random() < 0.8
        discreet = rng.random() < 0.3
        profile = GodparentProfileFactory(
            full_name=f"Godparent {n:02d}",
            parliament=rng.choice(parliaments),
            political_group=rng.choice(GROUPS),
            verification_state=VerificationState.VERIFIED if verified else "unverified",
            verified_at=moment(signed_up + datetime.timedelta(days=2)) if verified else None,
            is_discreet=discreet,
            public_listing_consent=not discreet and rng.random() < 0.8,
        )
        GodparentProfile.objects.filter(pk=profile.pk).update(created_at=moment(signed_up))
        profile.refresh_from_db()
        godparents.append(profile)
    prisoners = [
        PrisonerFactory(
            name_latin=f"Prisoner {n:02d}",
            status=rng.choice([Status.CONVICTED, Status.PRE_TRIAL, Status.INCOMMUNICADO]),
            publicity=Publicity.NONE if rng.random() < 0.3 else Publicity.BASIC,
            region=rng.choice(["minsk", "brest", "gomel"]),
        )
        for n in range(16)
    ]
    verified = [g for g in godparents if g.verification_state == VerificationState.VERIFIED]
    pairs = set()
    for _ in range(24):
        godparent, prisoner = rng.choice(verified), rng.choice(prisoners)
        if (godparent.pk, prisoner.pk) in pairs:
            continue
        pairs.add((godparent.pk, prisoner.pk))
        offered = max(_day(rng), godparent.created_at.date())
        status = rng.choice([MatchStatus.ACTIVE] * 3 + [MatchStatus.DECLINED, MatchStatus.ENDED])
        answered = offered + datetime.timedelta(days=rng.randrange(0, 5))
        ended = answered + datetime.timedelta(days=10) if status == MatchStatus.ENDED else None
        MatchFactory(
            godparent=godparent,
            prisoner=prisoner,
            status=status,
            offered_at=moment(offered),
            responded_at=moment(answered),
            ended_at=moment(ended) if ended else None,
        )
    active = list(Match.objects.filter(status=MatchStatus.ACTIVE))
    for _ in range(60):
        match = rng.choice(active)
        LetterFactory(
            godparent=match.godparent,
            prisoner=match.prisoner,
            match=match,
            sent_on=_day(rng, datetime.date(2026, 3, 1), END),
            outcome=rng.choice(list(LetterOutcome.values)),
        )
    for n in range(20):
        action = AdvocacyActionFactory(
            title=f"Action {n:02d}",
            kind=rng.choice(["resolution", "parliamentary_question", "social_media"]),
            occurred_on=_day(rng),
            verification=rng.choice([ActionVerification.VERIFIED] * 3 + ["pending"]),
            is_public=rng.random() < 0.7,
        )
        action.godparents.set(rng.sample(verified, rng.randrange(1, 3)))
        action.prisoners.set(rng.sample(prisoners, rng.randrange(1, 3)))
    matched = {m.prisoner_id for m in active}
    for prisoner in prisoners[:6]:
        if prisoner.pk in matched:
            day = _day(rng, datetime.date(2026, 6, 1), END)
            to = rng.choice([Status.RELEASED_SERVED, Status.RELEASED_PARDONED, Status.DEPORTED])
            StatusChange.objects.create(prisoner=prisoner, to_status=to, effective_on=day)
    return {"godparents": godparents, "prisoners": prisoners}
