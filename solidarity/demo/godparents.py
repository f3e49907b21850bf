"""Fictional parliamentarians: a user without a usable password and a godparent profile each."""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.text import slugify

from solidarity.accounts.models import User
from solidarity.godparents.models import GodparentProfile, ParliamentKind, VerificationState
from solidarity.prisoners.choices import Gender, Region

from .names import NAME_POOLS
from .randomness import Clock, day_between, moment, phase_rng, pick, weighted
from .reference import Reference

DEMO_EMAIL_DOMAIN = "demo.solidarity.invalid"
# Not a hash: a password with this prefix is unusable, so nobody can sign in (and no random salt
# makes two runs differ).
UNUSABLE_PASSWORD = UNUSABLE_PASSWORD_PREFIX + "demo-account-without-password"
BATCH = 1000

_STATES = {
    VerificationState.VERIFIED: 76,
    VerificationState.UNVERIFIED: 9,
    VerificationState.INFO_REQUESTED: 5,
    VerificationState.LEFT_OFFICE: 7,
    VerificationState.REJECTED: 3,
}
_CAPACITY = {"1": 50, "2": 33, "3": 17}
# Heavier weights for the parliaments with the largest godparent programmes.
_PARLIAMENT_WEIGHTS = {"Bundestag": 10, "Seimas": 10, "Sejm": 9, "EP": 8, "PACE": 6, "Saeima": 5}
_ROLES = {
    "Senate": "Senator",
    "House of Lords": "Member of the House of Lords",
    "EP": "Member of the European Parliament",
    "PACE": "Member of the Parliamentary Assembly",
    "OSCE PA": "Member of the OSCE Parliamentary Assembly",
    "NATO PA": "Member of the NATO Parliamentary Assembly",
}
_NOTES = {
    VerificationState.INFO_REQUESTED: "Demo: please add a link to your parliament page.",
    VerificationState.REJECTED: "Demo: no current mandate could be confirmed.",
}


@dataclass(slots=True)
class GodparentPlan:
    """What matching and activity need to know about one generated godparent."""

    pk: int
    user_id: int | None
    capacity: int
    state: str
    discreet: bool
    verified_on: datetime.date | None
    left_on: datetime.date | None
    parliament_id: int | None


def godparents_generate(
    *, count: int, seed: int, clock: Clock, reference: Reference
) -> list[GodparentPlan]:
    """Insert `count` users and profiles in bulk, in one transaction; return their plans."""
    rng = phase_rng(seed=seed, phase="godparents")
    weights = [_parliament_weight(row) for _pk, row in reference.parliaments]
    users, profiles, preferences = [], [], []
    for index in range(count):
        parliament = rng.choices(reference.parliaments, weights=weights)[0]
        user, profile, backgrounds = _godparent(
            rng, index=index, parliament=parliament, clock=clock, reference=reference
        )
        users.append(user)
        profiles.append(profile)
        preferences.append(backgrounds)
    with transaction.atomic():
        User.objects.bulk_create(users, batch_size=BATCH)
        for user, profile in zip(users, profiles, strict=True):
            profile.user_id = user.pk
        GodparentProfile.objects.bulk_create(profiles, batch_size=BATCH)
        _backdate_sign_ups(profiles)
        _insert_preferences(profiles, preferences)
    return [_plan(profile) for profile in profiles]


def _backdate_sign_ups(profiles: list[GodparentProfile]) -> None:
    """A profile's creation is the godparent's sign-up (reports count sign-ups and the days to a
    first match from it): the demo's, not the seeding's, so that sign-ups fall before the anchor
    date as the demo's matches do. `auto_now_add` ignores a value given to bulk_create."""
    if not profiles:
        return
    joined = User.objects.filter(pk=OuterRef("user_id")).values("date_joined")[:1]
    demo = GodparentProfile.objects.filter(
        pk__range=(profiles[0].pk, profiles[-1].pk), user__username__startswith="demo-"
    )
    demo.update(created_at=Subquery(joined))


def _parliament_weight(row: tuple) -> float:
    return _PARLIAMENT_WEIGHTS.get(row[3], 3 if row[0] == ParliamentKind.INTERNATIONAL else 2)


def _insert_preferences(profiles: list[GodparentProfile], preferences: list[list[int]]) -> None:
    through = GodparentProfile.preferred_backgrounds.through
    rows = [
        through(godparentprofile_id=profile.pk, background_id=background)
        for profile, backgrounds in zip(profiles, preferences, strict=True)
        for background in backgrounds
    ]
    through.objects.bulk_create(rows, batch_size=BATCH)


def _plan(profile: GodparentProfile) -> GodparentPlan:
    verified_at = profile.verified_at
    return GodparentPlan(
        pk=profile.pk,
        user_id=profile.user_id,
        capacity=profile.capacity,
        state=profile.verification_state,
        discreet=profile.is_discreet,
        verified_on=verified_at.date() if verified_at else None,
        left_on=profile.left_office_on,
        parliament_id=profile.parliament_id,
    )


def _godparent(
    rng: random.Random, *, index: int, parliament: tuple, clock: Clock, reference: Reference
) -> tuple[User, GodparentProfile, list[int]]:
    parliament_id, (kind, _country, _title, short_name, chamber, pool, spoken, parties) = parliament
    female = rng.random() < 0.45
    given, surname = _name(rng, pool=pool or pick(rng, sorted(NAME_POOLS)), female=female)
    user = _user(index=index, given=given, surname=surname, joined=clock.ago(1100 - index % 1000))
    profile = GodparentProfile(
        full_name=f"{given} {surname}",
        parliament_id=parliament_id,
        party="" if kind == ParliamentKind.INTERNATIONAL else pick(rng, parties),
        political_group=pick(rng, parties) if kind == ParliamentKind.INTERNATIONAL else "",
        role=_ROLES.get(chamber) or _ROLES.get(short_name) or "Member of Parliament",
        mandate_evidence_url=f"https://example.org/demo/mandates/{index + 1}",
        mandate_ends_on=clock.ago(-rng.randint(150, 1800)),
        languages=_languages(rng, spoken),
        capacity=int(weighted(rng, _CAPACITY)),
        preferred_regions=rng.sample(Region.values, k=rng.randint(1, 2))
        if rng.random() < 0.3
        else [],
        preferred_gender=pick(rng, [Gender.FEMALE, Gender.MALE]) if rng.random() < 0.1 else "",
    )
    _consent(rng, profile)
    _verification(rng, profile, clock=clock)
    backgrounds = rng.sample(sorted(reference.backgrounds.values()), k=rng.choice((0, 0, 1, 2)))
    return user, profile, backgrounds


def _name(rng: random.Random, *, pool: str, female: bool) -> tuple[str, str]:
    male_given, female_given, surnames = NAME_POOLS[pool]
    given = pick(rng, female_given if female else male_given)
    return given, pick(rng, surnames)[1 if female else 0]


def _user(*, index: int, given: str, surname: str, joined: datetime.date) -> User:
    local = f"{slugify(given)}.{slugify(surname)}.{index + 1:05d}".replace("-", ".")
    return User(
        username=f"demo-godparent-{index + 1:05d}",
        email=f"{local}@{DEMO_EMAIL_DOMAIN}",
        first_name=given,
        last_name=surname,
        password=UNUSABLE_PASSWORD,
        date_joined=datetime.datetime.combine(joined, datetime.time(12), tzinfo=datetime.UTC),
    )


def _languages(rng: random.Random, spoken: list[str]) -> list[str]:
    languages = list(spoken)
    if "ru" not in languages and rng.random() < 0.2:
        languages.append("ru")
    if rng.random() < 0.03:
        languages.append("be")
    return languages


def _consent(rng: random.Random, profile: GodparentProfile) -> None:
    """A few are discreet (never listed, may support prisoners who are not public)."""
    profile.is_discreet = rng.random() < 0.08
    profile.public_listing_consent = not profile.is_discreet and rng.random() < 0.75


def _verification(rng: random.Random, profile: GodparentProfile, *, clock: Clock) -> None:
    state = weighted(rng, _STATES)
    profile.verification_state = state
    profile.verification_note = _NOTES.get(state, "")
    if state in (VerificationState.VERIFIED, VerificationState.LEFT_OFFICE):
        verified_on = day_between(rng, clock.ago(1000), clock.ago(30))
        profile.verified_at = moment(rng, verified_on)
    if state == VerificationState.LEFT_OFFICE:
        profile.left_office_on = day_between(
            rng, verified_on + datetime.timedelta(days=120), clock.ago(5)
        )
        profile.mandate_ends_on = profile.left_office_on
