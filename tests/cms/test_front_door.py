"""The front door: the home page's first screen, the footer's pages that `setup_site` writes in
every language, and titles that name the site once."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from cms.models import HomePage, SitePageRole, StandardPage
from cms.services import site_setup
from cms.templatetags.solidarity_tags import site_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

LANGUAGES = ("en", "be", "ru")
TITLES = {
    "en": {"how": "How it works", "faq": "Questions and answers", "privacy": "Privacy policy"},
    "be": {"how": "Як гэта працуе", "faq": "Пытанні і адказы", "privacy": "Палітыка прыватнасці"},
    "ru": {
        "how": "Как это работает",
        "faq": "Вопросы и ответы",
        "privacy": "Политика конфиденциальности",
    },
}


def role_pages(role: str) -> dict[str, StandardPage]:
    pages = StandardPage.objects.filter(site_role=role).select_related("locale")
    return {page.locale.language_code: page for page in pages}


def test_setup_site_writes_the_five_pages_live_in_every_language(site):
    for role in SitePageRole.values:
        pages = role_pages(role)
        assert set(pages) == set(LANGUAGES)
        assert all(page.live and page.body for page in pages.values())
        # Translations of one English source, as wagtail-localize links them.
        assert len({page.translation_key for page in pages.values()}) == 1
        assert all(page.get_parent().specific_class is HomePage for page in pages.values())
    for language, titles in TITLES.items():
        for role, title in titles.items():
            assert role_pages(role)[language].title == title


def test_the_privacy_policy_covers_special_categories_retention_export_and_erasure(site):
    texts = {
        "en": ("Article 9", "delete your account", "Download your data", "team@solidarity.test"),
        "be": ("артыкула 9", "Выдаліць уліковы запіс", "Спампаваць", "team@solidarity.test"),
        "ru": ("статье 9", "Удалить учётную запись", "Скачать", "team@solidarity.test"),
    }
    for language, needles in texts.items():
        body = str(role_pages("privacy")[language].body).lower()
        for needle in needles:
            assert needle.lower() in body, (language, needle)


def test_setup_site_again_keeps_the_pages_as_edited_and_adds_none():
    site_setup()
    faq = role_pages("faq")["be"]
    faq.title = "Пытанні (адрэдагавана)"
    faq.slug = "pytanni"
    faq.body = [{"type": "paragraph", "value": "<p>EDITED</p>"}]
    faq.save_revision().publish()
    home = HomePage.objects.get(locale__language_code="ru")
    home.headline = "Свой заголовок"
    home.save_revision().publish()
    count = StandardPage.objects.count()

    site_setup()

    assert StandardPage.objects.count() == count == 15
    faq = role_pages("faq")["be"]
    assert (faq.title, faq.slug) == ("Пытанні (адрэдагавана)", "pytanni")
    assert [block.block_type for block in faq.body] == ["paragraph"]
    assert "<p>EDITED</p>" in str(faq.body)
    assert HomePage.objects.get(locale__language_code="ru").headline == "Свой заголовок"


def test_setup_site_gives_an_existing_home_page_the_first_screen_it_lacks():
    site_setup()
    HomePage.objects.update(headline="", call_to_action="", key_points=[])

    site_setup()

    homes = {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}
    assert homes["be"].call_to_action == "Стаць хросным"
    assert homes["ru"].headline.startswith("Станьте крёстным")
    assert len(homes["en"].key_points) == 4


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_says_what_it_asks_and_leads_to_the_sign_up(client, site, lang):
    html = client.get(f"/{lang}/").content.decode()
    home = HomePage.objects.get(locale__language_code=lang)
    with translation.override(lang):
        signup = reverse("account_signup")
    assert re.search(
        rf'<a class="button button--primary" href="{signup}">\s*{home.call_to_action}', html
    )
    assert html.count("button--primary") == 1  # one main action
    assert home.headline in html
    for point in home.key_points:
        assert point.value["heading"] in html
    assert f'href="/{lang}/prisoners/"' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_footer_links_the_five_pages_in_the_page_language(client, site, lang):
    html = client.get(f"/{lang}/prisoners/").content.decode()
    footer = html[html.index('<footer class="site-footer"') :]
    for role in SitePageRole.values:
        page = role_pages(role)[lang]
        assert f'<a href="/{lang}/{page.slug}/">{page.title}</a>' in footer


def test_site_pages_finds_every_key_in_two_queries(site, django_assert_num_queries):
    with translation.override("be"):
        site_pages()  # content types are cached after the first use
        with django_assert_num_queries(2):
            nav = site_pages()
    # Every page setup_site makes; a Congress page exists once organisers create one.
    assert {key for key, page in nav.items() if page is None} == {"congress"}
    assert nav["contact"].locale.language_code == "be"
    assert nav["prisoners"].slug == "prisoners"
    assert nav["privacy"].title == "Палітыка прыватнасці"


def test_site_pages_gives_none_for_a_missing_page(site):
    role_pages("contact")["ru"].unpublish()
    with translation.override("ru"):
        nav = site_pages()
    assert nav["contact"] is None
    assert nav["about"] is not None


def test_a_page_that_was_moved_is_still_found_by_its_role(site):
    about = role_pages("about")["en"]
    about.slug = "who-we-are"
    about.save_revision().publish()
    nav = site_pages()
    assert nav["about"].pk == about.pk


def titles(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_title_names_the_site_twice(client, site, lang):
    site_name = {"en": "Solidarity", "be": "Салідарнасць", "ru": "Солидарность"}[lang]
    home = titles(client.get(f"/{lang}/").content.decode())
    faq = titles(client.get(f"/{lang}/faq/").content.decode())
    assert home.startswith(site_name)
    assert home.count(site_name) == 1
    assert faq == f"{TITLES[lang]['faq']} · {site_name}"


@override_settings(SITE_URL="https://solidarity.example.org")
def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_private_areas(client):
    site_setup()

    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Allow: /" in lines
    for path in ("/admin/", "/en/accounts/", "/be/me/", "/ru/accounts/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /en/prisoners/" not in lines
    assert "Sitemap: https://solidarity.example.org/sitemap.xml" in lines
