import pytest

from solidarity.prisoners.names import fold, phonetic_key, search_keys

KALESNIKAVA_SPELLINGS = [
    "Kalesnikava",
    "Kolesnikova",
    "Калеснікава",
    "Колесникова",
    "Kalesnikawa",
    "kalesnikova",
    "Kolesnikowa",
]


@pytest.mark.parametrize("spelling", KALESNIKAVA_SPELLINGS)
def test_every_common_spelling_shares_the_phonetic_key(spelling):
    assert phonetic_key(fold(spelling)) in search_keys("Калеснікава", "Колесникова", "Kalesnikava")


def test_fold_removes_diacritics_and_punctuation():
    assert fold("Cichanoŭski, Łukašenka!") == "cichanouski lukasenka"


def test_belarusian_and_russian_spellings_of_bialiatski_meet():
    assert phonetic_key(fold("Бяляцкі")) == phonetic_key(fold("Byalyatsky"))


def test_search_keys_do_not_repeat_a_key():
    keys = search_keys("Kalesnikava", "Kalesnikava").split()
    assert len(keys) == len(set(keys))
