import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from solidarity.activity.models import ActionVerification
from tests.factories import AdvocacyActionFactory, LetterFactory

pytestmark = pytest.mark.django_db


def test_a_letter_cannot_be_answered_before_it_was_sent():
    with pytest.raises(IntegrityError), transaction.atomic():
        LetterFactory(sent_on=datetime.date(2026, 3, 1), outcome_on=datetime.date(2026, 2, 1))


def test_a_rejected_action_needs_a_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        AdvocacyActionFactory(verification=ActionVerification.REJECTED, rejection_reason="")
    AdvocacyActionFactory(verification=ActionVerification.REJECTED, rejection_reason="No evidence")


def test_a_reply_scan_is_stored_privately_without_a_public_url(settings):
    letter = LetterFactory()
    letter.reply_scan.save("reply.pdf", ContentFile(b"%PDF-1.4"), save=True)

    assert letter.reply_scan.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not letter.reply_scan.path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(NotImplementedError):
        _ = letter.reply_scan.url
