"""The public pages in English, Belarusian and Russian on a 360 px phone: axe-core finds no
serious or critical violation, the Belarusian and Russian pages show no English msgid, and none
is wider than the phone.

The content pages (how it works, FAQ, about, contact, privacy) are checked once `setup_site`
creates them: they are found through the `site_pages` tag under these keys, so each one that
exists is checked and the test says which it found.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from cms.templatetags.solidarity_tags import site_pages
from solidarity.prisoners.choices import Publicity
from tests.e2e.conftest import E2E
from tests.e2e.page_checks import PHONE_WIDTH, page_problems, shot
from tests.factories.godparents import GodparentProfileFactory, ParliamentFactory
from tests.factories.matching import MatchFactory

pytestmark = E2E
LANGUAGES = ("en", "be", "ru")
CONTENT_PAGES = ("how", "faq", "about", "contact", "privacy")


@pytest.fixture
def profile(make_profile):
    """A public profile in three languages, with a publicly listed godparent from Lithuania (so
    that the godparents page shows a country)."""
    page = make_profile(
        publicity=Publicity.FULL,
        name_latin="Ihar Losik",
        name_be="Ігар Лосік",
        name_ru="Игорь Лосик",
        translate_to=("be", "ru"),
    )
    godparent = GodparentProfileFactory(
        full_name="Ona Pavardenytė",
        parliament=ParliamentFactory(country="LT", name="Lietuvos Respublikos Seimas"),
    )
    MatchFactory(godparent=godparent, prisoner=page.prisoner)
    return page


def public_pages(language: str, profile) -> dict[str, str]:
    """Name → path of every public page of `language` that exists now."""
    locale = Locale.objects.get(language_code=language)
    with translation.override(language):
        nav = site_pages()
        paths = {
            "home": nav["home"].url,
            "prisoners": nav["prisoners"].url,
            "prisoner-profile": profile.get_translation(locale).url,
            "godparents": nav["godparents"].url,
            "sign-in": reverse("account_login"),
            "sign-up": reverse("account_signup"),
        }
        paths |= {key: nav[key].url for key in CONTENT_PAGES if nav.get(key)}
    return paths


def test_the_public_pages_pass_axe_and_speak_the_page_language_on_a_phone(
    live_server, browser, site, profile, capsys
):
    context = browser.new_context(viewport={"width": PHONE_WIDTH, "height": 780}, is_mobile=True)
    page = context.new_page()
    problems, content_found = [], set()
    for language in LANGUAGES:
        for name, path in public_pages(language, profile).items():
            content_found |= {name} & set(CONTENT_PAGES)
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{path}: {response.status}"
            shot(page, f"public-{language}-{name}")
            problems += [
                f"{language}/{name}: {problem}"
                for problem in page_problems(page, name=name, language=language)
            ]
    context.close()
    with capsys.disabled():
        missing = sorted(set(CONTENT_PAGES) - content_found)
        print(f"\ncontent pages checked: {sorted(content_found)}; not there yet: {missing}")
    assert not problems, "\n".join(problems)
