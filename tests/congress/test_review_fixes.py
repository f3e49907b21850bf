"""The ways a discreet or erased person, or someone else's invitation, could slip through."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from solidarity.congress.models import Congress, Declaration, Invitation, Registration
from solidarity.congress.selectors import listed_participants
from solidarity.congress.services import (
    Guest,
    RegistrationData,
    congress_invite,
    congress_register,
    congress_remind,
    invitation_token,
    registration_cancel,
)
from solidarity.portal.services import account_delete
from tests.factories import GodparentProfileFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]

NEEDS = "CANARY-ERASED-NEEDS"


@pytest.fixture
def congress():
    return Congress.objects.create(
        title="Congress",
        starts_on=datetime.date(2027, 3, 25),
        ends_on=datetime.date(2027, 3, 26),
        place="Vilnius",
    )


def _data(**overrides) -> RegistrationData:
    values = {"full_name": "Someone", "attendance": "in_person", "organisation": "X"}
    values.update(overrides)
    return RegistrationData(**values)


def test_a_discreet_godparent_invited_as_a_guest_is_known_and_never_listed(client, congress):
    discreet = GodparentProfileFactory(is_discreet=True, public_listing_consent=False)
    congress_invite(congress=congress, by=None, guests=[Guest(discreet.user.email.upper())])
    invitation = Invitation.objects.get()
    assert invitation.godparent == discreet

    page = client.get(reverse("congress:register", args=[invitation_token(invitation)]))
    assert 'name="listed"' not in page.content.decode()
    registration, _ = congress_register(invitation=invitation, data=_data(listed=True), user=None)
    assert registration.godparent == discreet
    assert not registration.listed
    assert list(listed_participants(congress)) == []


def test_someone_signed_in_does_not_take_over_another_persons_invitation(congress):
    assistant = GodparentProfileFactory()  # signed in on the same browser
    congress_invite(congress=congress, by=None, guests=[Guest("guest@example.org")])
    registration, _ = congress_register(
        invitation=Invitation.objects.get(), data=_data(), user=assistant.user
    )
    assert registration.godparent is None


def test_the_link_does_not_carry_the_address_in_clear(congress):
    congress_invite(congress=congress, by=None, guests=[Guest("ona.pavardenyte@lrs.example")])
    token = invitation_token(Invitation.objects.get())
    import base64

    decoded = base64.urlsafe_b64decode(token.split(":")[0] + "==")
    assert b"pavardenyte" not in decoded
    assert "pavardenyte" not in token


def test_a_cancelled_registration_does_not_come_back_once_registration_closed(congress):
    congress_invite(congress=congress, by=None, guests=[Guest("a@example.org")])
    invitation = Invitation.objects.get()
    registration, _ = congress_register(invitation=invitation, data=_data(), user=None)
    registration_cancel(registration=registration, user=None)
    congress.registration_open = False
    congress.save()
    with pytest.raises(ValidationError):
        congress_register(invitation=invitation, data=_data(), user=None)
    assert Registration.objects.get().is_cancelled


def test_no_reminder_for_a_closed_or_past_congress(congress, outbox):
    congress_invite(congress=congress, by=None, guests=[Guest("a@example.org")])
    later = Invitation.objects.get().created_at + datetime.timedelta(days=8)
    congress.registration_open = False
    congress.save()
    assert congress_remind(congress=congress, by=None, now=later) == 0
    congress.registration_open = True
    congress.save()
    after = datetime.datetime(2027, 4, 1, 12, tzinfo=datetime.UTC)
    assert congress_remind(congress=congress, by=None, now=after) == 0


def test_deleting_the_account_erases_the_registration_and_the_name_from_public_lists(congress):
    godparent = GodparentProfileFactory(full_name="Erased Person")
    congress_invite(congress=congress, by=None, godparents=[godparent])
    registration, _ = congress_register(
        invitation=Invitation.objects.get(),
        data=_data(full_name="Erased Person", listed=True, accessibility_needs=NEEDS),
        user=None,
    )
    assert list(listed_participants(congress)) == [registration]

    account_delete(user=godparent.user)

    registration.refresh_from_db()
    assert "Erased Person" not in registration.full_name
    assert registration.accessibility_needs == ""
    assert not registration.listed
    assert godparent.user.email not in Invitation.objects.get().email
    assert list(listed_participants(congress)) == []


def test_a_draft_declaration_is_not_public(client, congress):
    Declaration.objects.create(congress=congress, title="Draft", text="Not yet.")
    assert client.get(reverse("congress:declaration_pdf", args=[congress.pk])).status_code == 404


def test_invite_all_godparents_leaves_out_erased_profiles(congress):
    from django.utils import timezone

    GodparentProfileFactory()
    GodparentProfileFactory(user=UserFactory(), deleted_at=timezone.now())
    outcome = congress_invite(congress=congress, by=None, all_godparents=True)
    assert (outcome.invited, outcome.without_email) == (1, 0)
