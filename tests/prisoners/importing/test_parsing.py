import datetime

import pytest

from solidarity.prisoners.choices import DatePrecision, FacilityKind, Gender, PenaltyType
from solidarity.prisoners.importing import parsing
from solidarity.prisoners.importing.articles import read_articles
from solidarity.prisoners.importing.parsing import CellError, FacilityCell, Place


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


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("24 April 1982", datetime.date(1982, 4, 24), DatePrecision.DAY),
        ("7 September 2020", datetime.date(2020, 9, 7), DatePrecision.DAY),
        ("April 24, 1982", datetime.date(1982, 4, 24), DatePrecision.DAY),
        ("April 1982", datetime.date(1982, 4, 1), DatePrecision.MONTH),
        ("24 Apr. 1982", datetime.date(1982, 4, 24), DatePrecision.DAY),
        ("24 апреля 1982 г.", datetime.date(1982, 4, 24), DatePrecision.DAY),
        ("апрель 1982 года", datetime.date(1982, 4, 1), DatePrecision.MONTH),
        ("24 красавіка 1982 г.", datetime.date(1982, 4, 24), DatePrecision.DAY),
        ("7 верасня 2020", datetime.date(2020, 9, 7), DatePrecision.DAY),
        ("1 мая 2021", datetime.date(2021, 5, 1), DatePrecision.DAY),
        ("1982-04-24T00:00:00", datetime.date(1982, 4, 24), DatePrecision.DAY),
    ],
)
def test_dates_written_out_in_each_language_keep_their_precision(text, value, precision):
    assert parsing.parse_partial_date(text) == parsing.PartialDate(value, precision)


@pytest.mark.parametrize("text", ["31 April 1982", "24 Aprail 1982", "красавік"])
def test_written_dates_that_do_not_exist_are_refused(text):
    with pytest.raises(CellError, match="is not a date"):
        parsing.parse_partial_date(text)


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
        ("ч.1ст.342", [("342", "1")]),
        ("342, 342", [("342", "")]),
        ("п. 1 ч. 2 ст. 139 УК", [("139", "2")]),
        ("Articles 342 and 130 of the Criminal Code", [("342", ""), ("130", "")]),
        ("Art. 342 part 1\nArt. 130", [("342", "1"), ("130", "")]),
        ("Art. 361-1 of the Criminal Code of the Republic of Belarus", [("361-1", "")]),
        ("ч. 1 ст. 13, ч. 2 ст. 293 УК", [("13", "1"), ("293", "2")]),
        ("Article 14, Part 2 of Article 139", [("14", ""), ("139", "2")]),
    ],
)
def test_articles_are_read_from_every_notation(text, charges):
    reading = read_articles(text)
    assert (reading.charges, reading.unreadable) == (charges, "")


def test_the_english_prose_gives_each_article_its_title():
    reading = read_articles(
        "Part 1 of Art. 342 of the Criminal Code — Organisation and preparation of actions that "
        "grossly violate public order; Art. 130 of the Criminal Code — Incitement of racial, "
        "national, religious or other social hatred"
    )
    assert reading.charges == [("342", "1"), ("130", "")]
    assert reading.titles == {
        "342": "Organisation and preparation of actions that grossly violate public order",
        "130": "Incitement of racial, national, religious or other social hatred",
    }


def test_a_preparation_or_attempt_combines_with_the_main_article_and_its_title_is_not_theirs():
    reading = read_articles(
        "Part 1 of Article 13 and Article 293 of the Criminal Code — Preparation for mass riots"
    )
    assert reading.charges == [("13", "1"), ("293", "")]
    assert reading.titles == {}


@pytest.mark.parametrize(
    ("text", "number", "title"),
    [
        (
            "Art. 341 of the Criminal Code — Desecration of structures",
            "341",
            "Desecration of structures",
        ),
        (
            "ч.2 ст.285 УК - Создание преступной организации",
            "285",
            "Создание преступной организации",
        ),
        ("ст. 342 УК «Организация действий»", "342", "Организация действий"),
        ("ч.1 арт.342 КК — Арганізацыя дзеянняў", "342", "Арганізацыя дзеянняў"),
    ],
)
def test_a_title_after_a_dash_or_in_quotes_belongs_to_its_article(text, number, title):
    assert read_articles(text).titles == {number: title}


@pytest.mark.parametrize(
    "text", ["hooliganism", "ст.342 УК (2 эпизода)", "Parts 1 and 2 of Art. 342"]
)
def test_a_cell_that_cannot_be_read_whole_is_kept_verbatim(text):
    assert read_articles(text).unreadable == text


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
    expected = FacilityCell(
        "ИК-4", "ул. Советская, 1\n246035, г. Гомель", postcode="246035", number="4"
    )
    assert on_lines == with_semicolons == expected


def test_the_three_versions_of_a_facility_share_one_key():
    russian = parsing.parse_prison(
        "Исправительная колония №15\n213410, г. Могилёв, ул. Крупской, 232"
    )
    english = parsing.parse_prison("Penal colony No. 15\n213410, Mahilioŭ, Krupskaj St., 232")
    belarusian = parsing.parse_prison("Папраўчая калонія №15\n213410, г. Магілёў")
    assert russian.key == english.key == belarusian.key == "213410/15"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("released", Place.RELEASED),
        ("Unknown", Place.UNKNOWN),
        ("освобождён", Place.RELEASED),
        ("Освобождена 13.12.2025", Place.RELEASED),
        ("неизвестно", Place.UNKNOWN),
        ("вызвалена", Place.RELEASED),
        ("At liberty before serving the sentence", Place.AWAITING_SENTENCE),
        ("находится на свободе до начала отбывания наказания", Place.AWAITING_SENTENCE),
        ("на волі да пачатку адбыцця пакарання", Place.AWAITING_SENTENCE),
        ("Home confinement", Place.HOME_CONFINEMENT),
        ("домашний арест", Place.HOME_CONFINEMENT),
        ("ограничение свободы", Place.RESTRICTED_FREEDOM),
        ("Restricted freedom", Place.RESTRICTED_FREEDOM),
    ],
)
def test_words_that_are_not_a_place_name_no_facility(text, place):
    assert parsing.parse_prison(text) == FacilityCell(name="", place=place)


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
    assert parsing.parse_status("maybe") == ""  # unknown: the row imports with a warning
