"""Names sort as their readers expect, whatever locales the server has."""

from solidarity.common.collation import collation_key


def test_belarusian_countries_sort_alphabetically():
    names = ["Ірландыя", "Аўстрыя", "Ісландыя", "Італія", "Германія", "Эстонія", "Літва"]
    assert sorted(names, key=collation_key) == [
        "Аўстрыя",
        "Германія",
        "Ірландыя",
        "Ісландыя",
        "Італія",
        "Літва",
        "Эстонія",
    ]


def test_russian_and_ukrainian_letters_take_their_places():
    assert sorted(["Ёлка", "Есть", "Жук", "Єва"], key=collation_key) == [
        "Есть",
        "Єва",
        "Ёлка",
        "Жук",
    ]


def test_latin_letters_with_diacritics_sit_by_their_base_letter():
    names = ["Zimbabwe", "Österreich", "Åland", "Belgium", "Ísland", "Česko"]
    assert sorted(names, key=collation_key) == [
        "Åland",
        "Belgium",
        "Česko",
        "Ísland",
        "Österreich",
        "Zimbabwe",
    ]
