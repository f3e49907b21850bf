import datetime

import pytest

from solidarity.prisoners.choices import DatePrecision, FacilityKind, Gender, PenaltyType
from solidarity.prisoners.importing import parsing
from solidarity.prisoners.importing.parsing import CellError, FacilityCell


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("1982", datetime.date(1982, 1, 1), DatePrecision.YEAR),
        ("1982 г.", datetime.date(1982, 1, 1), DatePrecision.YEAR),
        ("04.1982", datetime.date(1982, 4, 1), DatePrecision.MONTH),
        ("1982-04", datetime.date(1982, 4, 1), DatePrecision.MONTH),
        ("24.04.1982", datetime.date(1982, 4, 24), DatePrecision.DAY),
        ("24/04/1982", datetime.date(1982, 4, 24), DatePrecision.DAY),
        ("1982-04-24", datetime.date(1982, 4, 24), DatePrecision.DAY),
    ],
)
def test_partial_dates_keep_their_precision(text, value, precision):
    assert parsing.parse_partial_date(text) == parsing.PartialDate(value, precision)


@pytest.mark.parametrize("text", ["31.02.2020", "13.2020", "yesterday", "2020-02-30"])
def test_impossible_dates_are_refused_with_a_message(text):
    with pytest.raises(CellError, match="is not a date"):
        parsing.parse_partial_date(text)


def test_a_future_date_is_refused():
    future = (datetime.date.today() + datetime.timedelta(days=3)).strftime("%d.%m.%Y")
    with pytest.raises(CellError, match="in the future"):
        parsing.parse_partial_date(future)


@pytest.mark.parametrize(
    ("text", "charges"),
    [
        ("ч.1 ст.342, ч.3 ст.130 УК", [("342", "1"), ("130", "3")]),
        ("342 ч.1", [("342", "1")]),
        ("ст. 361-1", [("361-1", "")]),
        ("ч.2 ст.361-1 УК РБ; ст.342", [("361-1", "2"), ("342", "")]),
        ("Art. 342 part 1, article 130", [("342", "1"), ("130", "")]),
        ("ч.1 арт.342 КК", [("342", "1")]),
        ("342, 342", [("342", "")]),
    ],
)
def test_articles_are_read_from_free_text(text, charges):
    assert parsing.parse_articles(text) == charges


def test_unreadable_articles_are_refused():
    with pytest.raises(CellError, match="Could not read the articles"):
        parsing.parse_articles("hooliganism")


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("3 года", 36),
        ("2 years 6 months", 30),
        ("1,5 года колонии", 18),
        ("11 лет колонии общего режима", 132),
        ("6 месяцев", 6),
        ("2 гады 3 месяцы", 27),
        ("штраф", None),
    ],
)
def test_sentence_length_is_derived_from_the_decision(text, months):
    assert parsing.parse_sentence_months(text) == months


def test_a_prison_cell_splits_the_facility_from_its_address():
    on_lines = parsing.parse_prison("ИК-4\nул. Советская, 1\n246035, г. Гомель")
    with_semicolons = parsing.parse_prison("ИК-4; ул. Советская, 1; 246035, г. Гомель")
    expected = FacilityCell("ИК-4", "ул. Советская, 1\n246035, г. Гомель")
    assert on_lines == with_semicolons == expected


@pytest.mark.parametrize("text", ["released", "Unknown", "освобождён", "неизвестно", "вызвалена"])
def test_release_words_mean_no_facility(text):
    assert parsing.parse_prison(text) == FacilityCell(name="")


def test_an_empty_prison_cell_means_nothing_is_known():
    assert parsing.parse_prison("  ") is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("СИЗО-1 г. Минска", FacilityKind.PRE_TRIAL),
        ("ИК-4", FacilityKind.COLONY),
        ("Исправительная колония № 15", FacilityKind.COLONY),
        ("Тюрьма № 8", FacilityKind.PRISON),
        ("Жодино", FacilityKind.OTHER),
    ],
)
def test_the_facility_kind_is_guessed_from_its_name(name, kind):
    assert parsing.guess_facility_kind(name) == kind


def test_status_gender_and_penalty_words_are_read_in_each_language():
    assert [parsing.parse_status(s) for s in ("active", "Бывший", "np")] == [
        "active",
        "former",
        "np",
    ]
    assert [parsing.parse_gender(g) for g in ("ж", "male", "")] == [Gender.FEMALE, Gender.MALE, ""]
    assert parsing.parse_penalty("колония усиленного режима") == PenaltyType.COLONY_REINFORCED
    with pytest.raises(CellError):
        parsing.parse_status("maybe")
