"""Fictional prisoner records with charges, status history and restricted notes, in bulk."""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction

from solidarity.prisoners.choices import (
    DETAINED_STATUSES,
    LANGUAGES,
    RELEASED_STATUSES,
    DatePrecision,
    FacilityKind,
    Gender,
    PenaltyType,
    Publicity,
    Region,
    Status,
)
from solidarity.prisoners.models import Charge, Prisoner, PrisonerConfidential, StatusChange
from solidarity.prisoners.services import prisoner_compute_names

from . import names, tables
from .randomness import Clock, allocate, phase_rng, pick, weighted
from .reference import Reference
from .timeline import AT_VERDICT, SHORT_PENALTIES, STATUS_WEIGHTS, Timeline, timeline_for

DEMO_PREFIX = "demo-"
DEMO_SOURCE = "Demo data: fictional record"
CHUNK = 2000
BATCH = 1000

_PUBLICITY = {Publicity.BASIC: 72, Publicity.FULL: 15, Publicity.NONE: 13}
# Defenders often withhold the names of pardoned and deported people for their safety.
_PUBLICITY_AFTER_PARDON = {Publicity.BASIC: 55, Publicity.FULL: 5, Publicity.NONE: 40}
_REGIONS = {
    Region.MINSK_CITY: 34, Region.MINSK_REGION: 10, Region.BREST: 10, Region.VITEBSK: 10,
    Region.GOMEL: 12, Region.GRODNO: 11, Region.MOGILEV: 10, Region.ABROAD: 3,
}  # fmt: skip
_LANGUAGES = (["be", "ru"], ["ru"], ["be", "ru", "en"], ["ru", "en"], ["be", "ru", "pl"])
_COLONY_PENALTIES = {
    PenaltyType.COLONY_GENERAL,
    PenaltyType.COLONY_REINFORCED,
    PenaltyType.COLONY_STRICT,
    PenaltyType.COLONY_SPECIAL,
}
_HEALTH = (
    "Fictional demo text: chronic back pain, needs a firm mattress.",
    "Fictional demo text: diabetes, insulin supply irregular.",
    "Fictional demo text: heart condition reported by the family.",
    "Fictional demo text: lost weight after a hunger strike.",
)
_FAMILY = (
    "Fictional demo contact: sister, +000 00 000-00-00 (not a real number).",
    "Fictional demo contact: mother, via the lawyer only.",
    "Fictional demo contact: partner abroad, demo-family@example.invalid.",
)
_NOTES = (
    "Fictional demo note: lawyer visit planned next month.",
    "Fictional demo note: letters from abroad are not passed on; try via family.",
    "Fictional demo note: family asks not to mention the children publicly.",
)


@dataclass(slots=True)
class PrisonerPlan:
    """What the later phases need to know about one generated record."""

    pk: int
    status: str
    publicity: str
    detained_on: datetime.date
    left_on: datetime.date | None  # release, death or loss of recognition
    facility_id: int | None  # the current or last facility: where letters went


@dataclass
class _Draft:
    prisoner: Prisoner
    timeline: Timeline
    charges: list[tuple[int, str]] = field(default_factory=list)
    history: list[StatusChange] = field(default_factory=list)
    backgrounds: list[int] = field(default_factory=list)
    confidential: PrisonerConfidential | None = None
    last_facility_id: int | None = None


def prisoners_generate(
    *, count: int, seed: int, clock: Clock, reference: Reference
) -> list[PrisonerPlan]:
    """Insert `count` fictional records chunk by chunk, in one transaction; return their plans."""
    rng = phase_rng(seed=seed, phase="prisoners")
    statuses = allocate(rng, total=count, weights=STATUS_WEIGHTS)
    plans: list[PrisonerPlan] = []
    with transaction.atomic():
        for start in range(0, count, CHUNK):
            drafts = [
                _draft(rng, index=index, status=statuses[index], clock=clock, reference=reference)
                for index in range(start, min(start + CHUNK, count))
            ]
            plans.extend(_insert(drafts))
    return plans


def _insert(drafts: list[_Draft]) -> list[PrisonerPlan]:
    Prisoner.objects.bulk_create([d.prisoner for d in drafts], batch_size=BATCH)
    through = Prisoner.backgrounds.through
    charges, history, confidential, backgrounds = [], [], [], []
    for draft in drafts:
        pk = draft.prisoner.pk
        charges += [Charge(prisoner_id=pk, article_id=a, part=p) for a, p in draft.charges]
        for change in draft.history:
            change.prisoner_id = pk
            history.append(change)
        if draft.confidential is not None:
            draft.confidential.prisoner_id = pk
            confidential.append(draft.confidential)
        backgrounds += [through(prisoner_id=pk, background_id=b) for b in draft.backgrounds]
    Charge.objects.bulk_create(charges, batch_size=BATCH)
    StatusChange.objects.bulk_create(history, batch_size=BATCH)
    PrisonerConfidential.objects.bulk_create(confidential, batch_size=BATCH)
    through.objects.bulk_create(backgrounds, batch_size=BATCH)
    return [_plan(draft) for draft in drafts]


def _plan(draft: _Draft) -> PrisonerPlan:
    prisoner = draft.prisoner
    return PrisonerPlan(
        pk=prisoner.pk,
        status=prisoner.status,
        publicity=prisoner.publicity,
        detained_on=draft.timeline.detained_on,
        left_on=None if prisoner.status in DETAINED_STATUSES else prisoner.status_changed_on,
        facility_id=draft.last_facility_id,
    )


def _draft(
    rng: random.Random, *, index: int, status: str, clock: Clock, reference: Reference
) -> _Draft:
    gender = Gender.FEMALE if rng.random() < 0.17 else Gender.MALE  # about one in six
    timeline = timeline_for(rng, status=status, clock=clock, gender=gender)
    prisoner = _person(rng, index=index, gender=gender, detained_on=timeline.detained_on)
    _apply_case(rng, prisoner, status=status, timeline=timeline, clock=clock)
    prisoner.publicity = weighted(
        rng,
        _PUBLICITY_AFTER_PARDON
        if status in (Status.RELEASED_PARDONED, Status.DEPORTED)
        else _PUBLICITY,
    )
    draft = _Draft(prisoner=prisoner, timeline=timeline)
    _place(rng, draft, reference=reference)
    draft.charges = _charges(rng, timeline=timeline, clock=clock, reference=reference)
    draft.backgrounds = _backgrounds(rng, prisoner=prisoner, reference=reference)
    draft.confidential = _confidential(rng, status=status)
    return draft


def _person(rng: random.Random, *, index: int, gender: str, detained_on: datetime.date) -> Prisoner:
    """A fictional combination of a common given name and surname, in the three spellings."""
    given = pick(rng, names.FEMALE_GIVEN if gender == Gender.FEMALE else names.MALE_GIVEN)
    surname = pick(rng, names.SURNAMES)[1 if gender == Gender.FEMALE else 0]
    prisoner = Prisoner(
        external_id=f"{DEMO_PREFIX}{index + 1:06d}",
        name_be=f"{given[0]} {surname[0]}",
        name_ru=f"{given[1]} {surname[1]}",
        name_latin=f"{given[2]} {surname[2]}",
        gender=gender,
        region=weighted(rng, _REGIONS),
        languages=list(pick(rng, _LANGUAGES)),
        interests=", ".join(rng.sample(tables.INTERESTS, k=rng.randint(1, 3))),
        # The list is published in three languages: each version has its own pages.
        **{
            f"{fact}_{code}": f"https://example.org/demo/{code}/{path}/{index + 1}"
            for code in LANGUAGES
            for fact, path in (
                ("recognition_statement_url", "recognition"),
                ("source_url", "prisoners"),
            )
        },
    )
    prisoner_compute_names(prisoner=prisoner)
    _birth(rng, prisoner, detained_on=detained_on)
    return prisoner


def _birth(rng: random.Random, prisoner: Prisoner, *, detained_on: datetime.date) -> None:
    age_days = int(rng.triangular(18, 72, 33) * 365.25)
    born = detained_on - datetime.timedelta(days=age_days)
    precision = weighted(
        rng, {DatePrecision.DAY: 85, DatePrecision.MONTH: 10, DatePrecision.YEAR: 5}
    )
    if precision == DatePrecision.MONTH:
        born = born.replace(day=1)
    elif precision == DatePrecision.YEAR:
        born = born.replace(month=1, day=1)
    prisoner.birth_date, prisoner.birth_date_precision = born, precision


def _apply_case(
    rng: random.Random, prisoner: Prisoner, *, status: str, timeline: Timeline, clock: Clock
) -> None:
    prisoner.status = status
    prisoner.status_changed_on = timeline.changed_on
    prisoner.detained_on = timeline.detained_on
    prisoner.verdict_date = timeline.verdict_date
    prisoner.sentence_months = timeline.sentence_months
    prisoner.sentence_text_en = timeline.sentence_text
    prisoner.penalty_type = timeline.penalty_type
    prisoner.expected_release_on = timeline.expected_release_on
    if status in RELEASED_STATUSES:
        prisoner.released_on = timeline.changed_on
    elif status == Status.DIED_IN_CUSTODY:
        prisoner.died_on = timeline.changed_on
    prisoner.last_verified_on = clock.ago(rng.randint(0, 120))
    if timeline.verdict_date and rng.random() < 0.5:
        prisoner.judge_ru = _fictional_name(rng)
        prisoner.prosecutor_ru = _fictional_name(rng)


def _fictional_name(rng: random.Random) -> str:
    """A Russian-spelled fictional name, as court records give them."""
    female = rng.random() < 0.5
    given = pick(rng, names.FEMALE_GIVEN if female else names.MALE_GIVEN)[1]
    return f"{given} {pick(rng, names.SURNAMES)[1 if female else 0][1]}"


_HISTORY_NOTES: dict[str, str] = {
    Status.IN_TRANSIT: "Transferred; the new facility is not known yet (fictional demo entry).",
    Status.INCOMMUNICADO: "No news from the facility for weeks (fictional demo entry).",
    Status.RELEASED_SERVED: "Released on completing the sentence (fictional demo entry).",
    Status.RELEASED_PARDONED: "Pardoned (fictional demo entry).",
    Status.RELEASED_AMNESTIED: "Released under an amnesty (fictional demo entry).",
    Status.RELEASED_EXCHANGED: "Released in a prisoner exchange (fictional demo entry).",
    Status.DEPORTED: "Released and taken across the border (fictional demo entry).",
    Status.DIED_IN_CUSTODY: "Died in custody (fictional demo entry).",
    Status.NO_LONGER_RECOGNISED: "Recognition withdrawn (fictional demo entry).",
}


def _place(rng: random.Random, draft: _Draft, *, reference: Reference) -> None:
    """Current facility, the last known one (letters went there) and the status history."""
    prisoner, timeline = draft.prisoner, draft.timeline
    sizo = _in_region(rng, reference.facilities[FacilityKind.PRE_TRIAL], prisoner.region)
    after = None
    if timeline.verdict_date and prisoner.status != Status.AWAITING_SENTENCE:
        after = _serving_facility(rng, prisoner=prisoner, reference=reference)
    current = None
    if prisoner.status == Status.PRE_TRIAL:
        current = sizo
    elif prisoner.status in DETAINED_STATUSES or prisoner.status == Status.NO_LONGER_RECOGNISED:
        current = after
    prisoner.facility_id = current
    draft.last_facility_id = current or after or sizo
    draft.history = _history(prisoner, timeline=timeline, sizo=sizo, after=after)


def _in_region(rng: random.Random, facilities: list[tuple[int, str]], region: str) -> int:
    local = [pk for pk, facility_region in facilities if facility_region == region]
    return pick(rng, local or [pk for pk, _region in facilities])


def _serving_facility(rng: random.Random, *, prisoner: Prisoner, reference: Reference):
    penalty = prisoner.penalty_type
    if penalty in _COLONY_PENALTIES:
        if prisoner.gender == Gender.FEMALE:
            return pick(rng, reference.women_colonies)
        return pick(rng, [pk for pk, _r in reference.facilities[FacilityKind.COLONY]])
    if penalty == PenaltyType.PRISON:
        return pick(rng, [pk for pk, _r in reference.facilities[FacilityKind.PRISON]])
    if penalty == PenaltyType.OPEN_FACILITY:
        facilities = reference.facilities[FacilityKind.OPEN_FACILITY]
        return _in_region(rng, facilities, prisoner.region)
    return None  # restricted freedom at home, home confinement


def _history(
    prisoner: Prisoner, *, timeline: Timeline, sizo: int, after: int | None
) -> list[StatusChange]:
    """Detention, then the verdict, then the current status when it came later."""
    changes = [_change("", Status.PRE_TRIAL, timeline.detained_on, sizo)]
    if timeline.verdict_date is None:
        return changes
    status = prisoner.status
    at_verdict: str = Status.CONVICTED
    if status in AT_VERDICT:
        at_verdict = status
    elif timeline.penalty_type in SHORT_PENALTIES:
        at_verdict = Status.RESTRICTED_FREEDOM
    changes.append(_change(Status.PRE_TRIAL, at_verdict, timeline.verdict_date, after))
    if status not in AT_VERDICT:
        still_held = status in DETAINED_STATUSES or status == Status.NO_LONGER_RECOGNISED
        changes.append(
            _change(at_verdict, status, timeline.changed_on, after if still_held else None)
        )
    return changes


def _change(from_status: str, to_status: str, day: datetime.date, facility_id) -> StatusChange:
    return StatusChange(
        from_status=from_status,
        to_status=to_status,
        effective_on=day,
        facility_id=facility_id,
        source=DEMO_SOURCE,
        note=_HISTORY_NOTES.get(to_status, ""),
    )


def _charges(
    rng: random.Random, *, timeline: Timeline, clock: Clock, reference: Reference
) -> list[tuple[int, str]]:
    """One to four articles; long-held prisoners sometimes get a new term under article 411."""
    count = int(weighted(rng, {"1": 45, "2": 35, "3": 15, "4": 5}))
    numbers: list[str] = []
    while len(numbers) < count:
        number = weighted(rng, tables.ARTICLE_WEIGHTS)
        if number not in numbers:
            numbers.append(number)
    if timeline.verdict_date and timeline.detained_on < clock.ago(900) and rng.random() < 0.08:
        numbers.append("411")
    return [
        (reference.articles[number], pick(rng, tables.ARTICLE_PARTS.get(number, ("",))))
        for number in numbers
    ]


def _backgrounds(rng: random.Random, *, prisoner: Prisoner, reference: Reference) -> list[int]:
    slugs = rng.sample(sorted(tables.BACKGROUNDS), k=1 if rng.random() < 0.7 else 2)
    prisoner.occupation = pick(rng, tables.OCCUPATIONS[slugs[0]])
    return [reference.backgrounds[slug] for slug in slugs]


def _confidential(rng: random.Random, *, status: str) -> PrisonerConfidential | None:
    """Restricted notes for one in eight detained prisoners; every text says it is fictional."""
    if rng.random() >= (0.12 if status in DETAINED_STATUSES else 0.03):
        return None
    at_risk = rng.random() < 0.6
    return PrisonerConfidential(
        health_at_risk=at_risk,
        health=pick(rng, _HEALTH) if at_risk else "",
        family_contacts=pick(rng, _FAMILY) if rng.random() < 0.5 else "",
        internal_notes=pick(rng, _NOTES),
    )
