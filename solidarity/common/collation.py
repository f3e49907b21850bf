"""Sorting names the way a reader of the page expects, without the system's locales.

Python compares code points: Belarusian "І" (U+0406) and Ukrainian "Є" come before "А", and "Ž"
after "z", so "Ірландыя" would lead a Belarusian list of countries. The server may have no
locales installed (containers rarely do), so `locale.strxfrm` is no answer; this key puts the
Cyrillic letters of Belarusian, Russian and Ukrainian in alphabetical order and Latin letters
with diacritics next to their base letter, which is what lists of countries and names need.
"""

import unicodedata

# Russian order, with the letters of Belarusian and Ukrainian after the letter they follow.
CYRILLIC_ORDER = "абвгґдеєёжзиіїйклмнопрстуўфхцчшщъыьэюя"
_POSITION = {letter: index for index, letter in enumerate(CYRILLIC_ORDER)}


def collation_key(text: str) -> tuple[tuple[int, int, int], ...]:
    """A key for `sorted()`: Latin before Cyrillic, each alphabetical, case and accents
    ignored first and then used to break ties."""
    key = []
    for char in text.casefold():
        position = _POSITION.get(char)
        if position is not None:
            key.append((2, position, 0))
            continue
        base = unicodedata.normalize("NFKD", char)[:1] or char
        key.append((1 if base.isalpha() else 0, ord(base), ord(char)))
    return tuple(key)
