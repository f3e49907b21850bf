"""The header: a "Menu" disclosure that needs no JavaScript, with "Sign up" kept outside it."""

import re

import pytest

from tests.factories.accounts import user_with_role

pytestmark = pytest.mark.django_db


def header(html: str) -> str:
    return html[html.index('<header class="site-header"') : html.index("</header>")]


def menu(html: str) -> str:
    return html[html.index('<details class="site-menu">') : html.index("</details>")]


def test_the_links_fold_into_a_menu_disclosure(client, site):
    html = header(client.get("/en/").content.decode())
    assert re.search(r'<details class="site-menu">\s*<summary>Menu</summary>', html)
    assert "/en/prisoners/" in menu(html)
    assert "/en/accounts/login/" in menu(html)


def test_a_visitor_sees_sign_up_outside_the_menu(client, site):
    html = header(client.get("/en/").content.decode())
    assert "/en/accounts/signup/" in html
    assert "/en/accounts/signup/" not in menu(html)


def test_a_member_finds_their_prisoners_and_sign_out_in_the_menu(client, site):
    client.force_login(user_with_role(None))
    html = header(client.get("/en/").content.decode())
    assert 'href="/en/me/"' in menu(html)
    assert "Sign out" in menu(html)
    assert "/en/accounts/signup/" not in html


def test_the_menu_and_language_codes_are_translated(client, site):
    html = header(client.get("/be/").content.decode())
    assert "<summary>Меню</summary>" in html
    # The code is shown on a phone; the full name stays in the link for screen readers.
    assert re.search(r'lang="be"[^>]*><span class="lang-switcher__name">Беларуская</span>', html)
