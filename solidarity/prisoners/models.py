"""Prisoner records: the language-independent source of truth for facts (docs/architecture.md).

Restricted data (health, family contacts, internal notes) lives in PrisonerConfidential, a separate
table that no public page, search index or export reads.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.utils.text import slugify
from django.utils.translation import get_language, gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from solidarity.common.models import StagedImport, TimeStampedModel, dates_in_order

from .choices import (
    ABROAD_SITUATIONS,
    DETAINED_STATUSES,
    LANGUAGES,
    LETTER_STATUSES,
    LETTERS_HELD_BACK,
    ContactConsent,
    DatePrecision,
    FacilityKind,
    Gender,
    PenaltyType,
    Publicity,
    Region,
    Situation,
    Status,
)

LANGUAGE_FALLBACKS = {"be": ("be", "ru", "en"), "ru": ("ru", "be", "en")}
DEFAULT_FALLBACK = ("en", "ru", "be")


def in_active_language(values: dict[str, str]) -> str:
    """The value for the active language, else the nearest one that is known.

    The three versions of the defenders' list each write their own spelling of a fact (a link,
    a judge's name, a title); a page shows its language's, then Belarusian and Russian stand in
    for each other before English does, and English pages fall back to Russian.
    """
    lang = (get_language() or "en")[:2]
    order = LANGUAGE_FALLBACKS.get(lang, DEFAULT_FALLBACK)
    return next((values[code] for code in order if values.get(code)), "")


def prisoner_display_name(latin: str, russian: str, belarusian: str) -> str:
    """A prisoner's name for the active language: Latin for English, Cyrillic otherwise.

    `Prisoner.display_name`, for code that reads thousands of names as values (the Congress
    report's lists) rather than as model instances.
    """
    lang = (get_language() or "en")[:2]
    order = {
        "be": (belarusian, russian, latin),
        "ru": (russian, belarusian, latin),
    }.get(lang, (latin, belarusian, russian))
    return next((name for name in order if name), "")


def stand_in_language(values: dict[str, str]) -> str:
    """The language of `in_active_language(values)` when it is not the page's ("ru" for a
    Russian judge's name on an English page), else "": for the `lang` attribute screen readers
    pronounce the text by."""
    lang = (get_language() or "en")[:2]
    if values.get(lang):
        return ""
    order = LANGUAGE_FALLBACKS.get(lang, DEFAULT_FALLBACK)
    return next((code for code in order if values.get(code)), "")


@dataclass(frozen=True)
class LocalisedText:
    """A text to show, and its language when it is not the page's ("" when it is), for `lang`."""

    text: str
    lang: str = ""

    def __bool__(self) -> bool:
        return bool(self.text)


def sentence_from_terms(*, months: int | None, penalty_type: str) -> str:
    """The sentence in the active language from the record's fields ("4 years, colony, general
    regime"), or "" when they say too little to make one."""
    term = term_text(months or 0)
    penalty = "" if penalty_type == PenaltyType.OTHER else _label(PenaltyType, penalty_type)
    if term and penalty:
        # The penalty type follows a comma, so it loses its capital: "4 years, colony, ...".
        penalty = penalty[:1].lower() + penalty[1:]
        return gettext("%(term)s, %(penalty)s") % {"term": term, "penalty": penalty}
    return term or penalty


def term_text(months: int) -> str:
    """ "2 years 6 months", "4 years", "8 months"; "" for no term."""
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(ngettext("%(count)d year", "%(count)d years", years) % {"count": years})
    if rest:
        parts.append(ngettext("%(count)d month", "%(count)d months", rest) % {"count": rest})
    return " ".join(parts)


def _label(choices: type[models.TextChoices], value: str) -> str:
    return str(choices(value).label) if value in choices.values else ""


class CriminalArticle(models.Model):
    """An article of the Criminal Code of Belarus, e.g. 342 or 361-1."""

    number = models.CharField(
        _("article"), max_length=16, unique=True, help_text=_("E.g. 342, 361-1.")
    )
    sort_key = models.PositiveIntegerField(_("sort key"), default=0, editable=False, db_index=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    title_be = models.CharField(_("title (Belarusian)"), max_length=255, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("criminal code article")
        verbose_name_plural = _("criminal code articles")
        ordering = ["sort_key", "number"]

    def __str__(self) -> str:
        title = self.title
        return f"{self.number} — {title}" if title else self.number

    @property
    def title(self) -> str:
        """The title in the active language, else the nearest known (`in_active_language`)."""
        return in_active_language(self._titles())

    @property
    def title_lang(self) -> str:
        """The language of `title` when another language's title stands in (for `lang`)."""
        return stand_in_language(self._titles())

    def _titles(self) -> dict[str, str]:
        return {"en": self.title_en, "ru": self.title_ru, "be": self.title_be}

    @staticmethod
    def sort_key_for(number: str) -> int:
        """361-1 sorts after 361 and before 362: major * 100 + minor."""
        major, _sep, minor = number.partition("-")
        try:
            return int(major) * 100 + (int(minor) if minor else 0)
        except ValueError:
            return 0


class Facility(TimeStampedModel):
    """A place of detention, with the postal address letters must carry (in Cyrillic)."""

    name = models.CharField(
        pgettext_lazy("thing", "name (Russian)"),
        max_length=255,
        blank=True,
        help_text=_("As in the Russian version of the defenders' list."),
    )
    name_be = models.CharField(
        pgettext_lazy("thing", "name (Belarusian)"), max_length=255, blank=True
    )
    name_latin = models.CharField(
        pgettext_lazy("thing", "name (English)"),
        max_length=255,
        blank=True,
        help_text=_("As in the English version of the list, e.g. Penal colony No. 15."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FacilityKind.choices)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    postal_address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_(
            "Exactly as letters must be addressed, in Cyrillic, one line per line of the "
            "envelope. The country line (REPUBLIC OF BELARUS) is added automatically."
        ),
    )
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name", "name_be", "name_latin"]
        indexes = [models.Index(fields=["region", "kind"], name="facility_region_kind_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=~Q(name=""), name="facility_name_unique"
            ),
            models.CheckConstraint(
                condition=~(Q(name="") & Q(name_be="") & Q(name_latin="")),
                name="facility_has_a_name",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name to read in the active language, as that version of the list writes it.

        Only for reading: an envelope needs `envelope_lines`, in Cyrillic.
        """
        return in_active_language({"en": self.name_latin, "ru": self.name, "be": self.name_be})

    @property
    def display_name_lang(self) -> str:
        """The language of `display_name` when it is not the page's (a Russian name on an
        English page: "ru"), for the `lang` attribute screen readers pronounce it by."""
        return stand_in_language({"en": self.name_latin, "ru": self.name, "be": self.name_be})

    @property
    def envelope_name(self) -> str:
        """The Russian name beside a name in another script (an English page), as the envelope
        and the letter's reader know it; "" where the page already shows a Cyrillic name."""
        if (get_language() or "en")[:2] in ("be", "ru") or self.display_name == self.name:
            return ""
        return self.name

    @property
    def envelope_lines(self) -> list[str]:
        lines = [line.strip() for line in self.postal_address.splitlines() if line.strip()]
        return [*lines, "REPUBLIC OF BELARUS"]


class Background(models.Model):
    """A background or occupation tag (journalist, trade unionist, student...) used for affinity."""

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name_en = models.CharField(pgettext_lazy("thing", "name (English)"), max_length=100)
    name_be = models.CharField(
        pgettext_lazy("thing", "name (Belarusian)"), max_length=100, blank=True
    )
    name_ru = models.CharField(pgettext_lazy("thing", "name (Russian)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("background")
        verbose_name_plural = _("backgrounds")
        ordering = ["name_en"]

    def __str__(self) -> str:
        lang = (get_language() or "en")[:2]
        return getattr(self, f"name_{lang}", "") or self.name_en


# The reverse accessor `pages` comes from cms.PrisonerPage, whose Wagtail base has no types.
class Prisoner(TimeStampedModel):  # type: ignore[django-manager-missing]  # pages: untyped Wagtail
    """A political prisoner recognised by human rights defenders (public facts only)."""

    external_id = models.CharField(
        _("external id"),
        max_length=64,
        blank=True,
        help_text=_("Id in the human rights defenders' list; imports match on it."),
    )
    name_be = models.CharField(_("name (Belarusian)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_latin = models.CharField(
        _("name (Latin)"),
        max_length=200,
        blank=True,
        help_text=_("As the person or family spells it."),
    )
    search_keys = models.TextField(
        _("search keys"), blank=True, editable=False, help_text=_("Normalised spellings, computed.")
    )
    sort_name = models.CharField(_("sort name"), max_length=200, blank=True, editable=False)

    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    birth_date_precision = models.CharField(
        _("birth date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    region = models.CharField(_("home region"), max_length=20, choices=Region.choices, blank=True)
    occupation = models.CharField(_("occupation"), max_length=200, blank=True)
    backgrounds = models.ManyToManyField(
        Background, blank=True, related_name="prisoners", verbose_name=_("backgrounds")
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Language codes, e.g. be, ru, en.")
    )
    interests = models.TextField(
        _("interests"), blank=True, help_text=_("Topics for letters: books, sport, pets... Public.")
    )

    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.PRE_TRIAL
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    detained_on = models.DateField(_("detained on"), null=True, blank=True)
    verdict_date = models.DateField(_("verdict date"), null=True, blank=True)
    articles: "models.ManyToManyField[CriminalArticle, Charge]" = models.ManyToManyField(
        CriminalArticle,
        through="Charge",
        blank=True,
        related_name="prisoners",
        verbose_name=_("criminal code articles"),
    )
    sentence_text_en = models.CharField(
        _("sentence as published (English)"),
        max_length=255,
        blank=True,
        help_text=_("E.g. 3 years of colony."),
    )
    sentence_text_ru = models.CharField(
        _("sentence as published (Russian)"), max_length=255, blank=True
    )
    sentence_text_be = models.CharField(
        _("sentence as published (Belarusian)"), max_length=255, blank=True
    )
    charges_text_en = models.TextField(
        _("charges as published (English)"),
        blank=True,
        help_text=_(
            "The charges cell when it could not be read into articles; shown on the profile."
        ),
    )
    charges_text_ru = models.TextField(_("charges as published (Russian)"), blank=True)
    charges_text_be = models.TextField(_("charges as published (Belarusian)"), blank=True)
    sentence_months = models.PositiveIntegerField(
        _("sentence (months)"),
        null=True,
        blank=True,
        help_text=_("Total length, for sorting and filters."),
    )
    penalty_type = models.CharField(
        _("penalty type"), max_length=20, choices=PenaltyType.choices, blank=True
    )
    judge_en = models.CharField(_("judge (English)"), max_length=200, blank=True)
    judge_ru = models.CharField(_("judge (Russian)"), max_length=200, blank=True)
    judge_be = models.CharField(_("judge (Belarusian)"), max_length=200, blank=True)
    prosecutor_en = models.CharField(_("prosecutor (English)"), max_length=200, blank=True)
    prosecutor_ru = models.CharField(_("prosecutor (Russian)"), max_length=200, blank=True)
    prosecutor_be = models.CharField(_("prosecutor (Belarusian)"), max_length=200, blank=True)
    expected_release_on = models.DateField(_("expected release"), null=True, blank=True)
    released_on = models.DateField(_("released on"), null=True, blank=True)
    died_on = models.DateField(_("died on"), null=True, blank=True)
    facility = models.ForeignKey(
        Facility,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prisoners",
        verbose_name=_("current facility"),
    )

    recognition_statement_url_en = models.URLField(_("recognition statement (English)"), blank=True)
    recognition_statement_url_ru = models.URLField(_("recognition statement (Russian)"), blank=True)
    recognition_statement_url_be = models.URLField(
        _("recognition statement (Belarusian)"), blank=True
    )
    source_url_en = models.URLField(_("source (English)"), blank=True)
    source_url_ru = models.URLField(_("source (Russian)"), blank=True)
    source_url_be = models.URLField(_("source (Belarusian)"), blank=True)
    last_verified_on = models.DateField(_("last verified on"), null=True, blank=True)
    publicity = models.CharField(
        _("publicity"),
        max_length=5,
        choices=Publicity.choices,
        default=Publicity.NONE,
        help_text=_("What the family agreed may be published. When in doubt, choose None."),
    )

    class Meta:
        verbose_name = _("prisoner")
        verbose_name_plural = _("prisoners")
        ordering = ["sort_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="prisoner_external_id_unique",
            ),
            models.CheckConstraint(
                condition=~(Q(name_be="") & Q(name_ru="") & Q(name_latin="")),
                name="prisoner_has_a_name",
            ),
            dates_in_order(
                later="released_on", earlier="detained_on", name="prisoner_release_after_detention"
            ),
            dates_in_order(
                later="expected_release_on",
                earlier="detained_on",
                name="prisoner_expected_release_after_detention",
            ),
            dates_in_order(
                later="status_changed_on",
                earlier="detained_on",
                name="prisoner_status_change_after_detention",
            ),
            models.CheckConstraint(
                condition=Q(birth_date__isnull=True)
                | Q(detained_on__isnull=True)
                | Q(birth_date__lt=F("detained_on")),
                name="prisoner_born_before_detention",
            ),
        ]
        indexes = [
            models.Index(fields=["publicity", "status"], name="prisoner_publicity_status_idx"),
            models.Index(fields=["region"], name="prisoner_region_idx"),
            models.Index(fields=["detained_on"], name="prisoner_detained_on_idx"),
            models.Index(fields=["sentence_months"], name="prisoner_sentence_idx"),
            models.Index(fields=["sort_name"], name="prisoner_sort_name_idx"),
            # The search's exact id, whatever its case (search.py): not a read of every record.
            models.Index(Upper("external_id"), name="prisoner_external_id_upper_idx"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The spelling for the active language: Latin for English, Cyrillic otherwise."""
        return prisoner_display_name(self.name_latin, self.name_ru, self.name_be)

    def _in_language(self, name: str) -> str:
        return in_active_language(self._versions(name))

    def _versions(self, name: str) -> dict[str, str]:
        return {code: getattr(self, f"{name}_{code}") for code in LANGUAGES}

    @property
    def sentence(self) -> LocalisedText:
        """The sentence, once, in the page's language where the record allows it.

        The list's own words in the page's language come first (they say what the court said);
        else a sentence made from the term and the penalty type, which are translated; else the
        list's words in another language, marked with that language.
        """
        if self.sentence_text and not self.sentence_text_lang:
            return LocalisedText(self.sentence_text)
        composed = sentence_from_terms(months=self.sentence_months, penalty_type=self.penalty_type)
        return (
            LocalisedText(composed)
            if composed
            else LocalisedText(self.sentence_text, self.sentence_text_lang)
        )

    @property
    def sentence_text_lang(self) -> str:
        """The language of `sentence_text` when another version stands in ("" otherwise)."""
        return stand_in_language(self._versions("sentence_text"))

    @property
    def charges_text_lang(self) -> str:
        return stand_in_language(self._versions("charges_text"))

    # Facts that each version of the list writes in its own language (PER_LANGUAGE_FACTS), read
    # in the active language: `sentence_text`, `judge`... are read-only on purpose.
    @property
    def sentence_text(self) -> str:
        return self._in_language("sentence_text")

    @property
    def charges_text(self) -> str:
        return self._in_language("charges_text")

    @property
    def judge(self) -> str:
        return self._in_language("judge")

    @property
    def prosecutor(self) -> str:
        return self._in_language("prosecutor")

    @property
    def source_url(self) -> str:
        return self._in_language("source_url")

    @property
    def recognition_statement_url(self) -> str:
        return self._in_language("recognition_statement_url")

    @property
    def source_url_lang(self) -> str:
        """The language of the page `source_url` leads to, when not the page's (for `hreflang`)."""
        return stand_in_language(self._versions("source_url"))

    @property
    def recognition_statement_url_lang(self) -> str:
        return stand_in_language(self._versions("recognition_statement_url"))

    @property
    def cyrillic_name(self) -> str:
        """The name for an envelope: letters need it in Cyrillic, exactly as in the list."""
        return self.name_ru or self.name_be

    @property
    def envelope_lines(self) -> list[str]:
        """The whole envelope, as godparents copy it: the Cyrillic name, then the facility's
        address (ending with the country in Latin); empty while no address is known."""
        facility = self.facility
        if facility is None or not facility.postal_address.strip():
            return []
        return [self.cyrillic_name, *facility.envelope_lines]

    @property
    def letters_address(self) -> list[str]:
        """The envelope while the person is held (the address godparents write to), else []."""
        return self.envelope_lines if self.is_detained else []

    @property
    def letters_deliverable(self) -> bool:
        """Whether a letter posted today can reach the person: held where letters are handed
        over, at a known address. Reminders to write go only to such prisoners' godparents."""
        return self.status in LETTER_STATUSES and bool(self.envelope_lines)

    @staticmethod
    def letters_deliverable_q(prefix: str = "") -> Q:
        """`letters_deliverable` as a filter; `prefix` reaches the prisoner from another model."""
        return (
            Q(**{f"{prefix}status__in": LETTER_STATUSES})
            & ~Q(**{f"{prefix}facility__postal_address__regex": r"^\s*$"})
            & Q(**{f"{prefix}facility__isnull": False})
        )

    @property
    def letters_notice(self) -> str:
        """Why letters to the person are held back now ("" when they are not)."""
        return str(LETTERS_HELD_BACK.get(self.status, ""))

    @property
    def birth_month_known(self) -> bool:
        return self.birth_date_precision in (DatePrecision.MONTH, DatePrecision.DAY)

    @property
    def birth_day_known(self) -> bool:
        return self.birth_date_precision == DatePrecision.DAY

    @property
    def profile_slug(self) -> str:
        """The last part of the record's profile URL: stable id first, readable name after."""
        return f"{self.pk}-{slugify(self.sort_name) or 'profile'}"

    @property
    def is_detained(self) -> bool:
        return self.status in DETAINED_STATUSES

    @property
    def is_public(self) -> bool:
        return self.publicity != Publicity.NONE


class Charge(models.Model):
    """One article (and part) a prisoner is charged under or convicted of."""

    # Domain relations, not content: kept out of Wagtail's reference index (docs/architecture.md).
    wagtail_reference_index_ignore = True

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="charges")
    article = models.ForeignKey(CriminalArticle, on_delete=models.PROTECT, related_name="charges")
    part = models.CharField(_("part"), max_length=8, blank=True, help_text=_("E.g. 1 for ч.1."))

    class Meta:
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        constraints = [
            models.UniqueConstraint(fields=["prisoner", "article", "part"], name="charge_unique"),
        ]

    def __str__(self) -> str:
        return (
            f"{_('part')} {self.part}, {self.article.number}" if self.part else self.article.number
        )


class StatusChange(models.Model):
    """A dated change of a prisoner's status, with its source: the public history of a case."""

    # Domain relations, not content: kept out of Wagtail's reference index (docs/architecture.md).
    wagtail_reference_index_ignore = True

    prisoner = models.ForeignKey(Prisoner, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(
        _("previous status"), max_length=24, choices=Status.choices, blank=True
    )
    to_status = models.CharField(_("new status"), max_length=24, choices=Status.choices)
    effective_on = models.DateField(_("effective on"))
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("Link or description of the source.")
    )
    note = models.TextField(_("public note"), blank=True)
    facility = models.ForeignKey(
        Facility,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("facility after the change"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-effective_on", "-recorded_at"]
        indexes = [
            models.Index(fields=["to_status", "effective_on"], name="statuschange_status_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.prisoner}: {self.get_to_status_display()} ({self.effective_on})"


class PrisonerConfidential(TimeStampedModel):
    """Restricted information about a prisoner: defenders and organisers only, never public.

    Kept apart from Prisoner so that no page, index, serializer or export can read it by accident.
    """

    prisoner = models.OneToOneField(
        Prisoner, on_delete=models.CASCADE, related_name="confidential", verbose_name=_("prisoner")
    )
    health_at_risk = models.BooleanField(
        _("health at risk"),
        default=False,
        help_text=_("Raises matching urgency. Never shown publicly."),
    )
    health = models.TextField(_("health"), blank=True)
    family_contacts = models.TextField(_("family contacts"), blank=True)
    internal_notes = models.TextField(_("internal notes"), blank=True)

    class Meta:
        verbose_name = _("restricted information")
        verbose_name_plural = _("restricted information")

    def __str__(self) -> str:
        return str(_("Restricted information #%(pk)s") % {"pk": self.prisoner_id})


# Shared with the service's validation (prisoners/services.py), so that a form that reaches a
# database constraint first (the admin's model form) says the same thing in the user's language.
COUNTRY_NOT_ABROAD_ERROR = _("A country is recorded only for a person who is abroad.")
SAFE_ONLY_IN_BELARUS_ERROR = _(
    "Only the profile of a person released inside Belarus is frozen; nothing to confirm here."
)


class Whereabouts(TimeStampedModel):
    """Where a released person is now, and whether they agree to further contact (issue 18).

    Kept apart from Prisoner, like PrisonerConfidential: a city or a country of residence is
    never a public fact (a person released inside Belarus can be hurt by anything new published
    about them; a deported person's public profile says "forcibly deported" and the date, never
    where). Defenders and organisers only; `whereabouts_record` writes it.
    """

    # Domain relations, not content: kept out of Wagtail's reference index (docs/architecture.md).
    wagtail_reference_index_ignore = True

    prisoner = models.OneToOneField(
        Prisoner, on_delete=models.CASCADE, related_name="whereabouts", verbose_name=_("prisoner")
    )
    situation = models.CharField(
        _("situation"), max_length=12, choices=Situation.choices, default=Situation.UNKNOWN
    )
    country = CountryField(
        _("country of residence"),
        blank=True,
        help_text=_("Where a deported person was taken, or where the person lives now abroad."),
    )
    since = models.DateField(_("since"), null=True, blank=True)
    consent = models.CharField(
        _("consent to further contact"),
        max_length=12,
        choices=ContactConsent.choices,
        default=ContactConsent.NOT_ASKED,
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )
    consent_recorded_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    safe_to_publish = models.BooleanField(
        _("new public details are safe"),
        default=False,
        help_text=_(
            "For a person released inside Belarus only: a defender confirms that a new photo, "
            "story or news on the public profile puts nobody at risk."
        ),
    )
    safe_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed safe by"),
    )
    safe_confirmed_at = models.DateTimeField(_("confirmed safe at"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("whereabouts after release")
        verbose_name_plural = _("whereabouts after release")
        constraints = [
            models.CheckConstraint(
                condition=Q(situation__in=sorted(ABROAD_SITUATIONS)) | Q(country=""),
                name="whereabouts_country_only_abroad",
                violation_error_code="country_not_abroad",
                violation_error_message=COUNTRY_NOT_ABROAD_ERROR,
            ),
            models.CheckConstraint(
                condition=Q(safe_to_publish=False) | Q(situation=Situation.IN_BELARUS),
                name="whereabouts_safe_only_in_belarus",
                violation_error_code="safe_only_in_belarus",
                violation_error_message=SAFE_ONLY_IN_BELARUS_ERROR,
            ),
        ]

    def __str__(self) -> str:
        return str(_("Whereabouts #%(pk)s") % {"pk": self.prisoner_id})


class PrisonerImport(StagedImport):
    """One uploaded defenders' list: the file, its dry run and, once applied, the outcome.

    The staged steps are the project's one import kernel (`StagedImport`); this adds what the
    list needs: the language of the export, the publicity of new records, the records the file
    no longer lists, and the summary of status changes (releases, deaths...) by kind.
    """

    requested_language = models.CharField(
        _("language requested"), max_length=2, blank=True, help_text=_("Empty: from the headers.")
    )
    language = models.CharField(_("language"), max_length=2, blank=True)
    publicity = models.CharField(
        _("publicity of new records"), max_length=10, choices=Publicity.choices
    )
    missing = models.JSONField(_("records missing from the file"), default=list, blank=True)
    summary = models.JSONField(
        _("what the file changes, by kind"),
        default=list,
        blank=True,
        help_text=_("Releases, deaths, transfers... and the godparents of each person concerned."),
    )

    class Meta(StagedImport.Meta):
        verbose_name = _("import of the defenders' list")
        verbose_name_plural = _("imports of the defenders' list")
