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
from solidarity.reports.document import is_number, report_document
from solidarity.reports.formats import report_html
from tests.factories.activity import LetterFactory
from tests.factories.godparents import GodparentProfileFactory
from tests.factories.matching import MatchFactory

from .reading import html_tables
from .world import END, PREVIOUS, START, moment, within

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
        if within(first.date()) and first >= GodparentProfile.objects.get(pk=pk).created_at
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
    countries = Counter(
        country
        for a in actions
        for country in {g.parliament.country.code for g in a.godparents.all() if _scoped(g, scope)}
    )
    assert dict(s.actions.by_country) == countries
    if scope == Scope():  # actions of godparents from two countries count in both
        assert sum(countries.values()) > len(actions)

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


def _first_match(signed_up: datetime.date, answered: datetime.date) -> None:
    godparent = GodparentProfileFactory()
    GodparentProfile.objects.filter(pk=godparent.pk).update(created_at=moment(signed_up))
    MatchFactory(godparent=godparent, offered_at=moment(answered), responded_at=moment(answered))


def test_a_first_match_before_the_sign_up_is_left_out_of_the_median_and_counted(db):
    """Imported or legacy records may date a first match before the sign-up: -59 days said
    nothing about how long a godparent waits."""
    _first_match(signed_up=datetime.date(2026, 9, 1), answered=datetime.date(2026, 7, 3))
    _first_match(signed_up=datetime.date(2026, 7, 1), answered=datetime.date(2026, 7, 11))
    _first_match(signed_up=datetime.date(2026, 7, 1), answered=datetime.date(2026, 7, 31))

    matches = report_build(start=START, end=END, variant="public").sections.matches

    assert matches.median_days_to_first_match == 20  # of 10 and 30, not of -60, 10 and 30
    assert matches.first_match_before_sign_up == 1


@pytest.mark.parametrize("inverted", [0, 1], ids=["nobody", "only-inverted"])
def test_a_median_over_nothing_is_none_and_prints_a_dash(db, inverted):
    if inverted:
        _first_match(signed_up=datetime.date(2026, 9, 1), answered=datetime.date(2026, 7, 3))

    report = report_build(start=START, end=END, variant="public")
    page = report_html(report, report_document(report), generated_at=timezone.now())

    assert report.sections.matches.median_days_to_first_match is None
    assert report.sections.matches.first_match_before_sign_up == inverted
    assert report.sections.outcomes.median_days_with_godparents is None
    summary = {row[1]: row[2] for row in html_tables(page)["summary"][1]}
    assert summary["Median days from sign-up to first match"] == "–"
    assert summary["Median days with godparents"] == "–"
    assert ("left out of the median" in page) == bool(inverted)


def test_nothing_that_cannot_be_negative_prints_negative(world):
    _first_match(signed_up=datetime.date(2026, 9, 20), answered=datetime.date(2026, 7, 2))
    for variant in ("public", "internal"):
        sections = report_document(report_build(start=START, end=END, variant=variant))

        for section in sections:
            for figure in section.figures:  # a change may be negative, a figure never
                assert (figure.value or 0) >= 0, figure.label
                assert (figure.previous or 0) >= 0, figure.label
            for table in section.tables:
                numbers = [cell for row in table.rows for cell in row if is_number(cell)]
                assert all(number >= 0 for number in numbers), table.key
