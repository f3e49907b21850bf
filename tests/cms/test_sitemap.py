"""The sitemap lists every locale's pages under the site's real address, with `hreflang`
alternates linking the translations of each page and of each record profile."""

import re

import pytest
from django.test import override_settings

from cms.services import site_setup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]
ADDRESS = "https://solidarity.example.org"


def entries(xml: str) -> dict[str, dict[str, str]]:
    """Each <url>'s location and its alternates by language."""
    found = {}
    for block in re.findall(r"<url>(.*?)</url>", xml, re.S):
        location = re.search(r"<loc>(.*?)</loc>", block).group(1)
        alternates = re.findall(r'hreflang="([^"]+)" href="([^"]+)"', block)
        found[location] = dict(alternates)
    return found


@pytest.fixture
def sitemap(client, make_profile):
    with override_settings(SITE_URL=ADDRESS, ALLOWED_HOSTS=["solidarity.example.org"]):
        site_setup()
        make_profile()  # an editorial page in en, be, ru
        record = make_profile(translate_to=())
        record.delete()  # its record stays public: a record profile in every locale
        response = client.get("/sitemap.xml", HTTP_HOST="solidarity.example.org")
    assert response.status_code == 200
    return response.content.decode(), record


def test_every_locale_is_listed_under_the_real_host(sitemap):
    urls = entries(sitemap[0])
    for lang in ("en", "be", "ru"):
        assert f"{ADDRESS}/{lang}/" in urls
        assert f"{ADDRESS}/{lang}/privacy/" in urls
    assert all(url.startswith(ADDRESS) for url in urls)
    assert "localhost" not in sitemap[0]


def test_each_page_names_its_translations_as_alternates(sitemap):
    urls = entries(sitemap[0])
    expected = {lang: f"{ADDRESS}/{lang}/faq/" for lang in ("be", "en", "ru")}
    expected["x-default"] = f"{ADDRESS}/en/faq/"
    for lang in ("en", "be", "ru"):
        assert urls[f"{ADDRESS}/{lang}/faq/"] == expected
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap[0]


def test_record_profiles_are_listed_in_every_locale_with_alternates(sitemap):
    xml, record = sitemap
    slug = f"{record.prisoner.profile_slug}/"
    urls = entries(xml)
    for lang in ("en", "be", "ru"):
        alternates = urls[f"{ADDRESS}/{lang}/prisoners/{slug}"]
        assert alternates["ru"] == f"{ADDRESS}/ru/prisoners/{slug}"
        assert alternates["x-default"] == f"{ADDRESS}/en/prisoners/{slug}"
