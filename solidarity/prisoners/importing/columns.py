"""Header spellings of the defenders' export in English, Russian and Belarusian.

Headers are compared after folding: lowercase, "ё" read as "е", underscores and runs of spaces
read as one space. docs/import.md lists the same spellings for the people who prepare files.
"""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from solidarity.common.tables import ImportRefused, fold_header, map_headers

LANGUAGES = ("en", "ru", "be")

# field -> language -> accepted header spellings (folded). Language-neutral spellings ("id",
# "url") are listed under every language.
HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "id": {"en": ("id",), "ru": ("id", "ид"), "be": ("id", "ід")},
    "url": {"en": ("url", "link"), "ru": ("url", "ссылка"), "be": ("url", "спасылка")},
    "name": {
        "en": ("name and surname",),
        "ru": ("имя и фамилия", "фамилия и имя", "фио"),
        "be": ("імя і прозвішча", "прозвішча і імя"),
    },
    "status": {"en": ("status",), "ru": ("статус",), "be": ("статус",)},
    "birthday": {
        "en": ("birthday", "birth date", "date of birth"),
        "ru": ("дата рождения", "день рождения"),
        "be": ("дата нараджэння", "дзень нараджэння"),
    },
    "gender": {"en": ("gender", "sex"), "ru": ("пол",), "be": ("пол",)},
    "arrested": {
        "en": ("arrested", "arrest date", "detained", "date of detention", "date of arrest"),
        "ru": ("задержан", "дата задержания", "арестован", "дата ареста"),
        "be": ("затрыманы", "дата затрымання", "арыштаваны", "дата арышту"),
    },
    "articles": {
        "en": ("articles", "article", "charges indicted", "charges"),
        "ru": ("статьи", "статья", "предъявлены обвинения", "обвинения", "обвинение"),
        "be": ("артыкулы", "артыкул", "прад'яўлены абвінавачванні", "абвінавачванні"),
    },
    "verdict_date": {
        "en": ("verdict date", "date of verdict"),
        "ru": ("дата приговора",),
        "be": ("дата прысуду",),
    },
    "decision": {
        "en": ("decision", "sentence", "verdict"),
        "ru": ("решение", "приговор", "решение суда"),
        "be": ("рашэнне", "прысуд", "рашэнне суда"),
    },
    "penalty": {
        "en": ("penalty", "type of penalty", "kind of penalty"),
        "ru": ("наказание", "вид наказания"),
        "be": ("пакаранне", "від пакарання"),
    },
    "judge": {"en": ("judge",), "ru": ("судья",), "be": ("суддзя",)},
    "prosecutor": {"en": ("prosecutor",), "ru": ("прокурор",), "be": ("пракурор",)},
    "prison": {
        "en": ("prison", "place of detention", "place of imprisonment"),
        "ru": ("тюрьма", "место заключения", "место содержания"),
        "be": ("турма", "месца зняволення", "месца ўтрымання"),
    },
    "declaration": {
        "en": ("declaration", "recognition statement"),
        "ru": ("заявление", "заявление о признании"),
        "be": ("заява", "заява аб прызнанні"),
    },
    "release_date": {
        "en": ("release date", "released"),
        "ru": ("дата освобождения", "освобожден"),
        "be": ("дата вызвалення", "вызвалены"),
    },
    "died": {
        "en": ("died", "date of death"),
        "ru": ("умер", "дата смерти"),
        "be": ("памёр", "памер", "дата смерці"),
    },
    # Not in the published export: the defenders' own working copy marks the records whose
    # families refused publicity. Optional.
    "publicity": {
        "en": ("publicity", "publish", "withheld"),
        "ru": ("публичность", "публикация", "публиковать"),
        "be": ("публічнасць", "публікацыя", "публікаваць"),
    },
}

NO_NAME_COLUMN_ERROR = _(
    "No name column found. Expected one of: “name and surname”, “имя и фамилия”, “імя і прозвішча”."
)
UNKNOWN_LANGUAGE_ERROR = _("Unknown language “%(language)s”: choose en, ru or be.")


# The machine export names its columns with the same keys in every language: its language is
# read from the names themselves.
NEUTRAL_NAME_HEADERS = ("name",)

_SPELLINGS = {
    fold_header(spelling): (field, language)
    for field, by_language in HEADERS.items()
    for language, spellings in by_language.items()
    for spelling in spellings
} | dict.fromkeys(NEUTRAL_NAME_HEADERS, ("name", ""))


def map_columns(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """Field -> column index, and the headers that mean nothing to the import (ignored)."""
    columns, ignored = map_headers(headers, field_of=_field_of)
    if "name" not in columns:
        raise ImportRefused(NO_NAME_COLUMN_ERROR)
    return columns, ignored


def _field_of(header: str) -> str | None:
    match = _SPELLINGS.get(fold_header(header))
    return match[0] if match else None


def detect_language(
    headers: list[str], *, requested: str | None = None, names: Iterable[str] = ()
) -> str:
    """The language of the export: as requested, else the language of its name column's
    header, else (the machine export's `name`) the language its names are written in."""
    if requested:
        if requested not in LANGUAGES:
            raise ImportRefused(UNKNOWN_LANGUAGE_ERROR % {"language": requested})
        return requested
    for header in headers:
        match = _SPELLINGS.get(fold_header(header))
        if match and match[0] == "name":
            return match[1] or language_of_names(names)
    raise ImportRefused(NO_NAME_COLUMN_ERROR)


# Letters only one of the two Cyrillic orthographies uses.
_BELARUSIAN = frozenset("іўІЎ")
_RUSSIAN = frozenset("ищъИЩЪ")


def language_of_names(names: Iterable[str]) -> str:
    """en for Latin names, be or ru for Cyrillic ones by the letters only one of them uses."""
    latin = cyrillic = belarusian = russian = 0
    for name in names:
        for char in name:
            if char.isalpha():
                latin += char.isascii() or "\u00c0" <= char <= "\u024f"
                cyrillic += "\u0400" <= char <= "\u04ff"
                belarusian += char in _BELARUSIAN
                russian += char in _RUSSIAN
    if latin >= cyrillic:
        return "en"
    return "be" if belarusian > russian else "ru"
