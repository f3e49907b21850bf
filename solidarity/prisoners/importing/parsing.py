"""Cell parsers: each turns one cell of the export into model values or raises CellError."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarity.prisoners.choices import (
    DatePrecision,
    FacilityKind,
    Gender,
    PenaltyType,
    Publicity,
)

BAD_DATE_ERROR = _("“%(value)s” is not a date (expected 1982, 04.1982, 24.04.1982 or 1982-04-24).")
FUTURE_DATE_ERROR = _("“%(value)s” is in the future.")
BAD_STATUS_ERROR = _("Unknown status “%(value)s” (expected active, former or np).")
BAD_GENDER_ERROR = _("Unknown gender “%(value)s”.")
BAD_PUBLICITY_ERROR = _("Unknown publicity “%(value)s”: write none (withheld), basic or full.")
BAD_ARTICLES_ERROR = _("Could not read the articles “%(value)s” (e.g. ч.1 ст.342, 361-1).")
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
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d"), DatePrecision.DAY),
)


def parse_partial_date(text: str) -> PartialDate | None:
    """1982, 04.1982 or 1982-04, 24.04.1982 or 1982-04-24; partial dates fall on the 1st."""
    text = re.sub(r"\s*(?:г|гг|г\.)\s*$", "", text.strip())
    if not text:
        return None
    for pattern, parts, precision in _DATE_FORMATS:
        match = pattern.match(text)
        if match:
            values = dict(zip(parts, map(int, match.groups()), strict=True))
            try:
                value = datetime.date(values["y"], values.get("m", 1), values.get("d", 1))
            except ValueError:
                break
            if value > timezone.localdate():
                raise CellError(FUTURE_DATE_ERROR % {"value": text})
            return PartialDate(value=value, precision=precision)
    raise CellError(BAD_DATE_ERROR % {"value": text})


def parse_date(text: str) -> datetime.date | None:
    partial = parse_partial_date(text)
    return partial.value if partial else None


STATUS_WORDS = {
    "active": ("active", "действующий", "текущий", "дзейны", "current"),
    "former": ("former", "бывший", "былы", "released", "освобожден", "вызвалены"),
    "np": ("np", "нпп", "нп", "не пп", "no longer"),
}


def parse_status(text: str) -> str:
    """One of active, former, np (the export's codes, or their ru/be words)."""
    folded = text.strip().lower().replace("ё", "е")
    for code, words in STATUS_WORDS.items():
        if folded in words:
            return code
    raise CellError(BAD_STATUS_ERROR % {"value": text})


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


def parse_publicity(text: str) -> str:
    """A record's publicity; "withheld" and its ru/be words mean None (never published)."""
    folded = text.strip().lower().replace("ё", "е").rstrip(".")
    for publicity, words in _PUBLICITY_WORDS.items():
        if folded in words:
            return publicity
    raise CellError(BAD_PUBLICITY_ERROR % {"value": text})


def parse_gender(text: str) -> str:
    folded = text.strip().lower().rstrip(".")
    if not folded:
        return ""
    for gender, words in _GENDERS.items():
        if folded in words:
            return gender
    raise CellError(BAD_GENDER_ERROR % {"value": text})


def parse_url(text: str) -> str:
    text = text.strip()
    if text:
        try:
            URLValidator()(text)
        except ValidationError as error:
            raise CellError(BAD_URL_ERROR % {"value": text}) from error
    return text


_ARTICLE = re.compile(
    r"(?:ст(?:атья|\.)?|арт(?:ыкул|\.)?|art(?:icle|\.)?)?\s*(\d{2,3}(?:-\d{1,2})?)(?!\d)",
    re.IGNORECASE,
)
_PART = re.compile(r"(?:ч(?:асть|астка|\.)?|part|p\.)\s*(\d{1,2})(?!\d)", re.IGNORECASE)
_CODE_WORDS = re.compile(r"\b(?:(?:ук|кк)(?:\s*рб)?|cc)\b\.?", re.IGNORECASE)


def parse_articles(text: str) -> list[tuple[str, str]]:
    """ "ч.1 ст.342, ч.3 ст.130 УК", "342 ч.1", "ст. 361-1" -> [(article, part), ...]."""
    charges: list[tuple[str, str]] = []
    for segment in re.split(r"[,;\n]+", _CODE_WORDS.sub(" ", text)):
        if not segment.strip():
            continue
        part_match = _PART.search(segment)
        rest = _PART.sub(" ", segment)
        article_match = _ARTICLE.search(rest)
        leftover = _ARTICLE.sub(" ", rest, count=1).strip(" .")
        if article_match is None or re.search(r"\w", leftover):
            raise CellError(BAD_ARTICLES_ERROR % {"value": text.strip()})
        charge = (article_match.group(1), part_match.group(1) if part_match else "")
        if charge not in charges:
            charges.append(charge)
    return charges


_YEARS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:год|года|лет|гад|years?|yrs?|y\b|г\.)", re.I)
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


_PENALTIES = (
    (("общего", "агульнага", "general"), PenaltyType.COLONY_GENERAL),
    (("усиленного", "змоцненага", "reinforced", "enhanced"), PenaltyType.COLONY_REINFORCED),
    (("строгого", "строгага", "strict"), PenaltyType.COLONY_STRICT),
    (("особого", "асаблівага", "special"), PenaltyType.COLONY_SPECIAL),
    (("тюрьм", "турм", "prison"), PenaltyType.PRISON),
    (("открытого", "адкрытага", "химия", "хімія", "open"), PenaltyType.OPEN_FACILITY),
    (("домашн", "хатні", "home"), PenaltyType.HOME_CONFINEMENT),
    (("ограничение свободы", "абмежаванне волі", "restricted freedom"), PenaltyType.OTHER),
    (("штраф", "fine"), PenaltyType.FINE),
)


def parse_penalty(text: str) -> str:
    """A penalty type guessed from its words; "" when the cell is empty."""
    folded = text.strip().lower()
    if not folded:
        return ""
    for words, penalty in _PENALTIES:
        if any(word in folded for word in words):
            return penalty
    return PenaltyType.OTHER


NO_FACILITY_WORDS = (
    "released", "unknown", "освобожден", "освобождена", "неизвестно", "вызвалены",
    "вызвалена", "невядома", "-", "—",
)  # fmt: skip


@dataclass(frozen=True)
class FacilityCell:
    """A prison cell: facility name and postal address, or `name == ""` for no facility."""

    name: str
    address: str = ""


def parse_prison(text: str) -> FacilityCell | None:
    """None for an empty cell; a FacilityCell with no name for "released", "unknown"..."""
    lines = [line.strip() for line in re.split(r"[\n;]+", text) if line.strip()]
    if not lines:
        return None
    if lines[0].lower().replace("ё", "е").rstrip(".") in NO_FACILITY_WORDS:
        return FacilityCell(name="")
    return FacilityCell(name=lines[0][:255], address="\n".join(lines[1:]))


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
