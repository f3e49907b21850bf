"""The joint declaration: participants sign from their link (twice is once); the public page and
the PDF name only those who agreed to be listed, never a discreet godparent."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from cms.models import CongressPage, HomePage
from solidarity.congress.models import Congress, Declaration, Invitation, Signature
from solidarity.congress.selectors import DISCRETION_FLOOR, declaration_signatories
from solidarity.congress.services import (
    Guest,
    RegistrationData,
    congress_invite,
    congress_register,
    declaration_sign,
    invitation_token,
    registration_cancel,
)
from tests.factories import GodparentProfileFactory, ParliamentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]

DISCREET_NAME = "Canary Discreetova"


@pytest.fixture
def declaration():
    congress = Congress.objects.create(
        title="Congress of Symbolic Godparents",
        starts_on=datetime.date(2027, 3, 25),
        ends_on=datetime.date(2027, 3, 26),
        place="Vilnius",
    )
    return Declaration.objects.create(
        congress=congress,
        title="Vilnius Declaration",
        text="We stand by every political prisoner of Belarus.",
        text_be="Мы побач з кожным палітвязнем Беларусі.",
        signing_open=True,
    )


def _registered(congress, email, *, listed=True, godparent=None, parliament=None):
    if godparent is not None:
        congress_invite(congress=congress, by=None, godparents=[godparent])
        email = godparent.user.email
    else:
        congress_invite(congress=congress, by=None, guests=[Guest(email)])
    registration, _ = congress_register(
        invitation=Invitation.objects.get(congress=congress, email=email),
        data=RegistrationData(
            godparent.full_name if godparent else email.split("@")[0].title(),
            "in_person",
            parliament=parliament or (godparent.parliament if godparent else None),
            organisation="" if (parliament or godparent) else "Guests",
            listed=listed,
        ),
        user=None,
    )
    return registration


def test_signing_twice_is_one_signature_and_a_closed_declaration_refuses(client, declaration):
    registration = _registered(declaration.congress, "rasa@lrs.example")
    url = reverse("congress:declaration", args=[invitation_token(registration.invitation)])

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.post(url)
    client.post(url)

    assert "We stand by every political prisoner" in page
    assert Signature.objects.count() == 1
    declaration.signing_open = False
    declaration.save()
    late = _registered(declaration.congress, "late@example.org")
    with pytest.raises(ValidationError):
        declaration_sign(registration=late, user=None)


def test_the_declaration_reads_in_belarusian_where_translated(client, declaration):
    registration = _registered(declaration.congress, "rasa@lrs.example")
    token = invitation_token(registration.invitation)
    html = client.get(f"/be/congress/declaration/{token}/").content.decode()
    assert "Мы побач з кожным палітвязнем Беларусі." in html


def test_a_cancelled_registration_cannot_sign(declaration):
    registration = _registered(declaration.congress, "a@example.org")
    registration_cancel(registration=registration, user=None)
    with pytest.raises(ValidationError):
        declaration_sign(registration=registration, user=None)


def test_only_listed_signatories_are_named_and_few_others_are_not_counted(declaration):
    seimas = ParliamentFactory(country="LT", name="Seimas")
    discreet = GodparentProfileFactory(
        full_name=DISCREET_NAME, parliament=seimas, is_discreet=True, public_listing_consent=False
    )
    congress = declaration.congress
    named = _registered(congress, "rasa@lrs.example", parliament=seimas)
    for registration in (
        named,
        _registered(congress, "", godparent=discreet, listed=True),
        _registered(congress, "quiet@example.org", listed=False),
    ):
        declaration_sign(registration=registration, user=None)

    signatories = declaration_signatories(declaration)

    assert signatories.by_parliament == (("Seimas (LT)", ("Rasa",)),)
    assert signatories.others.withheld  # two unnamed: too few to count in public

    for n in range(DISCRETION_FLOOR):
        declaration_sign(
            registration=_registered(congress, f"q{n}@example.org", listed=False), user=None
        )
    assert declaration_signatories(declaration).others.value == DISCRETION_FLOOR + 2

    named.listed = False  # consent withdrawn after signing: the name goes
    named.save()
    assert declaration_signatories(declaration).by_parliament == ()


def test_the_public_page_and_the_pdf_never_name_a_discreet_signatory(client, site, declaration):
    seimas = ParliamentFactory(country="LT", name="Seimas")
    discreet = GodparentProfileFactory(
        full_name=DISCREET_NAME, parliament=seimas, is_discreet=True, public_listing_consent=False
    )
    listed = GodparentProfileFactory(full_name="Rasa Listed", parliament=seimas)
    congress = declaration.congress
    for godparent in (discreet, listed):
        declaration_sign(
            registration=_registered(congress, "", godparent=godparent, listed=True), user=None
        )
    home = HomePage.objects.get(locale__language_code="en")
    page = home.add_child(
        instance=CongressPage(title="Congress 2027", slug="congress", congress=congress)
    )

    html = client.get(page.url).content.decode()
    pdf = client.get(reverse("congress:declaration_pdf", args=[congress.pk]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)

    assert "Vilnius Declaration" in html
    assert "Rasa Listed" in html
    assert pdf["Content-Type"] == "application/pdf"
    assert "Rasa Listed" in text
    assert "We stand by every political prisoner" in text
    for body in (html, text):
        assert DISCREET_NAME not in body
