"""A godparent's letters after logging: corrected or deleted for 30 days, returned or answered."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import ModelLogEntry

from solidarity.activity.models import Letter, LetterChannel, LetterOutcome
from solidarity.activity.services import (
    EDIT_WINDOW_ERROR,
    letter_delete,
    letter_editable,
    letter_record_outcome,
    letter_update,
)
from tests.factories.activity import LetterFactory

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
SENT = datetime.date(2026, 3, 1)


def _logged_days_ago(letter: Letter, days: float) -> Letter:
    Letter.objects.filter(pk=letter.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
    letter.refresh_from_db()
    return letter


def test_the_edit_window_is_thirty_days_from_logging():
    letter = LetterFactory()
    logged = letter.created_at

    assert letter_editable(letter, now=logged + datetime.timedelta(days=30))
    assert not letter_editable(letter, now=logged + datetime.timedelta(days=30, seconds=1))


def test_a_letter_is_corrected_within_the_window_and_audited():
    letter = _logged_days_ago(LetterFactory(sent_on=SENT), 29)
    user = letter.godparent.user

    letter_update(
        letter=letter, by=user, sent_on=SENT, channel=LetterChannel.FAMILY, note="Via his mother"
    )

    letter.refresh_from_db()
    assert (letter.channel, letter.note) == (LetterChannel.FAMILY, "Via his mother")
    assert ModelLogEntry.objects.filter(action="wagtail.edit", user=user).exists()


def test_after_thirty_days_a_letter_is_kept_for_the_record():
    letter = _logged_days_ago(LetterFactory(note="original"), 31)

    with pytest.raises(ValidationError) as refused:
        letter_update(letter=letter, by=None, sent_on=SENT, channel=LetterChannel.POST, note="x")
    with pytest.raises(ValidationError):
        letter_delete(letter=letter, by=None)

    assert refused.value.messages == [str(EDIT_WINDOW_ERROR)]
    letter.refresh_from_db()
    assert letter.note == "original"


def test_deleting_within_the_window_removes_the_row_and_its_scan(outbox):
    letter = LetterFactory(sent_on=SENT)
    letter_record_outcome(
        letter=letter,
        by=None,
        outcome=LetterOutcome.REPLY_RECEIVED,
        on=SENT + datetime.timedelta(days=40),
        scan=SimpleUploadedFile("Losik letter.html", PNG, content_type="text/html"),
    )
    letter.refresh_from_db()
    storage, name = letter.reply_scan.storage, letter.reply_scan.name
    assert storage.exists(name)
    assert name.rsplit("/", 1)[-1].startswith("reply")
    assert name.endswith(".png")

    letter_delete(letter=letter, by=None)

    assert not Letter.objects.filter(pk=letter.pk).exists()
    assert not storage.exists(name)


def test_a_reply_is_recorded_long_after_the_window():
    letter = _logged_days_ago(LetterFactory(sent_on=SENT), 200)

    letter_record_outcome(
        letter=letter, by=None, outcome=LetterOutcome.REPLY_RECEIVED, on=datetime.date(2026, 9, 1)
    )

    letter.refresh_from_db()
    assert (letter.outcome, letter.outcome_on) == (
        LetterOutcome.REPLY_RECEIVED,
        datetime.date(2026, 9, 1),
    )


@pytest.mark.parametrize(
    ("outcome", "on", "field"),
    [
        (LetterOutcome.RETURNED, SENT - datetime.timedelta(days=1), "outcome_on"),
        (LetterOutcome.RETURNED, timezone.localdate() + datetime.timedelta(days=5), "outcome_on"),
        (LetterOutcome.SENT, SENT, "outcome"),
    ],
    ids=["before-sending", "future", "not-an-outcome"],
)
def test_a_wrong_outcome_is_refused_and_changes_nothing(outcome, on, field):
    letter = LetterFactory(sent_on=SENT)

    with pytest.raises(ValidationError) as refused:
        letter_record_outcome(letter=letter, by=None, outcome=outcome, on=on)

    assert field in refused.value.message_dict
    letter.refresh_from_db()
    assert letter.outcome == LetterOutcome.SENT


def test_a_scan_that_is_not_an_image_or_pdf_is_refused_whatever_its_name():
    letter = LetterFactory(sent_on=SENT)
    fake = SimpleUploadedFile("reply.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    with pytest.raises(ValidationError) as refused:
        letter_record_outcome(
            letter=letter, by=None, outcome=LetterOutcome.REPLY_RECEIVED, on=SENT, scan=fake
        )

    assert "reply_scan" in refused.value.message_dict
    letter.refresh_from_db()
    assert not letter.reply_scan
