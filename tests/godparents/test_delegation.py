"""Assistants invited by a godparent log letters and actions for them, and nothing more."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.utils import timezone

from solidarity.activity.models import Letter
from solidarity.godparents.delegation import staff_accept, staff_invite, staff_revoke
from solidarity.godparents.models import GodparentStaff
from solidarity.matching.models import MatchStatus
from tests.factories import UserFactory
from tests.factories.matching import MatchFactory
from tests.submissions import with_submission

pytestmark = pytest.mark.django_db


def _assistant(email="assistant@bundestag.example"):
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _token_from(message) -> str:
    return re.search(r"/me/staff/join/([^/\s]+)/", message.body).group(1)


def test_an_invitation_is_emailed_with_a_link_that_the_invited_address_accepts(
    client, godparent, outbox
):
    client.force_login(godparent.user)

    response = client.post("/en/me/staff/", {"email": "Assistant@Bundestag.example"})

    assert response.status_code == 302
    (message,) = outbox
    assert message.to == ["assistant@bundestag.example"]
    assert godparent.full_name in message.subject
    assistant = _assistant()
    client.force_login(assistant)
    url = f"/en/me/staff/join/{_token_from(message)}/"
    assert godparent.full_name in client.get(url).content.decode()
    accepted = client.post(url)
    assert accepted.status_code == 302
    staff = GodparentStaff.objects.get()
    assert staff.user == assistant
    assert staff.accepted_at is not None


def test_an_invitation_cannot_be_accepted_by_another_address(godparent, outbox):
    staff_invite(godparent=godparent, email="assistant@bundestag.example", by=godparent.user)
    token = _token_from(outbox[0])

    with pytest.raises(ValidationError, match="sent to another address"):
        staff_accept(token=token, user=_assistant("intruder@example.org"))


def test_a_tampered_or_revoked_invitation_is_refused(client, godparent, outbox):
    staff = staff_invite(
        godparent=godparent, email="assistant@bundestag.example", by=godparent.user
    )
    token = _token_from(outbox[0])
    client.force_login(_assistant())

    assert client.get(f"/en/me/staff/join/{token}x/").status_code == 404
    staff_revoke(staff=staff, by=godparent.user)
    assert client.get(f"/en/me/staff/join/{token}/").status_code == 404


def test_the_same_address_cannot_be_invited_twice_nor_ones_own(godparent):
    staff_invite(godparent=godparent, email="assistant@bundestag.example", by=godparent.user)

    with pytest.raises(ValidationError, match="already invited"):
        staff_invite(godparent=godparent, email="ASSISTANT@bundestag.example", by=godparent.user)
    with pytest.raises(ValidationError, match="your own address"):
        staff_invite(godparent=godparent, email=godparent.user.email, by=godparent.user)


def test_an_anonymous_visitor_following_the_link_comes_back_after_signing_up(
    client, godparent, outbox
):
    staff_invite(godparent=godparent, email="assistant@bundestag.example", by=godparent.user)
    url = f"/en/me/staff/join/{_token_from(outbox[0])}/"

    page = client.get(url)
    assert "Create an account" in page.content.decode()
    client.force_login(_assistant())  # as after sign-up and email confirmation

    response = client.get("/en/me/")

    assert response.status_code == 302
    assert response.url == url


@pytest.fixture
def assisted(godparent, outbox):
    staff_invite(godparent=godparent, email="assistant@bundestag.example", by=godparent.user)
    assistant = _assistant()
    staff_accept(token=_token_from(outbox[0]), user=assistant)
    return assistant


def test_an_assistant_logs_a_letter_recorded_as_theirs_for_the_godparent(
    client, godparent, assisted
):
    match = MatchFactory(godparent=godparent)
    client.force_login(assisted)

    dashboard = client.get("/en/me/", follow=True)
    assert match.prisoner.name_latin in dashboard.content.decode()
    response = client.post(
        f"/en/me/prisoners/{match.pk}/letter/",
        with_submission(
            client,
            f"/en/me/prisoners/{match.pk}/letter/",
            {"sent_on": timezone.localdate().isoformat(), "channel": "post"},
        ),
    )

    assert response.status_code == 302
    letter = Letter.objects.get()
    assert (letter.godparent, letter.logged_by) == (godparent, assisted)


def test_an_assistant_cannot_change_the_profile_answer_offers_or_manage_staff(
    client, godparent, assisted
):
    offer = MatchFactory(godparent=godparent, status=MatchStatus.OFFERED, responded_at=None)
    client.force_login(assisted)

    assert client.post(f"/en/me/offers/{offer.pk}/", {"answer": "accept"}).status_code == 404
    assert client.get("/en/me/staff/").status_code == 404
    profile_page = client.get("/en/me/profile/")
    assert profile_page.status_code == 302  # assistants get no profile form
    assisted_page = client.get(f"/en/me/for/{godparent.pk}/").content.decode()
    assert "Offers waiting" not in assisted_page
    assert "Edit your profile" not in assisted_page
    offer.refresh_from_db()
    assert offer.status == MatchStatus.OFFERED


def test_a_revoked_assistant_loses_access_at_once(client, godparent, assisted):
    match = MatchFactory(godparent=godparent)
    client.force_login(godparent.user)
    staff = GodparentStaff.objects.get()

    client.post(f"/en/me/staff/{staff.pk}/revoke/")

    client.force_login(assisted)
    assert client.get(f"/en/me/for/{godparent.pk}/").status_code == 404
    assert client.get(f"/en/me/prisoners/{match.pk}/letter/").status_code == 404


def test_only_verified_godparents_invite_and_only_ten_a_day(godparent, outbox):
    from solidarity.godparents.delegation import INVITATIONS_PER_DAY

    for number in range(INVITATIONS_PER_DAY):
        staff_invite(godparent=godparent, email=f"aide{number}@example.org", by=godparent.user)
    with pytest.raises(ValidationError, match="many invitations today"):
        staff_invite(godparent=godparent, email="one-more@example.org", by=godparent.user)
    assert len(outbox) == INVITATIONS_PER_DAY

    godparent.verification_state, godparent.verified_at = "unverified", None
    godparent.save()
    with pytest.raises(ValidationError, match="once an organiser has verified you"):
        staff_invite(godparent=godparent, email="aide@example.org", by=godparent.user)
