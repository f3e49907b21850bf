"""Error pages: a helpful 404 in the site layout, a 500 that renders with nothing at all."""

import pytest
from django.template import loader
from django.test import RequestFactory
from django.utils import translation

from solidarity.common.views import server_error

pytestmark = pytest.mark.django_db


def test_unknown_url_is_answered_by_our_404_template(client, site):
    response = client.get("/en/this-page-does-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="prose error-page"' in html
    assert 'href="/en/prisoners/"' in html


def test_404_in_belarusian_links_to_the_belarusian_listing(client, site):
    html = client.get("/be/nothing-here/").content.decode()
    assert 'href="/be/prisoners/"' in html


def test_500_template_renders_with_an_empty_context_and_no_request():
    html = loader.get_template("500.html").render()
    assert "<title>" in html
    assert 'href="/"' in html


def test_server_error_view_answers_500_with_our_template():
    with translation.override("en"):
        response = server_error(RequestFactory().get("/en/broken/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_500_template_speaks_the_active_language():
    with translation.override("ru"):
        html = loader.get_template("500.html").render()
    assert '<html lang="ru">' in html
    assert "Что-то пошло не так" in html
