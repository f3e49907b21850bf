"""The print-ready letter: an A4 letter, or a postcard or birthday card, as a PDF.

The letter's side is in the letter's language (Cyrillic, the list's spelling of the name and the
facility's address with the country in Latin); the page for the sender (how to post it) is in
the writer's language. WeasyPrint with DejaVu fonts, which cover Cyrillic (`make pdf-deps`).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from .models import LetterFormat, PreparedLetter
from .selectors import letter_name

# The front of a card, in the card's language (not the writer's: it is the prisoner's side).
CARD_FRONT: dict[str, dict[str, str]] = {
    LetterFormat.BIRTHDAY: {"ru": "С днём рождения!", "be": "З днём нараджэння!"},
    LetterFormat.POSTCARD: {"ru": "Тёплый привет!", "be": "Цёплае прывітанне!"},
}


def prepared_letter_html(prepared: PreparedLetter, *, language: str) -> str:
    """The document's HTML; `language` is the writer's, for the posting notes."""
    with translation.override(prepared.language):
        written_on = formats.date_format(timezone.localdate(prepared.created_at), "j E Y")
    with translation.override(language):
        return render_to_string(
            "writing/letter_pdf.html",
            {
                "prepared": prepared,
                "paragraphs": [part for part in prepared.body.split("\n\n") if part.strip()],
                "written_on": written_on,
                "signature": prepared.signature,
                "name": letter_name(prepared.prisoner, letter_language=prepared.language),
                "is_card": prepared.format != LetterFormat.LETTER,
                "front": CARD_FRONT.get(prepared.format, {}).get(prepared.language, ""),
            },
        )


def prepared_letter_pdf(prepared: PreparedLetter, *, language: str) -> bytes:
    from weasyprint import HTML  # imported here: it loads pango, which only this needs

    return HTML(string=prepared_letter_html(prepared, language=language)).write_pdf()
