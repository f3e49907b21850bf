"""The report's figures against the same figures counted by plain loops over a generated world."""

import dataclasses
import datetime
import statistics
from collections import Counter

import pytest
from django.utils import timezone

from solidarity.activity.models import ActionVerification, AdvocacyAction, Letter, LetterOutcome
from solidarity.godparents.models import GodparentProfile, VerificationState
from solidarity.matching.models import Match, MatchStatus
from solidarity.prisoners.choices import DETAINED_STATUSES, Publicity
from solidarity.prisoners.models import StatusChange
from solidarity.reports.builder import (
    ActionFigures,
    GodparentFigures,
    Headline,
    LetterFigures,
    LetterResults,
    ListedGodparent,
    MatchFigures,
    NotableAction,
    OutcomeFigures,
    PrisonerFigures,
    Report,
    ReportSections,
    Scope,
    report_build,
)
from tests.factories.activity import LetterFactory
from tests.factories.godparents import GodparentProfileFactory
from tests.factories.matching import MatchFactory

from .world import END, PREVIOUS, START, within

pytestmark = pytest.mark.django_db


def _scoped(godparent, scope: Scope) -> bool:
    country = godparent.parliament.country.code if godparent.parliament else ""
    return not scope.countries or country in scope.countries


@pytest.mark.parametrize("scope", [Scope(), Scope(countries=("DE", "LT"))], ids=["all", "DE+LT"])
def test_every_section_matches_a_plain_count(world, scope):
    report = report_build(start=START, end=END, variant="internal", scope=scope)
    s = report.sections
    # The generated world exercises every section (a zero everywhere would prove nothing).
    assert s.matches.made.value
    assert s.letters.sent.value
    assert s.actions.verified.value
    assert s.outcomes.released
    people = [g for g in GodparentProfile.objects.all() if _scoped(g, scope)]

    assert s.godparents.total.value == sum(g.created_at.date() <= END for g in people)
    assert s.godparents.new.value == sum(within(g.created_at.date()) for g in people)
    assert s.godparents.new.previous == sum(within(g.created_at.date(), PREVIOUS) for g in people)
    verified = [
        g
        for g in people
        if g.verification_state == VerificationState.VERIFIED and g.verified_at.date() <= END
    ]
    assert s.godparents.verified.value == len(verified)
    assert dict(s.godparents.by_group) == Counter(g.political_group for g in verified)

    held = [p for p in world["prisoners"] if p.status in DETAINED_STATUSES]
    active = list(Match.objects.filter(status=MatchStatus.ACTIVE))
    with_godparent = {m.prisoner_id for m in active} & {p.pk for p in held}
    assert s.prisoners.held == len(held)
    assert s.prisoners.with_godparent == len(with_godparent)
    assert dict(s.prisoners.by_region) == Counter(p.region for p in held)

    matches = [m for m in Match.objects.select_related("godparent") if _scoped(m.godparent, scope)]
    assert s.matches.made.value == sum(within(m.offered_at.date()) for m in matches)
    assert s.matches.declined.value == sum(
        m.status == MatchStatus.DECLINED and within(m.responded_at.date()) for m in matches
    )
    assert s.matches.ended.value == sum(
        m.ended_at is not None and within(m.ended_at.date()) for m in matches
    )
    firsts: dict[int, datetime.datetime] = {}
    for m in matches:
        if m.status in (MatchStatus.ACTIVE, MatchStatus.ENDED):
            firsts[m.godparent_id] = min(firsts.get(m.godparent_id, m.responded_at), m.responded_at)
    days = [
        (first - GodparentProfile.objects.get(pk=pk).created_at).days
        for pk, first in firsts.items()
        if within(first.date())
    ]
    assert s.matches.median_days_to_first_match == (statistics.median(days) if days else None)

    letters = [x for x in Letter.objects.select_related("godparent") if _scoped(x.godparent, scope)]
    in_period = [x for x in letters if within(x.sent_on)]
    assert s.letters.sent.value == len(in_period)
    assert s.letters.sent.previous == sum(within(x.sent_on, PREVIOUS) for x in letters)
    replies = sum(x.outcome == LetterOutcome.REPLY_RECEIVED for x in in_period)
    assert s.letters.results.replies.value == replies
    assert s.letters.results.returned.value == sum(
        x.outcome == LetterOutcome.RETURNED for x in in_period
    )
    assert dict(s.letters.by_month) == Counter(x.sent_on.strftime("%Y-%m") for x in in_period)

    actions = [
        a
        for a in AdvocacyAction.objects.prefetch_related("godparents__parliament")
        if a.verification == ActionVerification.VERIFIED
        and within(a.occurred_on)
        and any(_scoped(g, scope) for g in a.godparents.all())
    ]
    assert s.actions.verified.value == len(actions)
    assert dict(s.actions.by_kind) == Counter(a.kind for a in actions)

    released = {}
    for change in StatusChange.objects.order_by("effective_on"):
        if not within(change.effective_on):
            continue
        accepted = [
            m
            for m in matches
            if m.prisoner_id == change.prisoner_id
            and m.status in (MatchStatus.ACTIVE, MatchStatus.ENDED)
            and m.responded_at.date() <= change.effective_on
        ]
        if accepted and change.prisoner_id not in released:
            released[change.prisoner_id] = change.to_status
    assert s.outcomes.released == len(released)
    assert dict(s.outcomes.by_status) == Counter(released.values())


def test_the_public_variant_names_no_discreet_godparent_and_no_unpublished_prisoner(world):
    public = report_build(start=START, end=END, variant="public").sections
    internal = report_build(start=START, end=END, variant="internal").sections

    hidden_people = {
        g.full_name for g in world["godparents"] if g.is_discreet or not g.public_listing_consent
    }
    hidden_prisoners = {p.display_name for p in world["prisoners"] if p.publicity == Publicity.NONE}
    named_people = {row.name for row in public.listed}
    named_prisoners = {name for row in public.listed for name in row.prisoners}
    named_prisoners |= set(public.prisoners.unmatched_named)
    assert hidden_people
    assert hidden_prisoners
    assert not named_people & hidden_people
    assert not named_prisoners & hidden_prisoners
    # The totals are the same: the unnamed still count.
    assert public.prisoners.without_godparent == internal.prisoners.without_godparent
    assert public.letters.sent == internal.letters.sent
    # Whether letters are answered or returned, and where, is never public.
    assert public.letters.results is None
    assert internal.letters.results.replies.value
    # Breakdowns leave discreet godparents out (a count minus the names would point at them).
    discreet = [
        g for g in world["godparents"] if g.is_discreet and g.verification_state == "verified"
    ]
    assert discreet
    public_sum = sum(count for _country, count in public.godparents.by_country)
    internal_sum = sum(count for _country, count in internal.godparents.by_country)
    assert public_sum == internal_sum - len(discreet)
    assert public.godparents.verified == internal.godparents.verified
    assert {row.name for row in internal.listed} & hidden_people


@pytest.mark.parametrize(
    ("variant", "letter_results"), [("public", type(None)), ("internal", LetterResults)]
)
def test_the_builder_returns_typed_frozen_sections_not_dicts(world, variant, letter_results):
    """The document reads the sections by attribute: a return to dicts must fail here."""
    report = report_build(start=START, end=END, variant=variant)
    s = report.sections

    assert isinstance(report, Report)
    assert isinstance(s, ReportSections)
    types = {
        "godparents": GodparentFigures,
        "prisoners": PrisonerFigures,
        "matches": MatchFigures,
        "letters": LetterFigures,
        "actions": ActionFigures,
        "outcomes": OutcomeFigures,
    }
    assert {name: type(getattr(s, name)) for name in types} == types
    assert s.listed
    assert all(isinstance(row, ListedGodparent) for row in s.listed)
    assert s.actions.notable
    assert all(isinstance(action, NotableAction) for action in s.actions.notable)
    sent = s.letters.sent
    assert isinstance(sent, Headline)
    assert sent.value > 0
    assert isinstance(sent.previous, int)
    assert sent.change == sent.value - sent.previous
    # The public variant leaves the letters' replies and returns out as None, not a missing key.
    assert isinstance(s.letters.results, letter_results)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.letters.sent = sent  # type: ignore[misc]


def test_the_number_of_queries_does_not_grow_with_the_data(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(30) as small:
        report_build(start=START, end=END, variant="public")
    count = len(small.captured_queries)
    for n in range(30):
        GodparentProfileFactory(full_name=f"More {n}")
        LetterFactory.create_batch(3)
        MatchFactory(offered_at=timezone.now())

    with django_assert_max_num_queries(count):
        report_build(start=START, end=END, variant="public")
