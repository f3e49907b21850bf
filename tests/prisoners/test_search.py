"""Any common spelling finds the person, ranked first; one typo is forgiven (SQLite and PG)."""

import pytest

from solidarity.prisoners.models import Prisoner
from solidarity.prisoners.search import edit_similarity, prisoner_search, trigram_similarity
from tests.factories import PrisonerFactory

pytestmark = pytest.mark.django_db

SPELLINGS = [
    "Kalesnikava",
    "Kolesnikova",
    "Калеснікава",
    "Колесникова",
    "Kalesnikawa",
    "kalesnikova",
    "Kolesnikowa",
]


@pytest.fixture
def people():
    """The person searched for, among people with close names (the decoys)."""
    target = PrisonerFactory(
        name_be="Марыя Калеснікава", name_ru="Мария Колесникова", name_latin="Maryia Kalesnikava"
    )
    for be, ru, latin in [
        ("Алесь Калеснікаў", "Алесь Колесников", "Ales Kalesnikau"),
        ("Марыя Калесніч", "Мария Колесник", "Maryia Kalesnich"),
        ("Ганна Каваленка", "Анна Коваленко", "Hanna Kavalenka"),
        ("Алесь Бяляцкі", "Алесь Беляцкий", "Ales Bialiatski"),
    ]:
        PrisonerFactory(name_be=be, name_ru=ru, name_latin=latin)
    return target


def _search(query):
    return list(prisoner_search(queryset=Prisoner.objects.all(), query=query))


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_common_spelling_finds_the_person_first(people, spelling):
    results = _search(spelling)
    assert results[0] == people


@pytest.mark.parametrize("typo", ["Kalesnilava", "Kolesnokova", "Калесьнікава", "Kalesnikva"])
def test_one_typo_still_finds_the_person_first(people, typo):
    assert _search(typo)[0] == people


def test_first_name_and_surname_together_narrow_to_the_person(people):
    assert _search("Maria Kolesnikova")[0] == people


def test_a_different_surname_is_not_a_match(people):
    assert people not in _search("Bialiatski")
    assert _search("Бяляцкі")[0].name_latin == "Ales Bialiatski"


def test_a_single_letter_does_not_match_everybody(people):
    assert _search("a") == []


def test_the_external_id_finds_the_record(people):
    assert _search(people.external_id) == [people]


def test_an_empty_query_leaves_the_queryset_alone(people):
    assert len(_search("   ")) == Prisoner.objects.count()


def test_the_search_respects_the_queryset_it_is_given(people):
    others = Prisoner.objects.exclude(pk=people.pk)
    assert people not in prisoner_search(queryset=others, query="Kalesnikava")


def test_trigram_similarity_matches_postgresql_on_known_values():
    # SELECT similarity('word', 'words') gives 0.5714286 in pg_trgm.
    assert trigram_similarity("word", "word") == 1.0
    assert trigram_similarity("word", "words") == pytest.approx(4 / 7)
    assert trigram_similarity("", "x") == 0.0


def test_edit_similarity_counts_one_typo_as_one_letter_in_the_longer_word():
    assert edit_similarity("kalesnikva", "kalesnikava") == pytest.approx(1 - 1 / 11)
    assert edit_similarity("abc", "abc") == 1.0
    assert edit_similarity("", "abc") == 0.0


def test_a_long_repetitive_query_is_cut_to_a_few_distinct_words(people):
    from solidarity.prisoners.search import MAX_WORDS, _query_words

    words = _query_words(" ".join(["kalesnikavx"] * 16 + [f"word{i}" for i in range(10)]))
    assert len(words) <= MAX_WORDS
    assert words[0][0] == "kalesnikavx"
    assert len({folded for folded, _ in words}) == len(words)
