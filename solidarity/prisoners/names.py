"""Search keys that let any common spelling of a Belarusian name find the person.

A name is transliterated from Belarusian or Russian Cyrillic to Latin, folded (case, diacritics),
then reduced to a phonetic key in which the spelling families of docs/domain.md collapse
together:
kh/h/g, ts/c, sh/sz/š, ch/cz/č, zh/ż/ž, ya/ja/ia, y/i/j, u/ŭ/w, v/w, and all vowels (akanne:
Kalesnikava and Kolesnikova share a key). Keys are stored on the record so that SQLite and
PostgreSQL can both filter on them; ranking by similarity happens on the candidates.
"""

import re
import unicodedata

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "і": "i", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "'": "", "’": "", "ʼ": "",
}  # fmt: skip

# Applied in order, longest first, on folded Latin text.
_DIGRAPHS = (
    ("shch", "s"), ("szcz", "s"), ("sch", "s"), ("kh", "h"), ("zh", "z"), ("sh", "s"),
    ("sz", "s"), ("cz", "c"), ("ch", "c"), ("ts", "c"), ("tz", "c"), ("g", "h"), ("w", "v"),
    ("q", "k"), ("x", "ks"),
)  # fmt: skip
_VOWELS = re.compile(r"[aeiouyj]+")
_NOT_LETTER = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")


_CYRILLIC_TABLE = str.maketrans(_CYRILLIC)  # the same mapping, applied in C


def transliterate(text: str) -> str:
    """Cyrillic to a plain Latin spelling; other characters pass through."""
    return text.lower().translate(_CYRILLIC_TABLE)


def fold(text: str) -> str:
    """Lowercase Latin letters and single spaces only: no diacritics, no punctuation."""
    latin = transliterate(text)
    if not latin.isascii():  # ASCII has nothing to decompose (most names, once transliterated)
        decomposed = unicodedata.normalize("NFKD", latin.replace("ł", "l"))
        latin = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", _NOT_LETTER.sub(" ", latin)).strip()


def phonetic_key(word: str) -> str:
    """One folded word reduced to its spelling-family skeleton (vowels collapse to 'a')."""
    key = word
    for source, target in _DIGRAPHS:
        key = key.replace(source, target)
    key = _VOWELS.sub("a", key)
    return re.sub(r"(.)\1+", r"\1", key)


def name_tokens(text: str) -> list[str]:
    return [token for token in fold(text).split(" ") if token]


def search_keys(*names: str) -> str:
    """Every folded token and its phonetic key, space-separated and de-duplicated."""
    keys: dict[str, None] = {}
    for name in names:
        for token in name_tokens(name):
            keys[token] = None
            keys[phonetic_key(token)] = None
    return " ".join(keys)


def sort_name(*names: str) -> str:
    """A folded Latin sort key, so that lists sort the same way in every locale."""
    for name in names:
        folded = fold(name)
        if folded:
            return folded[:200]
    return ""
