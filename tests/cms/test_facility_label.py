"""A facility is named in the reader's script; the envelope keeps the exact Cyrillic address."""

import datetime
import re

import pytest
from django.utils import translation
from wagtail.models import Locale

from solidarity.prisoners.choices import Status
from solidarity.prisoners.models import Facility, StatusChange
from tests.factories import FacilityFactory

pytestmark = pytest.mark.django_db

CYRILLIC = "Исправительная колония № 3 «Витьба»"
LATIN = "Penal colony No. 3 Vitba"


@pytest.fixture
def facility():
    return FacilityFactory(name=CYRILLIC, name_latin=LATIN)


@pytest.fixture
def profile(make_profile, facility):
    profile = make_profile(facility=facility)
    StatusChange.objects.create(
        prisoner=profile.prisoner,
        to_status=Status.CONVICTED,
        effective_on=datetime.date(2021, 9, 6),
        facility=facility,
    )
    return profile


def card(html: str) -> str:
    return re.search(r'<article class="card">.*?</article>', html, re.S).group()


def between(html: str, start: str, end: str) -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def profile_html(client, profile, language: str) -> str:
    translated = profile.get_translation(Locale.objects.get(language_code=language))
    return client.get(translated.url).content.decode()


@pytest.mark.parametrize(
    ("language", "latin", "expected"),
    [
        ("en", LATIN, LATIN),
        ("en", "", CYRILLIC),
        ("be", LATIN, CYRILLIC),
        ("ru", LATIN, CYRILLIC),
    ],
)
def test_display_name_is_latin_in_english_when_known_and_cyrillic_otherwise(
    language, latin, expected
):
    with translation.override(language):
        assert Facility(name=CYRILLIC, name_latin=latin).display_name == expected


def test_english_card_names_the_facility_in_latin(client, listings, profile):
    html = card(client.get(listings["en"].url).content.decode())
    assert LATIN in html
    assert CYRILLIC not in html


@pytest.mark.parametrize("language", ["be", "ru"])
def test_belarusian_and_russian_cards_name_the_facility_in_cyrillic(
    client, listings, profile, language
):
    html = card(client.get(listings[language].url).content.decode())
    # A Belarusian page marks the Russian name as Russian; a Russian page needs no mark.
    marked = ' lang="ru"' if language == "be" else ""
    assert f"<dd{marked}>{CYRILLIC}</dd>" in html
    assert LATIN not in html


def test_english_profile_names_the_facility_in_latin_with_the_cyrillic_beside(client, profile):
    html = profile_html(client, profile, "en")
    facts = between(html, 'id="facts"', "</section>")
    assert f'{LATIN} <span class="muted">(<span lang="ru">{CYRILLIC}</span>)</span>' in facts
    assert LATIN in between(html, 'id="history"', "</section>")


@pytest.mark.parametrize("language", ["be", "ru"])
def test_belarusian_and_russian_profiles_name_the_facility_in_cyrillic(client, profile, language):
    html = profile_html(client, profile, language)
    shown = f'<span lang="ru">{CYRILLIC}</span>' if language == "be" else f"<dd>{CYRILLIC}</dd>"
    assert shown in between(html, 'id="facts"', "</section>")
    assert CYRILLIC in between(html, 'id="history"', "</section>")
    assert LATIN not in html


def test_envelope_is_the_same_cyrillic_address_in_every_language(client, profile, facility):
    expected = (
        '<address class="envelope" lang="ru">\n'
        f'      <span class="envelope__name">{profile.prisoner.cyrillic_name}</span><br>\n'
        f"      {'<br>'.join(facility.envelope_lines[:-1])}<br>"
        # The country line is in Latin letters, for the post offices abroad.
        f'<span lang="en">{facility.envelope_lines[-1]}</span>\n'
        "    </address>"
    )
    for language in ("en", "be", "ru"):
        html = profile_html(client, profile, language)
        assert between(html, '<address class="envelope"', "</address>") + "</address>" == expected


@pytest.mark.parametrize(
    ("language", "marked"),
    [("en", ' lang="ru"'), ("be", ' lang="ru"'), ("ru", "")],
)
def test_texts_another_version_stands_in_for_are_marked_with_their_language(
    client, profile, language, marked
):
    """Only the Russian version wrote the charges and the sentence: other pages show them,
    marked as Russian so that a screen reader does not read Cyrillic as English."""
    prisoner = profile.prisoner
    prisoner.charges_text_ru = "злостное неповиновение"
    prisoner.sentence_text_ru, prisoner.sentence_text_en = "3 года", ""
    # No term or penalty type to compose a translated sentence from: the Russian text stands in.
    prisoner.sentence_months, prisoner.penalty_type = None, ""
    prisoner.save()
    facts = between(profile_html(client, profile, language), 'id="facts"', "</section>")
    assert f"<dd{marked}>злостное неповиновение</dd>" in facts
    shown = f"<dd{marked}>3 года</dd>"
    assert shown in facts
