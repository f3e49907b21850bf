"""Any common spelling finds the person, ranked first; one typo is forgiven (SQLite and PG)."""

import pytest

from solidarity.demo.names import FEMALE_GIVEN, MALE_GIVEN, SURNAMES
from solidarity.prisoners.models import Prisoner
from solidarity.prisoners.search import (
    _every_record,
    _query_words,
    _rank,
    edit_similarity,
    prisoner_search,
    trigram_similarity,
)
from solidarity.prisoners.services import prisoner_compute_names
from tests.factories import FacilityFactory, PrisonerFactory

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


@pytest.mark.parametrize("letter", ["a", "я", "Ў"])
def test_a_single_letter_does_not_match_everybody(people, letter):
    assert _search(letter) == []


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


@pytest.fixture
def namesakes():
    """Close names as the defenders' list writes them (Belarusian, Russian, passport Latin)."""
    facility = FacilityFactory()
    made = {}
    for key, be, ru, latin in [
        ("bondar", "Андрэй Бондар", "Андрей Бондарь", "Andrei Bondar"),
        ("bondar_f", "Вольга Бондар", "Ольга Бондарь", "Volha Bondar"),
        ("andrei", "Андрэй Бялоўскі", "Андрей Беловский", "Andrei Bialouski"),
        ("bulauski", "Аляксандр Булаўскі", "Александр Буловский", "Aliaksandr Bulauski"),
        ("navitski", "Ігар Навіцкі", "Игорь Новицкий", "Ihar Navitski"),
    ]:
        made[key] = PrisonerFactory(name_be=be, name_ru=ru, name_latin=latin, facility=facility)
    return made


def test_the_spelling_as_written_breaks_a_tie_between_names_that_sound_alike(namesakes):
    # Both surnames reduce to the same phonetic key; the written spelling is one typo away.
    results = _search("Bialousky")
    assert results[:2] == [namesakes["andrei"], namesakes["bulauski"]]


@pytest.mark.parametrize("query", ["Andrei Bondr", "Andrei Bond", "Bondr"])
def test_a_name_being_typed_finds_the_person_first(namesakes, query):
    assert _search(query)[0] == namesakes["bondar"]


def test_a_short_word_begins_a_name_and_a_long_one_may_sit_anywhere_in_it(people):
    assert people in _search("Kales")
    assert _search("esnik") == []  # the middle of Kalesnikava, Kalesnikau and Kalesnich
    assert _search("lesnikava")[0] == people


def test_a_short_word_is_a_typo_only_when_it_starts_like_the_name(namesakes):
    assert _search("Bondr")[:2] == [namesakes["bondar"], namesakes["bondar_f"]]
    assert _search("Vondr") == []


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Бондарь", "bondar"),  # Russian; Andrei before Volha by name
        ("Андрэй Бондар", "bondar"),
        ("Бялоўскі", "andrei"),
        ("Беловский", "andrei"),
        ("Буловский", "bulauski"),
        ("Навицкий Игорь", "navitski"),
    ],
)
def test_cyrillic_spellings_find_the_person_first(namesakes, query, first):
    assert _search(query)[0] == namesakes[first]


def test_an_exact_external_id_comes_first_whatever_its_name(namesakes):
    navitski = namesakes["navitski"]
    Prisoner.objects.filter(pk=navitski.pk).update(external_id="Bondar-1983")
    results = _search("bondar-1983")  # the name part finds both Bondars as well
    assert results[0] == navitski
    assert set(results[1:]) == {namesakes["bondar"], namesakes["bondar_f"]}


QUERIES = [
    "Kalesnikava",
    "Kolesnikova",
    "Калеснікава",
    "Kalesnilava",
    "Maria Kolesnikova",
    "Bialousky",
    "Andrei Bondr",
    "Bondar",
    "Бондарь",
    "Ivanou",
    "Иванова Ольга",
    "Siarhej Lapicki",
    "Viktar Shyman",
    "Yauhen",
    "Ян",
    "Kozel Yan",
    "Zhuk",
    "Шаўчук",
    "Hryshkev",
    "Tsikhanovich Palina",
    "Mikalai Savitsky",
    "x y",
    "Aleh",
]


def test_postgresql_ranks_as_the_python_definition_does():
    """The SQL is a translation of the Python scoring: every query gives the same list.

    On SQLite both sides are the Python ranking; the test matters on PostgreSQL.
    """
    facility = FacilityFactory()
    males, females = MALE_GIVEN, FEMALE_GIVEN
    for n, (masculine, feminine) in enumerate(SURNAMES):
        given = (males[n % len(males)], females[n % len(females)], males[(n * 7) % len(males)])
        forms = (masculine, feminine, masculine)
        for (first_be, first_ru, first_latin), (be, ru, latin) in zip(given, forms, strict=True):
            PrisonerFactory(
                name_be=f"{first_be} {be}",
                name_ru=f"{first_ru} {ru}",
                name_latin=f"{first_latin} {latin}",
                facility=facility,
            )
    records = Prisoner.objects.all()
    for query in QUERIES:
        expected = _rank(candidates=_every_record(records), query=query, words=_query_words(query))
        found = [p.pk for p in prisoner_search(queryset=records, query=query)]
        assert found == expected, query
    assert any(len(_search(query)) > 3 for query in QUERIES)  # not an empty comparison


def _named(latin, be, ru, **extra):
    prisoner = PrisonerFactory.build(name_latin=latin, name_be=be, name_ru=ru, **extra)
    prisoner_compute_names(prisoner=prisoner)
    return prisoner


def test_the_search_follows_every_way_records_are_written(people):
    """PostgreSQL searches a table of keys that triggers keep (migration 0011): records written in
    bulk (the importer, seed_demo), renamed by a bulk update, changed in other fields or deleted
    are found, or no longer found, as the records' own keys say. (On SQLite: the same, by the
    Python ranking.)"""
    facility = people.facility
    added = Prisoner.objects.bulk_create(
        [
            _named("Raman Pratasevich", "Раман Пратасевіч", "Роман Протасевич", facility=facility),
            _named("Ihar Losik", "Ігар Лосік", "Игорь Лосик", facility=facility),
        ]
    )
    protasevich, losik = (Prisoner.objects.get(pk=p.pk) for p in added)
    assert _search("Pratasevich") == [protasevich]
    assert _search("Лосик") == [losik]

    losik.name_latin, losik.name_be, losik.name_ru = "Ihar Karnei", "Ігар Карней", "Игорь Карней"
    prisoner_compute_names(prisoner=losik)
    Prisoner.objects.bulk_update([losik], ["name_latin", "name_be", "name_ru", "search_keys"])
    assert _search("Лосик") == []
    assert _search("Karnei") == [losik]

    Prisoner.objects.filter(pk=protasevich.pk).update(sentence_text_en="3 years")  # keys unchanged
    assert _search("Pratasevich") == [protasevich]

    protasevich.delete()
    assert _search("Pratasevich") == []
    assert _search("Kalesnikava")[0] == people  # the records around are untouched
