"""The public pages answer in every locale and show what the record's publicity allows."""

import pytest

from solidarity.prisoners.choices import DatePrecision, Publicity, Status
from solidarity.prisoners.models import Prisoner

from .conftest import STORY_MARKER

LANGUAGES = ["en", "be", "ru"]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_answers_in_every_locale(client, site, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_listing_answers_in_every_locale_and_links_to_profiles(client, make_profile, lang):
    page = make_profile()
    response = client.get(f"/{lang}/prisoners/")
    assert response.status_code == 200
    assert f'href="/{lang}/prisoners/{page.slug}/"' in response.content.decode()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("publicity", [Publicity.BASIC, Publicity.FULL])
def test_profile_answers_in_every_locale(client, make_profile, lang, publicity):
    page = make_profile(publicity=publicity)
    response = client.get(f"/{lang}/prisoners/{page.slug}/")
    assert response.status_code == 200


def test_listing_shows_the_name_in_the_spelling_of_the_active_language(client, make_profile):
    make_profile()
    assert "Maryia Kalesnikava" in client.get("/en/prisoners/").content.decode()
    assert "Марыя Калеснікава" in client.get("/be/prisoners/").content.decode()
    assert "Мария Колесникова" in client.get("/ru/prisoners/").content.decode()


def test_profile_of_a_record_whose_publicity_is_none_answers_404(client, make_profile):
    page = make_profile()
    Prisoner.objects.filter(pk=page.prisoner_id).update(publicity=Publicity.NONE)
    for lang in LANGUAGES:
        assert client.get(f"/{lang}/prisoners/{page.slug}/").status_code == 404


def test_listing_leaves_out_records_whose_publicity_is_none(client, make_profile):
    from tests.factories import PrisonerFactory

    PrisonerFactory(publicity=Publicity.NONE, name_latin="Hidden Person", name_ru="Скрытый")
    assert "Hidden Person" not in client.get("/en/prisoners/").content.decode()


def test_basic_publicity_hides_photo_and_story(client, make_profile, photo):
    page = make_profile(publicity=Publicity.BASIC, photo=photo)
    html = client.get(f"/en/prisoners/{page.slug}/").content.decode()
    assert STORY_MARKER not in html
    assert "profile__photo" not in html
    assert "og:image" not in html


def test_full_publicity_shows_photo_and_story(client, make_profile, photo):
    page = make_profile(publicity=Publicity.FULL, photo=photo)
    html = client.get(f"/en/prisoners/{page.slug}/").content.decode()
    assert STORY_MARKER in html
    assert "profile__photo" in html


def test_profile_shows_the_envelope_address_with_the_cyrillic_name_on_top(client, make_profile):
    page = make_profile()
    html = client.get(f"/en/prisoners/{page.slug}/").content.decode()
    envelope = html[html.index('<address class="envelope"') : html.index("</address>")]
    lines = [*page.prisoner.facility.envelope_lines]
    assert envelope.index("Мария Колесникова") < envelope.index(lines[0])
    for line in lines:
        assert line in envelope
    assert "REPUBLIC OF BELARUS" in envelope


def test_profile_shows_all_three_spellings_and_the_article_title(client, make_profile):
    page = make_profile()
    html = client.get(f"/en/prisoners/{page.slug}/").content.decode()
    for name in ("Марыя Калеснікава", "Мария Колесникова", "Maryia Kalesnikava"):
        assert name in html
    assert "Group actions grossly violating public order" in html


def test_birth_date_known_only_to_the_year_shows_only_the_year(client, make_profile):
    page = make_profile(birth_date_precision=DatePrecision.YEAR)
    html = client.get(f"/en/prisoners/{page.slug}/").content.decode()
    assert "1982" in html
    assert "April 24, 1982" not in html
    assert "years old" not in html


def test_released_prisoner_gets_no_letter_section(client, make_profile):
    page = make_profile(status=Status.RELEASED_PARDONED)
    html = client.get(f"/en/prisoners/{page.slug}/").content.decode()
    assert '<address class="envelope"' not in html


def test_a_facility_without_a_postal_address_gets_no_letter_section(client, make_profile):
    page = make_profile(status=Status.CONVICTED)
    page.prisoner.facility.postal_address = ""
    page.prisoner.facility.save()

    html = client.get(f"/en/prisoners/{page.slug}/").content.decode()

    assert '<address class="envelope"' not in html
    assert "Write a letter" not in html


def test_belarusian_page_shows_belarusian_interface_strings(client, site):
    html = client.get("/be/").content.decode()
    assert "Вязні" in html
    assert "Перайсці да асноўнага зместу" in html


def test_russian_page_shows_russian_interface_strings(client, site):
    html = client.get("/ru/").content.decode()
    assert "Заключённые" in html


def test_allauth_sign_in_page_renders_inside_the_site_layout(client, site):
    html = client.get("/en/accounts/login/").content.decode()
    assert 'class="site-header"' in html
    assert 'name="password"' in html


def test_signed_in_user_gets_a_sign_out_form_that_posts(client, site):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    html = client.get("/en/").content.decode()
    assert 'method="post" action="/en/accounts/logout/"' in html
