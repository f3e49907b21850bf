"""How a record's facts read on a page: the sentence once and translated, and its sources."""

import datetime

import pytest
from django.utils import translation

from solidarity.prisoners.choices import PenaltyType, Publicity
from solidarity.prisoners.models import (
    CriminalArticle,
    LocalisedText,
    Prisoner,
    sentence_from_terms,
)
from solidarity.prisoners.selectors import prisoner_public_sources, source_name

ENGLISH_TEXT = "4 years, colony, general regime"


def _record(**fields) -> Prisoner:
    return Prisoner(name_latin="Test Person", publicity=Publicity.BASIC, **fields)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "4 years, colony, general regime"),
        ("be", "4 гады, калонія агульнага рэжыму"),
        ("ru", "4 года, колония общего режима"),
    ],
)
def test_a_sentence_is_composed_from_the_term_and_the_penalty_type(code, expected):
    with translation.override(code):
        composed = sentence_from_terms(months=48, penalty_type=PenaltyType.COLONY_GENERAL)
    assert composed == expected


@pytest.mark.parametrize(
    ("months", "code", "expected"),
    [
        (30, "en", "2 years 6 months"),
        (13, "ru", "1 год 1 месяц"),
        (8, "be", "8 месяцаў"),
        (None, "en", ""),
    ],
)
def test_a_term_counts_years_and_months(months, code, expected):
    with translation.override(code):
        assert sentence_from_terms(months=months, penalty_type="") == expected


def test_a_penalty_type_without_a_term_reads_as_its_label():
    with translation.override("ru"):
        assert sentence_from_terms(months=None, penalty_type=PenaltyType.FINE) == "Штраф"


def test_the_lists_own_words_in_the_pages_language_are_shown_alone():
    record = _record(
        sentence_text_en=ENGLISH_TEXT, sentence_months=48, penalty_type=PenaltyType.COLONY_GENERAL
    )
    with translation.override("en"):
        assert record.sentence == LocalisedText(ENGLISH_TEXT)  # once: no "; Colony, ..." after it


def test_on_a_belarusian_page_an_english_text_gives_way_to_a_translated_sentence():
    record = _record(
        sentence_text_en=ENGLISH_TEXT, sentence_months=48, penalty_type=PenaltyType.COLONY_GENERAL
    )
    with translation.override("be"):
        assert record.sentence == LocalisedText("4 гады, калонія агульнага рэжыму")


def test_without_structured_facts_the_english_text_stays_marked_as_english():
    record = _record(sentence_text_en=ENGLISH_TEXT)
    with translation.override("ru"):
        assert record.sentence == LocalisedText(ENGLISH_TEXT, "en")


def test_the_russian_text_is_shown_on_a_russian_page():
    record = _record(
        sentence_text_en=ENGLISH_TEXT,
        sentence_text_ru="4 года колонии общего режима",
        sentence_months=48,
        penalty_type=PenaltyType.COLONY_GENERAL,
    )
    with translation.override("ru"):
        assert record.sentence == LocalisedText("4 года колонии общего режима")


def test_a_record_without_a_sentence_shows_none():
    assert not _record().sentence


def test_sources_name_the_site_and_say_when_the_link_is_in_another_language():
    record = _record(
        source_url_ru="https://www.spring96.org/ru/person/1",
        recognition_statement_url_en="https://spring96.org/en/news/1",
        last_verified_on=datetime.date(2026, 3, 15),
    )
    with translation.override("be"):
        sources = prisoner_public_sources(prisoner=record)
    assert sources is not None
    assert (sources.source_url, sources.source_name, sources.source_lang) == (
        "https://www.spring96.org/ru/person/1",
        "spring96.org",
        "ru",
    )
    assert sources.recognition_statement_lang == "en"
    assert sources.last_verified_on == datetime.date(2026, 3, 15)


def test_a_record_that_is_not_public_has_no_sources_to_show():
    record = _record(source_url_en="https://spring96.org/en/person/1")
    record.publicity = Publicity.NONE
    assert prisoner_public_sources(prisoner=record) is None


def test_a_record_without_any_source_shows_nothing():
    assert not prisoner_public_sources(prisoner=_record())


def test_a_source_name_is_the_host_without_www():
    assert source_name("https://www.prisoners.example.org/list?id=1") == "prisoners.example.org"
    assert source_name("") == ""


def test_an_article_title_in_another_language_says_which():
    article = CriminalArticle(number="342", title_ru="Организация групповых действий")
    with translation.override("be"):
        assert (article.title, article.title_lang) == ("Организация групповых действий", "ru")
    with translation.override("ru"):
        assert article.title_lang == ""
