"""One canonical address: links in emails and the site's own host (sitemap, page URLs) follow
SITE_URL, which `make run HOST=… PORT=…` sets to the address it serves on."""

import pytest
from django.test import override_settings
from wagtail.models import Site

from cms.services import site_setup
from solidarity.notifications.services import email_render

pytestmark = pytest.mark.django_db
ADDRESS = "http://solidarity.example:8101"


@override_settings(SITE_URL=ADDRESS, ALLOWED_HOSTS=["solidarity.example", "testserver"])
def test_emails_and_the_sitemap_use_the_address_under_a_non_default_host_and_port(client):
    site_setup()

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("solidarity.example", 8101)
    sitemap = client.get("/sitemap.xml", HTTP_HOST="solidarity.example:8101").content.decode()
    assert f"<loc>{ADDRESS}/en/" in sitemap
    assert "localhost" not in sitemap
    message = email_render(
        template="match_offer",
        context={"token": "t0ken", "prisoner_name": "Maryia", "godparent_name": "Anna"},
        language="en",
    )
    assert f"{ADDRESS}/en/me/" in message.body


@override_settings(SITE_URL="https://solidarity.example.org")
def test_a_production_https_address_gives_the_site_port_443():
    site_setup()

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (
        "solidarity.example.org",
        443,
        "https://solidarity.example.org",
    )
