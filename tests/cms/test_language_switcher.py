"""The language switcher: plain links to the same content in each language, no JavaScript."""

import re

import pytest

pytestmark = pytest.mark.django_db


def switcher(html: str) -> str:
    return html[
        html.index('class="lang-switcher"') : html.index("</nav>", html.index("lang-switcher"))
    ]


def test_switcher_on_a_profile_links_to_its_translations(client, make_profile):
    page = make_profile()
    nav = switcher(client.get(f"/en/prisoners/{page.slug}/").content.decode())
    assert f'href="/be/prisoners/{page.slug}/" lang="be" hreflang="be"' in nav
    assert f'href="/ru/prisoners/{page.slug}/" lang="ru" hreflang="ru"' in nav


def test_switcher_marks_the_current_language(client, site):
    nav = switcher(client.get("/ru/").content.decode())
    current = re.findall(r'<a [^>]*aria-current="true"[^>]*>', nav)
    assert len(current) == 1
    assert 'lang="ru"' in current[0]


def test_switcher_falls_back_to_the_home_page_when_a_page_has_no_translation(client, make_profile):
    page = make_profile(translate_to=())
    nav = switcher(client.get(f"/en/prisoners/{page.slug}/").content.decode())
    assert 'href="/be/" lang="be"' in nav
    assert 'href="/ru/" lang="ru"' in nav


def test_page_translations_are_announced_as_hreflang_alternates(client, make_profile):
    page = make_profile(translate_to=("be",))
    html = client.get(f"/en/prisoners/{page.slug}/").content.decode()
    assert f'hreflang="be" href="http://testserver/be/prisoners/{page.slug}/"' in html
    assert '<link rel="alternate" hreflang="ru"' not in html


def test_switcher_on_an_account_page_translates_the_url(client, site):
    nav = switcher(client.get("/en/accounts/login/").content.decode())
    assert 'href="/be/accounts/login/"' in nav
    assert 'href="/ru/accounts/login/"' in nav
