"""Composing, printing and posting a letter (solidarity/writing/services.py)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from pypdf import PdfReader

from solidarity.activity.models import Letter
from solidarity.portal.services import account_delete, account_export
from solidarity.prisoners.choices import Status
from solidarity.writing.documents import prepared_letter_pdf
from solidarity.writing.models import LetterFormat, PreparedLetter
from solidarity.writing.selectors import phrase_options
from solidarity.writing.services import (
    ADDRESS_CHANGED_ERROR,
    FLAGS_ERROR,
    letter_compose,
    letter_mark_posted,
    letter_prepare,
    prepared_letter_discard,
)
from tests.factories import FacilityFactory

from .conftest import phrase_keys

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 5)


def _draft(match, *, topics=("closing", "greeting", "animals"), free_text="", **kwargs):
    fields = {
        "format": LetterFormat.LETTER,
        "language": "ru",
        "phrase_keys": phrase_keys(*topics, language=kwargs.get("language", "ru")),
        "free_text": free_text,
        "sender_name": "Анна Шмидт",
        **kwargs,
    }
    return letter_compose(match=match, **fields)


def _text(pdf: bytes) -> str:
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


def test_the_letter_runs_greeting_first_and_closing_last_with_the_names_in(match):
    options = phrase_options(letter_language="ru", language="en")
    draft = _draft(match, free_text="У меня есть собака.")

    paragraphs = draft.body.split("\n\n")
    greeting = options["greeting"][0].letter_text
    assert paragraphs[0] == greeting.format(addressee="Мария Александровна", sender="Анна Шмидт")
    assert "У меня есть собака." in paragraphs[-2]
    assert paragraphs[-1].startswith(options["closing"][0].letter_text.split("{")[0].strip())
    assert "{" not in draft.body
    assert draft.flags == []


def test_a_flagged_sentence_is_reported_and_printing_waits_for_a_choice(match):
    draft = _draft(match, free_text="Желаю Вам свободы и OK.")

    assert [(flag.text, flag.kind) for flag in draft.flags] == [
        ("свободы", "stem"),
        ("OK", "latin"),
    ]
    with pytest.raises(ValidationError) as refused:
        letter_prepare(draft=draft, by=match.godparent.user)
    assert refused.value.messages == [str(FLAGS_ERROR)]
    assert not PreparedLetter.objects.exists()

    # Accepting other flags (the text was changed after the check) accepts nothing.
    with pytest.raises(ValidationError):
        letter_prepare(draft=draft, by=match.godparent.user, accepted_flags="0" * 16)
    kept = letter_prepare(draft=draft, by=match.godparent.user, accepted_flags=draft.flags_digest)
    assert kept.kept_flags == ["свободы", "OK"]


def test_the_fixed_sentence_passes(match):
    draft = _draft(match, free_text="Желаю Вам сил и тепла.")
    assert draft.flags == []


def test_a_latin_signature_is_flagged_too(match):
    draft = _draft(match, sender_name="Anna Schmidt")
    assert {flag.text for flag in draft.flags} == {"Anna", "Schmidt"}


def test_nothing_to_print_is_a_clear_error(match):
    with pytest.raises(ValidationError):
        _draft(match, topics=())


def test_a_postcard_has_room_for_a_few_lines_only(match):
    with pytest.raises(ValidationError) as refused:
        _draft(match, format=LetterFormat.POSTCARD, free_text="Очень длинный текст. " * 25)
    assert "postcard" in str(refused.value).lower()


def test_printing_records_the_envelope_and_makes_no_letter_yet(match):
    prepared = letter_prepare(draft=_draft(match), by=match.godparent.user)

    assert prepared.envelope_lines == match.prisoner.envelope_lines
    assert prepared.envelope_lines[0] == "Колесникова Мария Александровна"
    assert prepared.envelope_lines[-1] == "REPUBLIC OF BELARUS"
    assert prepared.facility == match.prisoner.facility
    assert not Letter.objects.exists()


@pytest.mark.parametrize("status", [Status.INCOMMUNICADO, Status.RELEASED_PARDONED])
def test_no_letter_is_printed_for_someone_letters_cannot_reach(match, status):
    match.prisoner.status = status
    match.prisoner.save()
    with pytest.raises(ValidationError):
        letter_prepare(draft=_draft(match), by=match.godparent.user)


def test_i_posted_it_logs_the_letter_once(match):
    prepared = letter_prepare(draft=_draft(match), by=match.godparent.user)

    first = letter_mark_posted(prepared=prepared, by=match.godparent.user, posted_on=TODAY)
    again = letter_mark_posted(prepared=prepared, by=match.godparent.user, posted_on=TODAY)

    assert first == again
    assert Letter.objects.count() == 1
    assert (first.sent_on, first.language, first.facility) == (
        TODAY,
        "ru",
        match.prisoner.facility,
    )


def test_a_transfer_after_printing_warns_and_the_old_address_is_kept_if_posted(match):
    prepared = letter_prepare(draft=_draft(match), by=match.godparent.user)
    old = match.prisoner.facility
    match.prisoner.facility = FacilityFactory()
    match.prisoner.save()

    prepared.refresh_from_db()
    assert prepared.address_changed
    with pytest.raises(ValidationError) as warned:
        letter_mark_posted(prepared=prepared, by=match.godparent.user, posted_on=TODAY)
    assert warned.value.messages == [str(ADDRESS_CHANGED_ERROR)]

    letter = letter_mark_posted(
        prepared=prepared, by=match.godparent.user, posted_on=TODAY, to_old_address=True
    )
    assert letter.facility == old


def test_an_unposted_print_can_be_discarded_a_posted_one_stays(match):
    user = match.godparent.user
    unposted = letter_prepare(draft=_draft(match), by=user)
    posted = letter_prepare(draft=_draft(match), by=user)
    letter_mark_posted(prepared=posted, by=user, posted_on=TODAY)

    prepared_letter_discard(prepared=unposted, by=user)
    with pytest.raises(ValidationError):
        prepared_letter_discard(prepared=posted, by=user)
    assert list(PreparedLetter.objects.all()) == [posted]


def test_account_deletion_erases_printed_letters_and_the_export_has_them(match):
    user = match.godparent.user
    letter_prepare(draft=_draft(match, free_text="Мой кот спит."), by=user)

    exported = account_export(user=user)
    printed = exported["godparent_profile"]["printed_letters"]
    assert "Мой кот спит." in printed[0]["text"]

    account_delete(user=user)
    assert not PreparedLetter.objects.exists()


def test_the_pdf_has_the_cyrillic_name_and_address_and_the_sender_page_in_english(match):
    prepared = letter_prepare(
        draft=_draft(match, free_text="Мой кот спит."), by=match.godparent.user
    )

    text = _text(prepared_letter_pdf(prepared, language="en"))

    assert "Колесникова Мария Александровна" in text
    for line in match.prisoner.facility.envelope_lines:
        assert " ".join(line.split()) in text
    assert "Мой кот спит." in text
    assert "Before you post it" in text


def test_a_belarusian_birthday_card_is_in_belarusian_with_the_sender_notes_in_russian(match):
    draft = _draft(match, topics=("birthday",), language="be", format=LetterFormat.BIRTHDAY)
    prepared = letter_prepare(draft=draft, by=match.godparent.user)

    with translation.override("en"):
        text = _text(prepared_letter_pdf(prepared, language="ru"))

    assert "З днём нараджэння!" in text
    assert "Колесникова Мария Александровна" in text  # the envelope: as the list writes it
    assert "Перед отправкой" in text


def test_the_letter_is_signed_unless_its_closing_ends_with_the_name():
    from solidarity.writing.models import letter_signature

    assert letter_signature("Привет!\n\nС теплом, Анна", "Анна") == ""
    assert letter_signature("Меня зовут Анна.\n\nБерегите себя!", "Анна") == "Анна"
    assert letter_signature("Привет, Ян!\n\nДо встречи", "Ян") == "Ян"


def test_no_letter_without_a_cyrillic_name(match):
    match.prisoner.name_ru = match.prisoner.name_be = ""
    match.prisoner.save()
    with pytest.raises(ValidationError) as refused:
        _draft(match)
    assert "no Cyrillic name" in str(refused.value)


def test_a_release_after_printing_is_warned_about_even_at_the_same_facility(match):
    prepared = letter_prepare(draft=_draft(match), by=match.godparent.user)
    match.prisoner.status = Status.IN_TRANSIT
    match.prisoner.save()

    prepared.refresh_from_db()
    assert (prepared.moved, prepared.unreachable) == (False, True)
    with pytest.raises(ValidationError):
        letter_mark_posted(prepared=prepared, by=match.godparent.user, posted_on=TODAY)


def test_a_spelling_correction_of_the_name_is_not_a_move(match):
    prepared = letter_prepare(draft=_draft(match), by=match.godparent.user)
    match.prisoner.name_ru = "Колесникова Мария Александровна (Маша)"
    match.prisoner.save()
    prepared.refresh_from_db()
    assert not prepared.address_changed


def test_a_print_of_an_ended_godparenthood_leaves_the_dashboard_and_shows_no_address(match, client):
    from solidarity.matching.models import MatchStatus
    from solidarity.writing.selectors import prepared_awaiting_post

    prepared = letter_prepare(draft=_draft(match), by=match.godparent.user)
    from django.utils import timezone

    from solidarity.matching.models import EndReason

    match.status, match.ended_at = MatchStatus.ENDED, timezone.now()
    match.end_reason = EndReason.PRISONER_RELEASED
    match.save()
    new_address = "СИЗО-7\nул. Секретная, 1"
    match.prisoner.facility = FacilityFactory(postal_address=new_address)
    match.prisoner.save()

    assert list(prepared_awaiting_post(godparent=match.godparent)) == []
    client.force_login(match.godparent.user)
    page = client.get(f"/en/me/printed/{prepared.pk}/").content.decode()
    assert "This godparenthood has ended" in page
    assert "ул. Секретная" not in page
