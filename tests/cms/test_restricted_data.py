"""Canaries: restricted fields never reach a public response (docs/decisions/0002)."""

import pytest

from solidarity.prisoners.choices import Publicity
from tests.factories import PrisonerConfidentialFactory, WhereaboutsFactory

pytestmark = pytest.mark.django_db

CANARIES = ("CANARY-HEALTH-7f3a", "CANARY-FAMILY-7f3a", "CANARY-NOTES-7f3a", "CANARY-WHERE-7f3a")


@pytest.fixture
def public_urls(make_profile):
    urls = ["/sitemap.xml", "/en/no-such-page/"]
    for publicity in (Publicity.FULL, Publicity.BASIC):
        page = make_profile(publicity=publicity)
        PrisonerConfidentialFactory(prisoner=page.prisoner)
        WhereaboutsFactory(prisoner=page.prisoner)  # where a released person lives (issue 18)
        urls += [f"/{lang}/prisoners/{page.slug}/" for lang in ("en", "be", "ru")]
    return urls + [f"/{lang}/{path}" for lang in ("en", "be", "ru") for path in ("", "prisoners/")]


def test_restricted_canaries_never_appear_on_public_pages(client, public_urls):
    for url in public_urls:
        html = client.get(url).content.decode()
        leaked = [canary for canary in CANARIES if canary in html]
        assert not leaked, f"{url} leaks {leaked}"
