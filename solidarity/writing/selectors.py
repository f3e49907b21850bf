"""Reads for the composer and the toolkit: phrases, the censor list, facts, delivery odds.

Each returns plain values in a fixed number of queries; none reads a restricted field
(`PrisonerConfidential`, `Whereabouts`, the godparent's private data): the toolkit's facts are
the record's list facts only, and the canary test in tests/writing proves it.
"""

from __future__ import annotations

import datetime
import re
import string
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import formats, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from solidarity.activity.insight import (
    MIN_LETTERS_RANKED,
    LetterSummary,
    default_since,
    facility_letter_summary,
)
from solidarity.godparents.models import GodparentProfile
from solidarity.matching.models import Match, MatchStatus
from solidarity.prisoners.choices import LETTER_STATUSES
from solidarity.prisoners.models import Prisoner, term_text

from . import censor
from .models import (
    AdvocacyTemplate,
    CensorReason,
    CensorTerm,
    LetterFormat,
    Phrase,
    PhraseTopic,
    PreparedLetter,
    TemplateUse,
)
from .translit import cyrillic_guess

_LATIN_LETTER = re.compile(r"[A-Za-z]")
_PLACEHOLDER = re.compile(r"\{\w*\}")
# Below this reply rate, or above this return rate, letters "rarely arrive": suggest a postcard.
RARELY_ARRIVE_REPLY_RATE = 0.10
RARELY_ARRIVE_RETURN_RATE = 0.30


@dataclass(frozen=True)
class PhraseOption:
    """A phrase as the composer offers it: the letter's version, and what it says in the
    writer's language (with the other letter language beside it, for those who read it)."""

    key: str
    topic: str
    letter_text: str
    meaning: str
    ru: str
    be: str


def _locale_ids(codes: set[str]) -> dict[int, str]:
    return dict(Locale.objects.filter(language_code__in=codes).values_list("pk", "language_code"))


def phrase_options(*, letter_language: str, language: str) -> dict[str, list[PhraseOption]]:
    """The phrases that exist in `letter_language`, by topic in the topics' order: one query
    (plus the locales). A phrase not yet translated into the letter's language is not offered."""
    locales = _locale_ids({letter_language, language, "ru", "be"})
    versions: dict[str, dict[str, str]] = defaultdict(dict)
    topics: dict[str, tuple[str, int, int]] = {}
    rows = Phrase.objects.filter(locale_id__in=locales).values_list(
        "translation_key", "locale_id", "topic", "text", "sort_order", "pk"
    )
    for uuid, locale_id, topic, text, order, pk in rows:
        code = locales[locale_id]
        versions[str(uuid)][code] = text
        # A translation still in the source's words (wagtail-localize starts from a copy) is
        # not a Russian or Belarusian phrase yet: a letter never gets it.
        if code == letter_language and not _LATIN_LETTER.search(_PLACEHOLDER.sub("", text)):
            topics[str(uuid)] = (topic, order, pk)
    options: dict[str, list[PhraseOption]] = {topic: [] for topic in PhraseTopic.values}
    for key, (topic, _order, _pk) in sorted(topics.items(), key=lambda item: item[1][1:]):
        texts = versions[key]
        options.setdefault(topic, []).append(
            PhraseOption(
                key=key,
                topic=topic,
                letter_text=texts[letter_language],
                meaning=texts.get(language) or texts[letter_language],
                ru=texts.get("ru", ""),
                be=texts.get("be", ""),
            )
        )
    return options


def censor_rules(*, language: str) -> list[censor.Rule]:
    """Every word of the defenders' list, in all languages, with its reason in `language`
    (else in the language the reason was written in): two queries."""
    terms = list(CensorTerm.objects.values_list("text", "kind", "language", "reason_id"))
    reasons = CensorReason.objects.filter(
        translation_key__in=CensorReason.objects.filter(
            pk__in={reason_id for *_rest, reason_id in terms}
        ).values("translation_key")
    ).values_list("pk", "translation_key", "locale__language_code", "title", "explanation")
    by_key: dict[str, dict[str, str]] = defaultdict(dict)
    key_of: dict[int, str] = {}
    for pk, key, code, title, explanation in reasons:
        key_of[pk] = str(key)
        by_key[str(key)][code] = f"{title}: {explanation}"
        by_key[str(key)].setdefault(f"pk{pk}", f"{title}: {explanation}")
    rules = []
    for text, kind, term_language, reason_id in terms:
        texts = by_key[key_of[reason_id]]
        reason = texts.get(language) or texts[f"pk{reason_id}"]
        rules.append(censor.Rule(term=text, kind=kind, reason=reason, language=term_language))
    return rules


def letter_check(text: str, *, rules: list[censor.Rule]) -> list[censor.Flag]:
    """The censor-safety check of a Russian or Belarusian letter, with the built-in reasons."""
    return censor.check(
        text,
        rules,
        cyrillic=True,
        latin_reason=_(
            "Latin letters: the censor withholds foreign words. Write it in Cyrillic, or leave it "
            "out."
        ),
        mixed_reason=_(
            "Latin and Cyrillic letters in one word (often a copy from a translator): it reads "
            "as a code. Type the word again in Cyrillic."
        ),
        abbreviation_reason=_(
            "Abbreviation: the censor may read it as a code. Write the words out in full."
        ),
    )


@dataclass(frozen=True)
class DeliveryExpectation:
    """What became of the letters sent to one facility in the last year, told frankly."""

    facility: str
    summary: LetterSummary

    @property
    def enough(self) -> bool:
        return self.summary.sent >= MIN_LETTERS_RANKED

    @property
    def reply_percent(self) -> int:
        return round((self.summary.reply_rate or 0) * 100)

    @property
    def return_percent(self) -> int:
        return round((self.summary.return_rate or 0) * 100)

    @property
    def rarely_arrive(self) -> bool:
        """Letters seldom get an answer here, or often come back: a postcard has better odds."""
        summary = self.summary
        return self.enough and (
            (summary.reply_rate or 0) < RARELY_ARRIVE_REPLY_RATE
            or (summary.return_rate or 0) > RARELY_ARRIVE_RETURN_RATE
        )


def delivery_expectation(*, prisoner: Prisoner, today: datetime.date) -> DeliveryExpectation | None:
    """The figures for the person's current facility (None when there is none): one query."""
    facility = prisoner.facility
    if facility is None:
        return None
    summary = facility_letter_summary(
        facility_id=facility.pk, since=default_since(today=today), today=today
    )
    return DeliveryExpectation(facility=facility.display_name, summary=summary)


# Endings of Russian and Belarusian patronymics: "Иванович", "Ивановна", "Ільінічна", "Іванаўна".
_PATRONYMIC_ENDINGS = ("вич", "віч", "вна", "ична", "ічна", "инична", "аўна", "еўна", "оўна")


def addressee(prisoner: Prisoner, *, letter_language: str) -> str:
    """How a letter greets the person: first name and patronymic, as Russian and Belarusian
    letters do ("Иван Иванович"). The list writes "surname name patronymic"; with no
    patronymic to anchor the order, the whole name is safer than a guess."""
    full = (prisoner.name_be if letter_language == "be" else prisoner.name_ru) or (
        prisoner.cyrillic_name
    )
    words = full.split("(")[0].split()  # an alias in brackets is not part of the address
    for at, word in enumerate(words):
        if at >= 1 and word.casefold().endswith(_PATRONYMIC_ENDINGS):
            return f"{words[at - 1]} {word}"
    # "Ильич", "Кузьмич", "Ільіч": an "-ич" ending is a patronymic in third place only
    # (as a surname, first, it is common: "Бабич").
    if len(words) == 3 and words[2].casefold().endswith(("ич", "іч")):
        return f"{words[1]} {words[2]}"
    return " ".join(words)


def letter_name(prisoner: Prisoner, *, letter_language: str) -> str:
    """The name as the list writes it in the letter's language (the envelope's, for Russian)."""
    if letter_language == "be" and prisoner.name_be:
        return prisoner.name_be
    return prisoner.cyrillic_name


def compose_presets(
    *, match: Match, requested_format: str, again: PreparedLetter | None
) -> dict[str, object]:
    """What the composer starts from: an unposted print of this godparenthood to print again
    (`again`), else the person's language (Belarusian when the record says they speak it and
    not Russian), the format asked for, and the name and return address the godparent used
    last time (else a guess of their name in Cyrillic)."""
    if again is not None:
        return {
            "format": again.format,
            "language": again.language,
            "phrases": again.phrases,
            "free_text": again.free_text,
            "sender_name": again.sender_name,
            "return_address": again.return_address,
            "replaces": again.pk,
        }
    languages = match.prisoner.languages
    last = (
        PreparedLetter.objects.filter(godparent=match.godparent)
        .order_by("-created_at")
        .values("sender_name", "return_address")
        .first()
    )
    return {
        "format": requested_format
        if requested_format in LetterFormat.values
        else LetterFormat.LETTER,
        "language": "be" if "be" in languages and "ru" not in languages else "ru",
        "sender_name": last["sender_name"] if last else cyrillic_guess(match.godparent.full_name),
        "return_address": last["return_address"] if last else "",
    }


def unposted_print(*, match: Match, pk: object) -> PreparedLetter | None:
    """A print of this godparenthood that is not posted yet (else None, whatever the id)."""
    try:
        number = int(str(pk))
    except ValueError:
        return None
    return PreparedLetter.objects.filter(pk=number, match=match, letter__isnull=True).first()


def prepared_awaiting_post(*, godparent: GodparentProfile) -> QuerySet[PreparedLetter]:
    """Letters printed and not yet marked posted, newest first (the dashboard's reminder)."""
    return (
        PreparedLetter.objects.filter(
            godparent=godparent, letter__isnull=True, match__status=MatchStatus.ACTIVE
        )
        .select_related("prisoner", "prisoner__facility")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class FilledTemplate:
    """A toolkit text ready to copy: the template's words, the record's facts."""

    key: str
    title: str
    text: str
    action_kind: str
    discreet: bool


def _date(value: datetime.date | None) -> str:
    return formats.date_format(value, "j E Y") if value else ""


def toolkit_facts(
    *, prisoner: Prisoner, godparent: GodparentProfile, today: datetime.date
) -> dict[str, str]:
    """The facts a template may name, in the active language; "" where the record has none.

    Only the list's own facts: never a restricted field, never where a released person lives.
    The place of detention is named only while the person is held there.
    """
    charges = [
        _charge_label(charge.article.number, charge.part, charge.article.title)
        for charge in prisoner.charges.select_related("article").order_by("article__sort_key")
    ]
    articles = "; ".join(charges) or prisoner.charges_text.strip().replace("\n", "; ")
    detained = prisoner.detained_on if prisoner.is_detained else None
    return {
        "name": prisoner.display_name,
        "detained_on": _date(prisoner.detained_on),
        "time_detained": _time_since(detained, today) if detained else "",
        "articles": articles,
        "sentence": prisoner.sentence.text,
        "status": str(prisoner.get_status_display()),
        # Only where letters reach the person: "in transit" still points at the old place.
        "facility": prisoner.facility.display_name
        if prisoner.facility and prisoner.status in LETTER_STATUSES
        else "",
        "godparent_name": godparent.full_name,
        "parliament": godparent.parliament_label,
        "today": _date(today),
    }


def _time_since(start: datetime.date, today: datetime.date) -> str:
    """ "6 years 2 months", with the project's own plural forms (Django's Belarusian
    "timesince" says "2 месяцаў")."""
    months = (today.year - start.year) * 12 + today.month - start.month - (today.day < start.day)
    return term_text(max(months, 0)) or _("less than a month")


def _charge_label(number: str, part: str, title: str) -> str:
    label = (
        _("Article %(number)s, part %(part)s") % {"number": number, "part": part}
        if part
        else _("Article %(number)s") % {"number": number}
    )
    return f"{label} ({title})" if title else label


def template_fill(body: str, facts: dict[str, str]) -> str:
    """The template with its facts; a line naming a fact the record lacks is left out."""
    kept = []
    for line in body.splitlines():
        names = [name for _text, name, _spec, _conv in string.Formatter().parse(line) if name]
        if any(not facts.get(name) for name in names):
            continue
        kept.append(line.format_map(facts))
    text = "\n".join(kept).strip()
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text


def toolkit_templates(
    *, prisoner: Prisoner, godparent: GodparentProfile, language: str, today: datetime.date
) -> list[FilledTemplate]:
    """The templates in `language` (else in the language they were written in), filled.

    A person whose family refused publicity gets discreet templates only: nothing to publish.
    The texts speak of a detention: a person no longer held gets none (after a release abroad,
    the needs in exile are what godparents act on).
    """
    if not prisoner.is_detained:
        return []
    templates = _templates_in(language)
    if not prisoner.is_public:
        templates = [template for template in templates if template.use == TemplateUse.DISCREET]
    with translation.override(language):
        facts = toolkit_facts(prisoner=prisoner, godparent=godparent, today=today)
        filled = []
        for template in templates:
            try:
                text = template_fill(template.body, facts)
            except (ValueError, KeyError, IndexError):  # saved around the admin's check
                continue
            filled.append(
                FilledTemplate(
                    key=str(template.translation_key),
                    title=template.title,
                    text=text,
                    action_kind=template.action_kind,
                    discreet=template.use == TemplateUse.DISCREET,
                )
            )
    return filled


def _templates_in(language: str) -> list[AdvocacyTemplate]:
    """One version of each template: the one in `language` when it exists. A template any of
    whose versions is discreet is discreet in all (the safer reading of a disagreement)."""
    chosen: dict[str, AdvocacyTemplate] = {}
    discreet: set[str] = set()
    for template in AdvocacyTemplate.objects.select_related("locale").order_by("sort_order", "pk"):
        key = str(template.translation_key)
        if template.use == TemplateUse.DISCREET:
            discreet.add(key)
        if key not in chosen or template.locale.language_code == language:
            chosen[key] = template
    for key in discreet:
        chosen[key].use = TemplateUse.DISCREET
    return sorted(chosen.values(), key=lambda template: (template.sort_order, template.pk))


def toolkit_template(*, key: str, language: str) -> AdvocacyTemplate | None:
    return next(
        (template for template in _templates_in(language) if str(template.translation_key) == key),
        None,
    )
