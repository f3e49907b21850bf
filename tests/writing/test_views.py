"""The composer, a printed letter's page and its PDF as a godparent (and their staff) use them."""

import datetime
import io
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from pypdf import PdfReader

from solidarity.activity.models import Letter
from solidarity.godparents.models import GodparentStaff
from solidarity.writing.models import LetterFormat, PreparedLetter
from tests.factories import LetterFactory, UserFactory
from tests.submissions import submission_token

from .conftest import phrase_keys

pytestmark = pytest.mark.django_db


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"portal:{name}", args=args)


def _post(client, url, **data):
    token = submission_token(client.get(url).content)
    return client.post(url, {"submission": token, **data})


def _form(**overrides):
    return {
        "format": LetterFormat.LETTER,
        "language": "ru",
        "phrases": phrase_keys("greeting", "books_films", "closing"),
        "free_text": "",
        "sender_name": "Анна Шмидт",
        "return_address": "Platz der Republik 1, 11011 Berlin, Germany",
    } | overrides


@pytest.mark.parametrize("language", ["en", "be", "ru"])
def test_the_composer_shows_each_phrase_in_the_page_language_and_both_letter_languages(
    client, match, language
):
    client.force_login(match.godparent.user)
    page = client.get(_url("letter_compose", match.pk, language=language))
    html = page.content.decode()

    assert page.status_code == 200
    topics = page.context["topics"]
    assert len(topics) == 9
    option = topics[0][2][0][0]  # the first greeting: "Hello, {addressee}!"
    for text in (option.meaning, option.ru, option.be):
        assert escape(text) in html
    assert "Мария Александровна" in option.ru
    assert "Марыя Аляксандраўна" in option.be
    # The name in Cyrillic is suggested from the Latin one.
    assert 'value="Анна Шмидт"' in html


def test_check_marks_the_flagged_words_and_print_waits(client, match):
    client.force_login(match.godparent.user)
    url = _url("letter_compose", match.pk)

    checked = _post(client, url, check="1", **_form(free_text="Желаю Вам свободы!"))
    html = checked.content.decode()
    assert "<mark>свободы</mark>" in html
    assert "1 place to change" in html

    refused = _post(client, url, print="1", **_form(free_text="Желаю Вам свободы!"))
    assert refused.status_code == 200
    assert "tick the box" in refused.content.decode()
    assert not PreparedLetter.objects.exists()

    fixed = _post(client, url, print="1", **_form(free_text="Желаю Вам сил!"))
    prepared = PreparedLetter.objects.get()
    assert fixed["Location"] == _url("prepared_letter", prepared.pk)
    assert "Желаю Вам сил!" in prepared.body


def test_the_last_name_and_return_address_are_offered_next_time(client, match):
    client.force_login(match.godparent.user)
    url = _url("letter_compose", match.pk)
    _post(client, url, print="1", **_form(sender_name="Анна Шмит"))

    again = client.get(url)
    assert again.context["form"].initial["sender_name"] == "Анна Шмит"
    assert "Berlin" in again.context["form"].initial["return_address"]


def test_a_birthday_card_is_preselected_from_the_birthday_reminder(client, match):
    client.force_login(match.godparent.user)
    page = client.get(_url("letter_compose", match.pk) + "?format=birthday")
    assert page.context["form"].initial["format"] == "birthday"


def test_the_pdf_downloads_privately_and_reads_back_in_cyrillic(client, match):
    client.force_login(match.godparent.user)
    _post(client, _url("letter_compose", match.pk), print="1", **_form())
    prepared = PreparedLetter.objects.get()

    response = client.get(_url("prepared_pdf", prepared.pk))

    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = " ".join(
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Колесникова Мария Александровна" in text
    assert "REPUBLIC OF BELARUS" in text
    assert "Platz der Republik 1" in text


def test_i_posted_it_then_the_dashboard_shows_the_letter(client, match):
    client.force_login(match.godparent.user)
    _post(client, _url("letter_compose", match.pk), print="1", **_form())
    prepared = PreparedLetter.objects.get()
    dashboard = client.get(_url("dashboard")).content.decode()
    assert "Printed, not posted yet" in dashboard

    before = (prepared.created_at - datetime.timedelta(days=1)).date().isoformat()
    refused = _post(client, _url("prepared_letter", prepared.pk), posted_on=before)
    assert "before you printed" in refused.content.decode()
    today = timezone.localdate().isoformat()
    posted = _post(client, _url("prepared_letter", prepared.pk), posted_on=today)

    assert posted["Location"] == _url("dashboard")
    letter = Letter.objects.get()
    assert str(letter.sent_on) == today
    dashboard = client.get(_url("dashboard"))
    assert dashboard.context["prepared"] == []
    assert dashboard.context["recent_letters"] == [letter]


def test_a_transfer_is_shown_before_posting(client, match):
    from tests.factories import FacilityFactory

    client.force_login(match.godparent.user)
    _post(client, _url("letter_compose", match.pk), print="1", **_form())
    prepared = PreparedLetter.objects.get()
    match.prisoner.facility = FacilityFactory(
        postal_address="СИЗО-1\nул. Володарского, 2\n220030, г. Минск"
    )
    match.prisoner.save()

    page = client.get(_url("prepared_letter", prepared.pk)).content.decode()
    assert "The address changed after you printed this letter" in page
    assert "ул. Володарского, 2" in page

    refused = _post(client, _url("prepared_letter", prepared.pk), posted_on="2026-12-04")
    assert refused.status_code == 200
    assert not Letter.objects.exists()


def test_a_staff_member_composes_for_their_godparent(client, match):
    aide = UserFactory()
    GodparentStaff.objects.create(
        godparent=match.godparent, user=aide, invited_email=aide.email, accepted_at=match.offered_at
    )
    client.force_login(aide)

    response = _post(client, _url("letter_compose", match.pk), print="1", **_form())

    assert response.status_code == 302
    assert PreparedLetter.objects.get().prepared_by == aide


def test_another_godparents_letter_is_not_found(client, match):
    other = LetterFactory().godparent
    client.force_login(other.user)
    assert client.get(_url("letter_compose", match.pk)).status_code == 404


def test_the_composer_and_the_toolkit_run_the_same_queries_whatever_the_data(client, match):
    """Phrases are one query, the facility's figures one aggregate, whatever their number."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from solidarity.writing.models import Phrase
    from tests.factories import ChargeFactory

    client.force_login(match.godparent.user)
    urls = [_url("letter_compose", match.pk), _url("toolkit", match.pk)]

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    before = counts()
    for _ in range(30):
        LetterFactory(prisoner=match.prisoner, facility=match.prisoner.facility)
    for number in range(3):
        ChargeFactory(prisoner=match.prisoner, article__number=str(300 + number))
    locales = {phrase.locale_id for phrase in Phrase.objects.all()[:200]}
    Phrase.objects.bulk_create(
        Phrase(translation_key=key, locale_id=locale, topic="animals", text="Кот спит.")
        for key in [uuid.uuid4() for _ in range(20)]
        for locale in locales
    )
    assert counts() == before


def test_after_a_transfer_the_same_letter_is_printed_again_for_the_new_address(client, match):
    from tests.factories import FacilityFactory

    client.force_login(match.godparent.user)
    _post(client, _url("letter_compose", match.pk), print="1", **_form(free_text="Кот спит."))
    old = PreparedLetter.objects.get()
    match.prisoner.facility = FacilityFactory(postal_address="СИЗО-1\nул. Володарского, 2")
    match.prisoner.save()

    page = client.get(_url("prepared_letter", old.pk))
    again_url = page.context["compose_url"]
    assert again_url.endswith(f"?again={old.pk}")
    again = client.get(again_url)
    initial = again.context["form"].initial
    assert (initial["phrases"], initial["free_text"]) == (old.phrases, "Кот спит.")
    data = {key: value for key, value in initial.items() if value is not None}
    token = submission_token(again.content)
    client.post(again_url, {**data, "print": "1", "submission": token})

    new = PreparedLetter.objects.get()  # the old print was replaced
    assert new.pk != old.pk
    assert "ул. Володарского, 2" in new.envelope
    assert new.body == old.body
