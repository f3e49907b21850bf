"""Cell parsers: each turns one cell of the export into model values or raises CellError."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarity.prisoners.choices import (
    DatePrecision,
    FacilityKind,
    Gender,
    PenaltyType,
    Publicity,
)

BAD_DATE_ERROR = _(
    "“%(value)s” is not a date (expected 1982, 04.1982, 24.04.1982, 1982-04-24 or 24 April 1982)."
)
FUTURE_DATE_ERROR = _("“%(value)s” is in the future.")
UNKNOWN_STATUS_WARNING = _(
    "Unknown status “%(value)s” (expected active, former or np): the status is left as it is."
)
BAD_GENDER_ERROR = _("Unknown gender “%(value)s”.")
BAD_PUBLICITY_ERROR = _("Unknown publicity “%(value)s”: write none (withheld), basic or full.")
BAD_URL_ERROR = _("“%(value)s” is not a valid link.")


class CellError(ValueError):
    """A cell that cannot be read; the message is shown next to the row."""


@dataclass(frozen=True)
class PartialDate:
    value: datetime.date
    precision: str


_DATE_FORMATS = (
    (re.compile(r"^(\d{4})$"), ("y",), DatePrecision.YEAR),
    (re.compile(r"^(\d{1,2})[./](\d{4})$"), ("m", "y"), DatePrecision.MONTH),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), ("y", "m"), DatePrecision.MONTH),
    (re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$"), ("d", "m", "y"), DatePrecision.DAY),
    (
        re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$"),
        ("y", "m", "d"),
        DatePrecision.DAY,
    ),
)

# Month names as the three versions of the list write them out: English, then Russian and
# Belarusian in the genitive ("24 апреля 1982") and the nominative ("апрель 1982").
_MONTH_NAMES = {
    word: number
    for number, words in enumerate(
        (
            ("january", "jan", "января", "январь", "студзеня", "студзень"),
            ("february", "feb", "февраля", "февраль", "лютага", "люты"),
            ("march", "mar", "марта", "март", "сакавіка", "сакавік"),
            ("april", "apr", "апреля", "апрель", "красавіка", "красавік"),
            ("may", "мая", "май", "траўня", "травеня", "травень"),
            ("june", "jun", "июня", "июнь", "чэрвеня", "чэрвень"),
            ("july", "jul", "июля", "июль", "ліпеня", "ліпень"),
            ("august", "aug", "августа", "август", "жніўня", "жнівень"),
            ("september", "sep", "sept", "сентября", "сентябрь", "верасня", "верасень"),
            ("october", "oct", "октября", "октябрь", "кастрычніка", "кастрычнік"),
            ("november", "nov", "ноября", "ноябрь", "лістапада", "лістапад"),
            ("december", "dec", "декабря", "декабрь", "снежня", "снежань"),
        ),
        start=1,
    )
    for word in words
}
_WORD = r"([^\W\d_]+)\.?"
_WRITTEN_FORMATS = (
    (re.compile(rf"^(\d{{1,2}})\s+{_WORD},?\s+(\d{{4}})$"), ("d", "month", "y")),  # 24 April 1982
    (re.compile(rf"^{_WORD}\s+(\d{{1,2}}),?\s+(\d{{4}})$"), ("month", "d", "y")),  # April 24, 1982
    (re.compile(rf"^{_WORD},?\s+(\d{{4}})$"), ("month", "y")),  # April 1982
)
_YEAR_SUFFIX = re.compile(r"\s*(?:г|гг|года|год)\.?\s*$")


def parse_partial_date(text: str, *, today: datetime.date | None = None) -> PartialDate | None:
    """A date as the list writes it, with its precision; partial dates fall on the 1st.

    Numeric: 1982, 04.1982, 1982-04, 24.04.1982, 24/04/1982, 1982-04-24. Written out in each
    language: 24 April 1982, April 24, 1982, April 1982, 24 апреля 1982 г., 24 красавіка 1982 г.
    A date after `today` (by default the current date) is refused; an import passes the day it
    started, once, rather than asking the time zone for it for every cell.
    """
    text = _YEAR_SUFFIX.sub("", text.strip())
    if not text:
        return None
    values = _numeric_date(text) or _written_date(text)
    if values is None:
        raise CellError(BAD_DATE_ERROR % {"value": text})
    parts, precision = values
    try:
        value = datetime.date(parts["y"], parts.get("m", 1), parts.get("d", 1))
    except ValueError:
        raise CellError(BAD_DATE_ERROR % {"value": text}) from None
    if value > (today or timezone.localdate()):
        raise CellError(FUTURE_DATE_ERROR % {"value": text})
    return PartialDate(value=value, precision=precision)


def _numeric_date(text: str) -> tuple[dict[str, int], str] | None:
    for pattern, parts, precision in _DATE_FORMATS:
        match = pattern.match(text)
        if match:
            return dict(zip(parts, map(int, match.groups()), strict=True)), precision
    return None


def _written_date(text: str) -> tuple[dict[str, int], str] | None:
    for pattern, parts in _WRITTEN_FORMATS:
        match = pattern.match(text)
        if not match:
            continue
        cells = dict(zip(parts, match.groups(), strict=True))
        month = _MONTH_NAMES.get(cells.pop("month").lower())
        if month is None:
            return None
        values = {"m": month, **{key: int(value) for key, value in cells.items()}}
        return values, DatePrecision.DAY if "d" in values else DatePrecision.MONTH
    return None


def parse_date(text: str, *, today: datetime.date | None = None) -> datetime.date | None:
    partial = parse_partial_date(text, today=today)
    return partial.value if partial else None


STATUS_WORDS = {
    "active": (
        "active", "current", "political prisoner", "действующий", "текущий", "политзаключенный",
        "дзейны", "палітвязень",
    ),
    "former": (
        "former", "released", "former political prisoner", "бывший", "освобожден",
        "освобождена", "бывший политзаключенный", "былы", "вызвалены", "вызвалена",
        "былы палітвязень",
    ),
    "np": ("np", "нпп", "нп", "не пп", "no longer", "not recognised", "not recognized"),
}  # fmt: skip
# The first code listing a word wins, as a loop over STATUS_WORDS in order would find it.
_STATUS_OF_WORD = {word: code for code, words in reversed(STATUS_WORDS.items()) for word in words}


def parse_status(text: str) -> str:
    """One of active, former, np (the export's codes, or their ru/be words); "" if unknown.

    An unknown word is odd but real (the list adds codes): the row imports with a warning and
    the record's status stays as it is.
    """
    folded = text.strip().lower().replace("ё", "е").rstrip(".")
    return _STATUS_OF_WORD.get(folded, "")


_GENDERS = {
    Gender.MALE: (
        "m",
        "male",
        "man",
        "м",
        "муж",
        "мужской",
        "мужчина",
        "мужч",
        "мужчына",
        "мужчынскі",
    ),
    Gender.FEMALE: (
        "f",
        "female",
        "woman",
        "ж",
        "жен",
        "женский",
        "женщина",
        "жан",
        "жаночы",
        "жанчына",
    ),
}


_PUBLICITY_WORDS = {
    Publicity.NONE: (
        "none", "no", "withheld", "hidden", "private", "never",
        "нет", "не", "скрыт", "скрыто", "скрыта", "не публиковать", "без публикации",
        "схавана", "схаваны", "не публікаваць", "без публікацыі",
    ),
    Publicity.BASIC: ("basic", "yes", "да", "базовая", "основная", "так", "базавая"),
    Publicity.FULL: ("full", "полная", "поўная"),
}  # fmt: skip
_PUBLICITY_OF_WORD = {
    word: publicity for publicity, words in reversed(_PUBLICITY_WORDS.items()) for word in words
}
_GENDER_OF_WORD = {word: gender for gender, words in reversed(_GENDERS.items()) for word in words}


def parse_publicity(text: str) -> str:
    """A record's publicity; "withheld" and its ru/be words mean None (never published)."""
    folded = text.strip().lower().replace("ё", "е").rstrip(".")
    publicity = _PUBLICITY_OF_WORD.get(folded)
    if publicity is not None:
        return publicity
    raise CellError(BAD_PUBLICITY_ERROR % {"value": text})


def parse_gender(text: str) -> str:
    folded = text.strip().lower().rstrip(".")
    if not folded:
        return ""
    gender = _GENDER_OF_WORD.get(folded)
    if gender is not None:
        return gender
    raise CellError(BAD_GENDER_ERROR % {"value": text})


_URL_VALIDATOR = URLValidator()  # the check of models.URLField, whose values these become


def parse_url(text: str) -> str:
    text = text.strip()
    if text:
        try:
            _URL_VALIDATOR(text)
        except ValidationError as error:
            raise CellError(BAD_URL_ERROR % {"value": text}) from error
    return text


# One or two digits: "2021 г." in "приговор от 18.03.2021 г." is a year, not a length.
_YEARS = re.compile(
    r"(?<![\d.,])(\d{1,2}(?:[.,]\d+)?)\s*(?:год|года|лет|гад|years?|yrs?|y\b|г\.)", re.I
)
_MONTHS = re.compile(r"(\d+)\s*(?:мес|месяц|месяц|months?|mo\b)", re.IGNORECASE)


def parse_sentence_months(text: str) -> int | None:
    """ "3 года", "2 years 6 months", "1,5 года" -> months; None when no length is given."""
    years = _YEARS.search(text)
    months = _MONTHS.search(text)
    if not years and not months:
        return None
    total = float(years.group(1).replace(",", ".")) * 12 if years else 0
    total += int(months.group(1)) if months else 0
    return round(total)


# Word beginnings, tried in order: restricted freedom before the colony regimes, so that
# "restricted" is never read as "strict" (whole words: "confinement" is not "fine").
_PENALTIES = (
    (("открытого", "адкрытага", "химия", "хімія", "open"), PenaltyType.OPEN_FACILITY),
    (("домашн", "хатні", "home", "house arrest"), PenaltyType.HOME_CONFINEMENT),
    (
        ("ограничение свободы", "абмежаванне волі", "restricted freedom", "restriction of"),
        PenaltyType.RESTRICTED_AT_HOME,
    ),
    (("общего", "агульнага", "general"), PenaltyType.COLONY_GENERAL),
    (("усиленного", "змоцненага", "reinforced", "enhanced"), PenaltyType.COLONY_REINFORCED),
    (("строгого", "строгага", "strict", "maximum"), PenaltyType.COLONY_STRICT),
    (("особого", "асаблівага", "special"), PenaltyType.COLONY_SPECIAL),
    (("тюрьм", "турм", "prison"), PenaltyType.PRISON),
    (("штраф", "fine"), PenaltyType.FINE),
)
# One pattern per penalty type: any of its word beginnings, not right after a letter.
_PENALTY_PATTERNS = tuple(
    (re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + ")"), penalty)
    for words, penalty in _PENALTIES
)


def parse_penalty(text: str) -> str:
    """A penalty type guessed from the beginnings of its words; "" when the cell is empty."""
    folded = text.strip().lower()
    if not folded:
        return ""
    for pattern, penalty in _PENALTY_PATTERNS:
        if pattern.search(folded):
            return penalty
    return PenaltyType.OTHER


class Place(models.TextChoices):
    """What a place-of-imprisonment cell says: a facility, or a state that is not a place."""

    FACILITY = "facility", _("a facility")
    RELEASED = "released", _("released")
    DEPORTED = "deported", _("deported")
    AWAITING_SENTENCE = "awaiting", _("at liberty before serving the sentence")
    HOME_CONFINEMENT = "home", _("home confinement")
    RESTRICTED_FREEDOM = "restricted", _("restricted freedom")
    UNKNOWN = "unknown", _("unknown")


# Folded beginnings of the place cells that name no facility, in the three versions. The
# longer phrases come first: "на свободе до начала отбывания наказания" is not "released".
_NOT_A_PLACE = (
    (Place.AWAITING_SENTENCE, (
        "at liberty before serving", "at liberty pending", "at large before serving",
        "находится на свободе до", "на свободе до начала", "знаходзіцца на волі да",
        "на волі да пачатку",
    )),
    (Place.HOME_CONFINEMENT, (
        "home confinement", "house arrest", "under house arrest", "домашний арест",
        "под домашним арестом", "хатні арышт", "пад хатнім арыштам",
    )),
    (Place.RESTRICTED_FREEDOM, (
        "restricted freedom", "restriction of freedom", "restriction of liberty",
        "ограничение свободы", "ограничение свободы без направления", "абмежаванне волі",
    )),
    (Place.DEPORTED, (
        "deported", "forcibly deported", "expelled", "депортирован", "депортирована",
        "выслан", "выслана", "выдворен", "выдворена", "дэпартаваны", "дэпартаваная",
        "высланы", "высланая",
    )),
    (Place.RELEASED, (
        "released", "freed", "освобожден", "освобождена", "вызвалены", "вызвалена",
        "вызваленая",
    )),
    (Place.UNKNOWN, ("unknown", "неизвестно", "невядома", "not known", "n/a", "-", "—")),
)  # fmt: skip

POSTCODE = re.compile(r"(?<!\d)(2\d{5})(?!\d)")


@dataclass(frozen=True)
class FacilityCell:
    """A place cell: a facility with its address, or `name == ""` and what it says instead.

    `postcode` and `number` (the facility's number, "15" of ИК-15 or "Penal colony No. 15")
    identify one facility across the three versions of the list, whose names differ.
    """

    name: str
    address: str = ""
    place: str = Place.FACILITY
    postcode: str = ""
    number: str = ""
    country: str = ""  # "deported to Lithuania": where to (ISO code), restricted (Whereabouts)

    @property
    def key(self) -> str:
        """The facility whatever the language of the cell; "" without a postcode and a number
        (two facilities may share a postcode: ИВС and ЦИП on Akrescina Street)."""
        return f"{self.postcode}/{self.number}" if self.postcode and self.number else ""


_SPACES = re.compile(r"\s+")


def _fold_place(text: str) -> str:
    return _SPACES.sub(" ", text.lower().replace("ё", "е")).strip(" .;:()")


def _beginnings(starts: tuple[str, ...]) -> re.Pattern[str]:
    """The whole cell, its first words, or (for phrases) its beginning: "освобожден 12.12.2025";
    one pattern per kind of place, matched at the start of the folded cell."""
    return re.compile(
        "|".join(re.escape(start) + ("" if " " in start else r"(?: |\Z)") for start in starts)
    )


_NOT_A_PLACE_PATTERNS = tuple((place, _beginnings(starts)) for place, starts in _NOT_A_PLACE)
_LINES = re.compile(r"[\n;]+")
_NUMBER = re.compile(r"\d+")


def parse_prison(text: str) -> FacilityCell | None:
    """None for an empty cell; a FacilityCell with no name for "released", "unknown"..."""
    lines = [line for line in (part.strip() for part in _LINES.split(text)) if line]
    if not lines:
        return None
    folded = _fold_place(" ".join(lines))
    for place, beginning in _NOT_A_PLACE_PATTERNS:
        if beginning.match(folded):
            country = deported_to(folded) if place == Place.DEPORTED else ""
            return FacilityCell(name="", place=place, country=country)
    name, address = lines[0][:255], "\n".join(lines[1:])
    postcode = POSTCODE.search(address) or POSTCODE.search(name)
    number = _NUMBER.search(name)
    return FacilityCell(
        name=name,
        address=address,
        postcode=postcode.group(1) if postcode else "",
        number=number.group(0) if number else "",
    )


# Where the lists say people were deported to, by the beginnings of the country's name in the
# forms the three versions write after "to" / "в" / "ў": "deported to Lithuania", "депортирован
# в Литву", "дэпартаваны ў Літву", "выслан в Украину, затем в Польшу" (the first one counts: the
# person was handed over there). The deportations of 2025-2026 went to these countries.
_DESTINATIONS = (
    ("LT", ("lithuan", "литв", "літв", "литовск", "літоўск")),
    ("PL", ("poland", "polish", "польш", "польск", "польск")),
    ("UA", ("ukrain", "украин", "украі", "україн")),
    ("LV", ("latvi", "латви", "латві")),
    ("EE", ("estoni", "эстони", "эстоні")),
    ("DE", ("german", "герман", "германі", "нямеччын")),
    ("CZ", ("czech", "чехи", "чехі", "чэхі", "чешск")),
    ("GE", ("georgia", "грузи", "грузі")),
    ("RU", ("russia", "росси", "расі")),
    ("FR", ("france", "франци", "францы")),
    ("US", ("united states", "usa", "сша", "зша")),
)
_TO = re.compile(r"(?:\bto\b|(?<![^\s,(])(?:в|во|у|ў|на)(?=\s))\s*(?:the\s+)?(.+)")


def deported_to(folded: str) -> str:
    """The ISO code of the country a "deported" place cell names, or "" when it names none
    (or one this list does not know: the dry run then says so, and a defender records it)."""
    found = _TO.search(folded)
    if not found:
        return ""
    rest = found.group(1)
    first = min(
        (
            (position, code)
            for code, stems in _DESTINATIONS
            for stem in stems
            if (position := _word_start(rest, stem)) >= 0
        ),
        default=(-1, ""),
    )
    return first[1]


def _word_start(text: str, stem: str) -> int:
    """Where a word beginning with `stem` starts in `text`, or -1."""
    match = re.search(r"(?<!\w)" + re.escape(stem), text)
    return match.start() if match else -1


_KINDS = (
    (("сизо", "сіза", "sizo", "pre-trial"), FacilityKind.PRE_TRIAL),
    (("иуот", "открытого", "адкрытага", "open"), FacilityKind.OPEN_FACILITY),
    (("ик-", "ик ", "ік-", "ік ", "колония", "калонія", "colony"), FacilityKind.COLONY),
    (("тюрьма", "турма", "prison"), FacilityKind.PRISON),
    (("ивс", "цип", "іцт", "ізалятар часовага", "temporary"), FacilityKind.TEMPORARY),
)


def guess_facility_kind(name: str) -> str:
    folded = f" {name.lower()} "
    for words, kind in _KINDS:
        if any(word in folded for word in words):
            return kind
    return FacilityKind.OTHER
