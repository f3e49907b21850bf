"""The one shared StreamField block set for editorial content."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from solidarity.common.languages import LANGUAGE_NAMES

QUOTE_ATTRIBUTION_ERROR = _("Say who is quoted: a quote without attribution cannot be published.")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "H2"), ("h3", "H3")], default="h2", label=_("Level"))

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=200,
        help_text=_("Describe the image for screen readers."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")

    def clean(self, value):
        value = super().clean(value)
        if value.get("text") and not value.get("attribution"):
            raise blocks.StructBlockValidationError(
                block_errors={"attribution": ValidationError(QUOTE_ATTRIBUTION_ERROR)}
            )
        return value


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], icon="pilcrow", label=_("Paragraph")
    )
    image = ImageBlock()
    quote = QuoteBlock()


class KeyPointBlock(blocks.StructBlock):
    """One short point of the home page's first screen: a few words, then a sentence or two."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=60)
    text = blocks.TextBlock(label=_("Text"), max_length=300)

    class Meta:
        icon = "tick"
        template = "blocks/key_point_block.html"
        label = _("Key point")


class KeyPointsBlock(blocks.StreamBlock):
    """The home page's first screen says four things; more would push the sign-up away."""

    point = KeyPointBlock()

    class Meta:
        max_num = 4


# The languages a session may be interpreted into, named in the editor's language.
INTERPRETATION_LANGUAGES = [
    (code, LANGUAGE_NAMES[code])
    for code in ("be", "ru", "en", "uk", "pl", "lt", "lv", "et", "de", "fr")
]


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=200)
    role = blocks.CharBlock(
        label=_("Role"), max_length=200, required=False, help_text=_("E.g. Member of the Seimas.")
    )

    class Meta:
        icon = "user"
        label = _("Speaker")


class AgendaSessionBlock(blocks.StructBlock):
    """One session of the Congress's programme."""

    starts_at = blocks.TimeBlock(label=_("Starts at"))
    ends_at = blocks.TimeBlock(label=_("Ends at"), required=False)
    day = blocks.DateBlock(
        label=_("Day"), required=False, help_text=_("For a Congress of several days.")
    )
    title = blocks.CharBlock(label=_("Session"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)
    speakers = blocks.ListBlock(SpeakerBlock(), label=_("Speakers"), default=[])
    languages = blocks.MultipleChoiceBlock(
        choices=INTERPRETATION_LANGUAGES,
        label=_("Interpretation"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        icon = "time"
        template = "blocks/agenda_session_block.html"
        label = _("Session")


class AgendaBlock(blocks.StreamBlock):
    session = AgendaSessionBlock()
    heading = HeadingBlock()
