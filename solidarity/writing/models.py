"""Letters a godparent can write without knowing Russian or Belarusian (docs/letters.md).

Content that defenders keep in the admin: vetted phrases by topic, the censor-safety list
(reasons and the words they stand for) and the advocacy templates. Phrases, reasons and
templates are translatable snippets: one translation key, one row per language (wagtail-localize
translates them like pages), so a phrase's Russian and Belarusian versions are its ru and be
translations and its explanation for the writer is the translation in the page's language.

And what a godparent produced: a `PreparedLetter`, printed but not yet posted; "I posted it"
turns it into an `activity.Letter`, the record every count reads.
"""

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from solidarity.activity.models import ActionKind, Letter
from solidarity.common.models import TimeStampedModel
from solidarity.godparents.models import GodparentProfile
from solidarity.matching.models import MatchStatus
from solidarity.prisoners.models import Facility, Prisoner

from . import censor

# Letters are written in these languages only: the censor withholds others.
LETTER_LANGUAGES = (("ru", _("Russian")), ("be", _("Belarusian")))


class PhraseTopic(models.TextChoices):
    GREETING = "greeting", _("Greeting")
    ABOUT_ME = "about_me", _("About me")
    MY_TOWN = "my_town", _("My town")
    SEASONS = "seasons", _("Seasons and holidays")
    BOOKS_FILMS = "books_films", _("Books and films")
    ANIMALS = "animals", _("Animals")
    ENCOURAGEMENT = "encouragement", _("Encouragement")
    CLOSING = "closing", _("Closing")
    BIRTHDAY = "birthday", _("Birthday wishes")


# What a phrase may leave to the system: the prisoner's name and patronymic, the sender's name.
PHRASE_PLACEHOLDERS = frozenset({"addressee", "sender"})
# The record's facts a template may name; the system inserts them (selectors.toolkit_facts).
TEMPLATE_PLACEHOLDERS = frozenset(
    {
        "name",
        "detained_on",
        "time_detained",
        "articles",
        "sentence",
        "status",
        "facility",
        "godparent_name",
        "parliament",
        "today",
    }
)


def placeholders_check(text: str, allowed: frozenset[str]) -> None:
    """A clear error for a placeholder the system cannot fill, or braces it cannot read.

    Only plain names: "{}", "{0}", "{today:%d}" or "{name!r}" would make the fill fail later
    and the text silently disappear from the composer or the toolkit.
    """
    try:
        fields = [
            (name, spec, conversion)
            for _text, name, spec, conversion in string.Formatter().parse(text)
            if name is not None
        ]
    except ValueError as error:
        raise ValidationError(
            _("Braces must come in pairs around a placeholder such as {name} (%(error)s).")
            % {"error": error}
        ) from error
    odd = [name for name, spec, conversion in fields if not name or spec or conversion]
    unknown = sorted({name for name, _spec, _conversion in fields} - allowed - {""})
    if odd or unknown:
        shown = unknown or ["{" + (odd[0] or "") + "…}"]
        raise ValidationError(
            _("Unknown placeholder %(unknown)s. Allowed: %(allowed)s.")
            % {
                "unknown": ", ".join(
                    name if name.startswith("{") else f"{{{name}}}" for name in shown
                ),
                "allowed": ", ".join(f"{{{name}}}" for name in sorted(allowed)),
            }
        )


class Phrase(TranslatableMixin, models.Model):
    """A vetted sentence for a letter; its translations are the same sentence in each language."""

    topic = models.CharField(_("topic"), max_length=20, choices=PhraseTopic.choices)
    text = models.TextField(
        _("text"),
        max_length=300,
        help_text=_(
            "Short, warm, about everyday life. {addressee} is replaced by the prisoner's first "
            "name and patronymic, {sender} by the writer's name in Cyrillic."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Every language's version of a phrase is on the same topic.
    override_translatable_fields = [SynchronizedField("topic", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("letter phrase")
        verbose_name_plural = _("letter phrases")
        ordering = ["topic", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        try:
            placeholders_check(self.text, PHRASE_PLACEHOLDERS)
        except ValidationError as error:
            raise ValidationError({"text": error.messages}) from error


class CensorReason(TranslatableMixin, models.Model):
    """Why a word is better left out, in the writer's language ("The censor withholds …")."""

    title = models.CharField(_("title"), max_length=100)
    explanation = models.TextField(_("explanation"), max_length=500)

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("reason to avoid a word")
        verbose_name_plural = _("reasons to avoid words")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class CensorTermKind(models.TextChoices):
    STEM = censor.STEM, _("Words beginning with this")
    WORD = censor.WORD, _("Exactly this word or these words")
    PATTERN = censor.PATTERN, _("Pattern (regular expression)")


class CensorTerm(TimeStampedModel):
    """One entry of the defenders' list: a word, a word's beginning or a pattern, and why."""

    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="ru"
    )
    kind = models.CharField(
        _("matches"), max_length=8, choices=CensorTermKind.choices, default=CensorTermKind.STEM
    )
    text = models.CharField(
        _("word or pattern"),
        max_length=200,
        help_text=_(
            "Case does not matter; ё is read as е. A beginning such as “свобод” finds "
            "“свободы” and “свободный”; a pattern such as “суд(а|е|ом)?” finds those forms "
            "only, not “судьба”."
        ),
    )
    reason = models.ForeignKey(
        CensorReason, on_delete=models.PROTECT, related_name="terms", verbose_name=_("reason")
    )

    class Meta:
        verbose_name = _("word to avoid")
        verbose_name_plural = _("words to avoid")
        ordering = ["language", Lower("text")]
        constraints = [
            models.UniqueConstraint(
                "language", "kind", Lower("text"), name="censor_term_unique_per_language"
            )
        ]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        text = self.text.strip()
        if self.kind == CensorTermKind.PATTERN:
            error = censor.pattern_error(text)
            if error:
                raise ValidationError(
                    {"text": _("This pattern cannot be used: %(error)s.") % {"error": error}}
                )
        elif not text or not all(char.isalpha() or char in " '’ʼ-" for char in text):
            raise ValidationError(
                {"text": _("Letters only (and spaces between words); use a pattern for more.")}
            )
        self.text = text


class TemplateUse(models.TextChoices):
    PUBLIC = "public", _("Public: may be published")
    DISCREET = "discreet", _("Discreet: sent privately, never published")


class AdvocacyTemplate(TranslatableMixin, models.Model):
    """A case text (embassy letter, parliamentary question, speech, post) with the record's facts
    left as placeholders that the system fills; the godparent never types a fact."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders: {name}, {detained_on}, {time_detained}, {articles}, {sentence}, "
            "{status}, {facility}, {godparent_name}, {parliament}, {today}. A line whose fact "
            "is not known for a person is left out."
        ),
    )
    action_kind = models.CharField(
        _("logged as"), max_length=24, choices=ActionKind.choices, default=ActionKind.OTHER
    )
    use = models.CharField(
        _("use"),
        max_length=8,
        choices=TemplateUse.choices,
        default=TemplateUse.PUBLIC,
        help_text=_(
            "Only discreet templates are offered for a person whose family refused publicity."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Whether a text may be published is one decision for all its languages.
    override_translatable_fields = [
        SynchronizedField("use", overridable=False),
        SynchronizedField("action_kind", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("advocacy template")
        verbose_name_plural = _("advocacy templates")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        try:
            placeholders_check(self.body, TEMPLATE_PLACEHOLDERS)
        except ValidationError as error:
            raise ValidationError({"body": error.messages}) from error

    @property
    def is_discreet(self) -> bool:
        return self.use == TemplateUse.DISCREET


def letter_signature(body: str, sender_name: str) -> str:
    """The signature to print under the text: the writer's name, unless the letter's last
    paragraph (the closing) already ends with it ("С теплом, Анна")."""
    closing = body.rsplit("\n\n", 1)[-1].rstrip(" .!")
    return "" if closing.endswith(sender_name) else sender_name


def printed_text(body: str, sender_name: str) -> str:
    """What the paper says: the text, then the signature when the closing has none."""
    signature = letter_signature(body, sender_name)
    return f"{body}\n\n{signature}" if signature else body


class LetterFormat(models.TextChoices):
    LETTER = "letter", _("Letter (A4)")
    POSTCARD = "postcard", _("Postcard")
    BIRTHDAY = "birthday", _("Birthday card")


class PreparedLetter(TimeStampedModel):
    """A letter the composer produced: printed, perhaps not posted yet.

    It keeps the envelope as printed, so that a transfer between printing and posting is noticed;
    the text is the godparent's own, read by them and their staff only.
    """

    wagtail_reference_index_ignore = True

    godparent = models.ForeignKey(
        GodparentProfile,
        on_delete=models.CASCADE,
        related_name="prepared_letters",
        verbose_name=_("godparent"),
    )
    prisoner = models.ForeignKey(
        Prisoner,
        on_delete=models.PROTECT,
        related_name="prepared_letters",
        verbose_name=_("prisoner"),
    )
    match = models.ForeignKey(
        "matching.Match",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prepared_letters",
        verbose_name=_("match"),
    )
    facility = models.ForeignKey(
        Facility,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prepared_letters",
        verbose_name=_("facility"),
    )
    envelope = models.TextField(_("envelope as printed"))
    format = models.CharField(
        _("format"), max_length=10, choices=LetterFormat.choices, default=LetterFormat.LETTER
    )
    language = models.CharField(_("language"), max_length=2, choices=LETTER_LANGUAGES)
    phrases = models.JSONField(_("phrases"), default=list, blank=True)
    free_text = models.TextField(_("own words"), blank=True)
    body = models.TextField(_("text as printed"))
    sender_name = models.CharField(_("your name in Cyrillic"), max_length=120)
    return_address = models.TextField(_("return address"), blank=True)
    kept_flags = models.JSONField(_("warnings kept"), default=list, blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    letter = models.OneToOneField(
        Letter,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prepared",
        verbose_name=_("posted as"),
    )

    class Meta:
        verbose_name = _("prepared letter")
        verbose_name_plural = _("prepared letters")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["godparent", "letter"], name="prepared_godparent_letter_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_format_display()} → {self.prisoner}"

    @property
    def envelope_lines(self) -> list[str]:
        return self.envelope.splitlines()

    @property
    def is_posted(self) -> bool:
        return self.letter_id is not None

    @property
    def is_active(self) -> bool:
        """Its godparenthood goes on: the letter can still be posted and logged."""
        return self.match is not None and self.match.status == MatchStatus.ACTIVE

    @property
    def signature(self) -> str:
        return letter_signature(self.body, self.sender_name)

    @property
    def moved(self) -> bool:
        """The person is held elsewhere than the printed envelope says (a new facility, or the
        facility's address corrected); a correction of the name's spelling is not a move."""
        current = self.prisoner.envelope_lines
        return (
            self.prisoner.facility_id != self.facility_id
            or current[1:] != (self.envelope_lines[1:])
        )

    @property
    def unreachable(self) -> bool:
        """Letters cannot reach the person now (released, in transit, incommunicado...)."""
        return not self.prisoner.letters_deliverable

    @property
    def address_changed(self) -> bool:
        """Posting it as printed would not reach the person: moved, released or cut off."""
        return self.moved or self.unreachable
