"""The letter insight's selectors: counts per facility, the withholding-first ranking, the period,
and a prisoner's anonymised history."""

import datetime

import pytest

from solidarity.activity import insight
from solidarity.activity.models import Letter, LetterOutcome
from tests.factories import FacilityFactory, GodparentProfileFactory, LetterFactory, PrisonerFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 24)
SINCE = datetime.date(2025, 11, 24)
REPLY, RETURNED = LetterOutcome.REPLY_RECEIVED, LetterOutcome.RETURNED
SENT, UNKNOWN = LetterOutcome.SENT, LetterOutcome.UNKNOWN


def letters(prisoner, godparent, outcomes, *, first=datetime.date(2026, 2, 1), facility=None):
    """One letter a week per outcome; a reply or a return is known three weeks after sending."""
    made = []
    for week, outcome in enumerate(outcomes):
        sent_on = first + datetime.timedelta(weeks=week)
        known = outcome in (REPLY, RETURNED)
        made.append(
            LetterFactory(
                prisoner=prisoner,
                godparent=godparent,
                facility=facility or prisoner.facility,
                sent_on=sent_on,
                outcome=outcome,
                outcome_on=sent_on + datetime.timedelta(weeks=3) if known else None,
            )
        )
    return made


def expected(made: list[Letter]) -> dict:
    """What the insight should say about these letters, computed from them."""
    replies = [letter.outcome_on for letter in made if letter.outcome == REPLY]
    last = max(replies, default=None)
    return {
        "sent": len(made),
        "replies": len(replies),
        "returned": sum(letter.outcome == RETURNED for letter in made),
        "no_news": sum(letter.outcome in (SENT, UNKNOWN) for letter in made),
        "last_reply_on": last,
        "days_since_reply": (TODAY - last).days if last else None,
    }


def as_numbers(row) -> dict:
    return {key: getattr(row, key) for key in expected([])}


@pytest.fixture
def godparent():
    return GodparentProfileFactory()


@pytest.fixture
def colonies(godparent):
    """Three facilities: one withholds letters, one lets them through, one got few letters."""
    withholding = PrisonerFactory(facility=FacilityFactory(name="ИК-3 Витьба"))
    open_ = PrisonerFactory(facility=FacilityFactory(name="ИК-1 Новополоцк"))
    few = PrisonerFactory(facility=FacilityFactory(name="ИК-2 Бобруйск"))
    made = {
        "withholding": letters(withholding, godparent, [RETURNED] * 6 + [UNKNOWN] * 4 + [REPLY]),
        "open": letters(open_, godparent, [REPLY] * 7 + [SENT] * 3 + [RETURNED]),
        "few": letters(few, godparent, [RETURNED] * 3),
    }
    facilities = {name: rows[0].facility for name, rows in made.items()}
    return facilities, made


def test_each_facility_counts_its_letters_by_outcome(colonies):
    facilities, made = colonies

    rows = {
        row.facility_id: row for row in insight.facility_letter_insight(since=SINCE, today=TODAY)
    }

    assert set(rows) == {facility.pk for facility in facilities.values()}
    for name, facility in facilities.items():
        row = rows[facility.pk]
        assert as_numbers(row) == expected(made[name]), name
        assert row.reply_rate == row.replies / row.sent
        assert row.return_rate == row.returned / row.sent
        assert row.name == facility.display_name


def test_the_withholding_facility_comes_first_and_one_with_few_letters_last(colonies):
    facilities, _made = colonies

    rows = insight.facility_letter_insight(since=SINCE, today=TODAY)

    assert [row.facility_id for row in rows] == [
        facilities["withholding"].pk,
        facilities["open"].pk,
        facilities["few"].pk,  # no reply at all, but three letters say little
    ]
    assert [row.ranked for row in rows] == [True, True, False]


def test_at_the_same_reply_rate_the_facility_with_more_letters_returned_comes_first(godparent):
    mild = PrisonerFactory(facility=FacilityFactory(name="А: few returned"))
    harsh = PrisonerFactory(facility=FacilityFactory(name="Я: many returned"))
    letters(mild, godparent, [REPLY] + [UNKNOWN] * 8 + [RETURNED])
    letters(harsh, godparent, [REPLY] + [UNKNOWN] + [RETURNED] * 8)

    rows = insight.facility_letter_insight(since=SINCE, today=TODAY)

    assert rows[0].reply_rate == rows[1].reply_rate
    assert [row.facility_id for row in rows] == [harsh.facility_id, mild.facility_id]


def test_only_letters_sent_in_the_period_count(godparent):
    prisoner = PrisonerFactory()
    old = letters(prisoner, godparent, [REPLY] * 5, first=SINCE - datetime.timedelta(weeks=10))
    recent = letters(prisoner, godparent, [RETURNED, SENT], first=SINCE)

    (row,) = insight.facility_letter_insight(since=SINCE, today=TODAY)
    (everything,) = insight.facility_letter_insight(since=datetime.date(2000, 1, 1), today=TODAY)

    assert as_numbers(row) == expected(recent)
    assert as_numbers(everything) == expected(old + recent)
    assert insight.facility_letter_insight(since=TODAY, today=TODAY) == []


def test_letters_with_no_recorded_facility_are_left_out(godparent):
    prisoner = PrisonerFactory()
    LetterFactory(prisoner=prisoner, godparent=godparent, facility=None, sent_on=TODAY)

    assert insight.facility_letter_insight(since=SINCE, today=TODAY) == []


@pytest.mark.parametrize("column", sorted(insight.ORDERINGS))
def test_any_column_sorts_both_ways_with_missing_values_last(colonies, column):
    key = insight.ORDERINGS[column]

    ascending = insight.facility_letter_insight(since=SINCE, today=TODAY, ordering=column)
    descending = insight.facility_letter_insight(since=SINCE, today=TODAY, ordering=f"-{column}")

    for rows, reverse in ((ascending, False), (descending, True)):
        values = [key(row) for row in rows]
        known = [value for value in values if value is not None]
        assert known == sorted(known, reverse=reverse)
        assert values == known + [None] * (len(values) - len(known))


def test_an_unknown_ordering_falls_back_to_withholding_first(colonies):
    ranked = insight.facility_letter_insight(since=SINCE, today=TODAY)

    assert (
        insight.facility_letter_insight(since=SINCE, today=TODAY, ordering="-godparent") == ranked
    )


def test_the_facility_table_is_one_query(colonies, django_assert_num_queries):
    with django_assert_num_queries(1):
        insight.facility_letter_insight(since=SINCE, today=TODAY)


def test_a_prisoners_history_is_newest_first_with_its_reply_rate(godparent):
    prisoner = PrisonerFactory()
    moved_to = FacilityFactory(name="СИЗО-1 Минск", name_latin="Pre-trial prison No. 1, Minsk")
    made = letters(prisoner, godparent, [REPLY, RETURNED, UNKNOWN, REPLY, SENT])
    made += letters(prisoner, godparent, [RETURNED], facility=moved_to, first=TODAY)
    LetterFactory(godparent=godparent, outcome=REPLY, outcome_on=TODAY)  # another prisoner's

    summary = insight.prisoner_letter_summary(prisoner_id=prisoner.pk, today=TODAY)
    history = insight.letter_history_entries(
        insight.prisoner_letter_history(prisoner_id=prisoner.pk)
    )

    numbers = expected(made)
    assert as_numbers(summary) == numbers
    assert summary.reply_rate == numbers["replies"] / numbers["sent"]
    newest_first = sorted(made, key=lambda letter: letter.sent_on, reverse=True)
    assert [entry.pk for entry in history] == [letter.pk for letter in newest_first]
    assert history[0].facility == "Pre-trial prison No. 1, Minsk"  # where it was addressed
    assert history[0].outcome == "Returned"
    assert history[0].channel == "Post"


def test_a_prisoner_without_letters_has_no_rate():
    summary = insight.prisoner_letter_summary(prisoner_id=PrisonerFactory().pk, today=TODAY)

    assert (summary.sent, summary.reply_rate, summary.last_reply_on) == (0, None, None)


def test_the_history_reads_no_godparent_note_or_scan():
    """Whatever a template asks for, the rows hold only the letter's own facts."""
    letter = LetterFactory(note="CANARY-INSIGHT-NOTE")

    (row,) = insight.prisoner_letter_history(prisoner_id=letter.prisoner_id)

    assert set(row) == {*insight.HISTORY_FIELDS, "has_scan"}  # a flag, never the file
    assert not {"godparent", "godparent_id", "note", "reply_scan", "logged_by_id"} & set(row)
    assert "CANARY-INSIGHT-NOTE" not in repr(row)
