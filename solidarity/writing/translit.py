"""A first guess at a Latin-script name in Cyrillic, for the signature of a letter.

The censor withholds Latin letters, so a godparent signs in Cyrillic; most cannot spell their
name in it. The guess follows how Russian usually renders European names ("Schmidt" → "Шмидт",
"Jonas" → "Йонас" is a known miss: "J" is read as in English, "Джонас"); the writer corrects it.
"""

import unicodedata

# Longest first: "shch" before "sh" before "s".
_PAIRS = [
    ("shch", "щ"),
    ("chr", "кр"),
    ("sch", "ш"),
    ("tsch", "ч"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("sz", "ш"),
    ("cz", "ч"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("tz", "ц"),
    ("ph", "ф"),
    ("th", "т"),
    ("ck", "к"),
    ("qu", "кв"),
    ("ya", "я"),
    ("yu", "ю"),
    ("ye", "е"),
    ("yo", "ё"),
    ("ja", "я"),
    ("ju", "ю"),
    ("ee", "и"),
    ("oo", "у"),
    ("ou", "у"),
    ("ei", "ай"),
    ("ai", "ай"),
    ("au", "ау"),
    ("ie", "и"),
    ("ae", "э"),
    ("oe", "ё"),
    ("ue", "ю"),
    ("ll", "лл"),
    ("w", "в"),
    ("x", "кс"),
    ("q", "к"),
    ("j", "дж"),
    ("a", "а"),
    ("b", "б"),
    ("c", "к"),
    ("d", "д"),
    ("e", "е"),
    ("f", "ф"),
    ("g", "г"),
    ("h", "х"),
    ("i", "и"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("v", "в"),
    ("y", "и"),
    ("z", "з"),
]
_SPECIAL = {
    "ä": "э",
    "ö": "ё",
    "ü": "ю",
    "ß": "сс",
    "ł": "л",
    "ø": "ё",
    "å": "о",
    "æ": "э",
    "đ": "дж",
    "ð": "д",
    "þ": "т",
    "ı": "ы",
    "œ": "ё",
}
_VOWELS = set("aeiouy")


def cyrillic_guess(name: str) -> str:
    """ "John Smith" → "Джон Смит"; Cyrillic input is returned as it is."""
    return " ".join(_word(word) for word in name.split())


def _word(word: str) -> str:
    if any("\u0400" <= char <= "\u04ff" for char in word):
        return word  # written in Cyrillic already: as the writer wrote it
    out: list[str] = []
    lower = "".join(_SPECIAL.get(char, char) for char in word.lower())
    lower = "".join(
        char for char in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(char)
    )
    i = 0
    while i < len(lower):
        # "c" before e/i sounds "s" (Cecilia); "y" or "j" after a vowel is "й" (Maya, Wójcik);
        # "h" after a consonant or before one is silent (John, Sarah); a final "ia" is "ия" (Maria).
        if (
            lower[i] == "h"
            and i
            and (lower[i - 1] not in _VOWELS or lower[i + 1 : i + 2] not in _VOWELS)
        ):
            i += 1
            continue
        if lower.endswith("ia") and i == len(lower) - 2:
            out.append("ия")
            i += 2
            continue
        if lower[i] == "c" and lower[i + 1 : i + 2] in ("e", "i"):
            out.append("с")
            i += 1
            continue
        if lower[i] in "yj" and i and lower[i - 1] in _VOWELS:
            out.append("й")
            i += 1
            continue
        for latin, cyrillic in _PAIRS:
            if lower.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            # A letter with no Cyrillic reading is left out: the check would flag it.
            if not lower[i].isalpha() or "\u0400" <= lower[i] <= "\u04ff":
                out.append(lower[i])
            i += 1
    return "-".join(part[:1].upper() + part[1:] for part in "".join(out).split("-"))
