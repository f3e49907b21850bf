"""The Congress's public page: dates, agenda, practical information and the participants who
agreed to be listed, never a discreet godparent, an unlisted participant or anyone's needs."""

import datetime

import pytest

from cms.models import CongressPage, HomePage
from solidarity.congress.models import Congress
from solidarity.congress.services import (
    Guest,
    RegistrationData,
    congress_invite,
    congress_register,
)
from tests.factories import GodparentProfileFactory, ParliamentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]

NEEDS = "CANARY-CONGRESS-NEEDS"


@pytest.fixture
def congress_page(site):
    congress = Congress.objects.create(
        title="Congress of Symbolic Godparents",
        starts_on=datetime.date(2027, 3, 25),
        ends_on=datetime.date(2027, 3, 26),
        place="Vilnius, Seimas",
        languages=["be", "en", "lt"],
    )
    home = HomePage.objects.get(locale__language_code="en")
    page = home.add_child(
        instance=CongressPage(
            title="Congress 2027",
            slug="congress",
            congress=congress,
            agenda=[
                {
                    "type": "session",
                    "value": {
                        "starts_at": "10:00",
                        "ends_at": "11:30",
                        "day": "2027-03-25",
                        "title": "Opening: the prisoners' families speak",
                        "description": "",
                        "speakers": [{"name": "Sviatlana Tsikhanouskaya", "role": ""}],
                        "languages": ["be", "en", "lt"],
                    },
                }
            ],
        )
    )
    return page


def _register(congress, godparent=None, *, listed: bool, email: str = "") -> None:
    congress_invite(
        congress=congress,
        by=None,
        godparents=[godparent] if godparent else [],
        guests=[] if godparent else [Guest(email)],
    )
    invitation = congress.invitations.order_by("-pk").first()
    congress_register(
        invitation=invitation,
        data=RegistrationData(
            full_name=godparent.full_name if godparent else email.split("@")[0],
            attendance="in_person",
            organisation="" if godparent else "Guests",
            parliament=godparent.parliament if godparent else None,
            listed=listed,
            accessibility_needs=NEEDS,
        ),
        user=None,
    )


def test_the_page_shows_the_agenda_and_only_listed_participants(client, congress_page):
    congress = congress_page.congress
    seimas = ParliamentFactory(country="LT", name="Seimas")
    listed = GodparentProfileFactory(parliament=seimas, full_name="Rūta Listed")
    discreet = GodparentProfileFactory(
        parliament=seimas,
        full_name="Discreet Person",
        is_discreet=True,
        public_listing_consent=False,
    )
    _register(congress, listed, listed=True)
    _register(congress, discreet, listed=True)  # asked, but a discreet godparent is never listed
    _register(congress, listed=False, email="unlisted.guest@example.org")

    html = client.get(congress_page.url).content.decode()

    assert "Opening: the prisoners" in html
    assert "Sviatlana Tsikhanouskaya" in html
    assert "Rūta Listed" in html
    assert "Discreet Person" not in html
    assert "unlisted.guest" not in html
    assert NEEDS not in html


def test_a_new_registration_reaches_the_cached_page(client, congress_page):
    congress = congress_page.congress
    assert "Late Comer" not in client.get(congress_page.url).content.decode()
    godparent = GodparentProfileFactory(full_name="Late Comer")
    _register(congress, godparent, listed=True)
    assert "Late Comer" in client.get(congress_page.url).content.decode()


def test_the_footer_links_the_congress_and_the_register(client, congress_page):
    html = client.get("/en/").content.decode()
    assert congress_page.url in html
    assert "/en/parliaments/" in html
