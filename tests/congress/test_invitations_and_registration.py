"""The Congress: invitations (once per address), registration from the signed link, check-in,
pledges and the hall screen."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from solidarity.accounts.roles import Role
from solidarity.congress.models import Congress, Invitation, Pledge, Registration
from solidarity.congress.selectors import congress_hall_counters, listed_participants
from solidarity.congress.services import (
    Guest,
    RegistrationData,
    badge_token,
    congress_invite,
    congress_register,
    congress_remind,
    guest_list_parse,
    invitation_token,
    pledge_make,
    registration_check_in,
)
from solidarity.godparents.models import VerificationState
from tests.factories import (
    GodparentProfileFactory,
    MatchFactory,
    ParliamentFactory,
    PrisonerFactory,
    user_with_role,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]

ACCESSIBILITY_CANARY = "CANARY-WHEELCHAIR-7731"


@pytest.fixture
def congress():
    return Congress.objects.create(
        title="Congress of Symbolic Godparents",
        starts_on=datetime.date(2027, 3, 25),
        ends_on=datetime.date(2027, 3, 26),
        place="Vilnius, Seimas",
        languages=["be", "en", "lt", "ru"],
    )


@pytest.fixture
def seimas():
    return ParliamentFactory(country="LT", name="Seimas", short_name="Seimas")


@pytest.fixture
def sejm():
    return ParliamentFactory(country="PL", name="Sejm", short_name="Sejm")


def _link(invitation: Invitation) -> str:
    return reverse("congress:register", args=[invitation_token(invitation)])


def _form(**overrides) -> dict:
    data = {
        "full_name": "Rūta Petrauskienė",
        "attendance": "in_person",
        "parliament": "",
        "organisation": "",
        "country": "LT",
        "delegation": "",
        "accessibility_needs": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- invitations --------------------------------------------------------------------------------


def test_two_parliaments_are_invited_once_per_address_in_each_language(
    congress, seimas, sejm, outbox
):
    lithuanian = GodparentProfileFactory(parliament=seimas, full_name="Rūta Petrauskienė")
    lithuanian.user.preferred_language = "ru"
    lithuanian.user.save()
    GodparentProfileFactory(parliament=sejm)
    GodparentProfileFactory(parliament=sejm, verification_state=VerificationState.UNVERIFIED)
    GodparentProfileFactory()  # a Bundestag godparent: not invited

    first = congress_invite(congress=congress, by=None, parliaments=[seimas, sejm])
    again = congress_invite(congress=congress, by=None, parliaments=[seimas, sejm])

    assert (first.invited, first.already) == (2, 0)
    assert (again.invited, again.already) == (0, 2)
    assert Invitation.objects.filter(congress=congress).count() == 2
    assert len(outbox) == 2
    russian = next(m for m in outbox if m.to == [lithuanian.user.email])
    link = re.search(r"https?://\S+/congress/register/\S+/", russian.body)
    assert link is not None
    assert "/ru/congress/" in link.group(0)
    assert "Приглашение: Congress of Symbolic Godparents" in russian.subject


def test_a_guest_list_is_read_as_spreadsheets_paste_it(congress):
    parsed = guest_list_parse(
        "Jana Nováková <jana.novakova@psp.cz>\n"
        "\n"
        "pekka.virtanen@eduskunta.fi, Pekka Virtanen\n"
        "anna.k@bundestag.de\tAnna Kowalski\n"
        "JANA.NOVAKOVA@psp.cz\n"
        '"Ieva Ozola" <ieva.ozola@saeima.lv>\n'
        "not an address\n"
    )
    assert [(guest.email, guest.name) for guest in parsed.guests] == [
        ("jana.novakova@psp.cz", "Jana Nováková"),
        ("pekka.virtanen@eduskunta.fi", "Pekka Virtanen"),
        ("anna.k@bundestag.de", "Anna Kowalski"),
        ("ieva.ozola@saeima.lv", "Ieva Ozola"),
    ]
    assert parsed.duplicates == 1
    assert parsed.errors == [(7, "not an address")]


def test_the_invite_form_refuses_a_bad_line_and_keeps_the_list(client, congress):
    organiser = user_with_role(Role.ORGANISER)
    client.force_login(organiser)
    text = "jana.novakova@psp.cz\nnot an address\n"
    response = client.post(
        reverse("congress_desk:invite"), {"congress": congress.pk, "guests": text}
    )
    assert response.status_code == 200
    assert "not an address" in response.content.decode()
    assert text.strip() in response.content.decode()
    assert not Invitation.objects.exists()

    response = client.post(
        reverse("congress_desk:invite"),
        {"congress": congress.pk, "guests": "jana.novakova@psp.cz\n"},
    )
    assert response.status_code == 302
    assert Invitation.objects.get().email == "jana.novakova@psp.cz"


def test_reminders_go_once_a_week_to_those_who_did_not_register(congress, outbox):
    congress_invite(
        congress=congress,
        by=None,
        guests=[Guest("a@example.org", "A"), Guest("b@example.org", "B")],
    )
    registered = Invitation.objects.get(email="b@example.org")
    congress_register(invitation=registered, data=RegistrationData("B", "online"), user=None)
    outbox.clear()
    later = registered.created_at + datetime.timedelta(days=8)

    assert congress_remind(congress=congress, by=None, now=later) == 1
    assert congress_remind(congress=congress, by=None, now=later + datetime.timedelta(days=1)) == 0
    assert congress_remind(congress=congress, by=None, now=later + datetime.timedelta(days=8)) == 1
    assert [m.to for m in outbox] == [["a@example.org"], ["a@example.org"]]


# --- registration -------------------------------------------------------------------------------


def test_a_godparent_registers_from_the_link_and_a_double_submit_makes_one_row(
    client, congress, seimas, outbox
):
    godparent = GodparentProfileFactory(parliament=seimas)
    congress_invite(congress=congress, by=None, godparents=[godparent])
    invitation = Invitation.objects.get()
    outbox.clear()

    page = client.get(_link(invitation))
    assert page.status_code == 200
    assert godparent.full_name in page.content.decode()  # prefilled from the invitation
    form = _form(parliament=seimas.pk, languages=["lt", "en"], listed="on")
    first = client.post(_link(invitation), form)
    second = client.post(_link(invitation), form)

    assert first.status_code == second.status_code == 302
    registration = Registration.objects.get()
    assert registration.godparent == godparent
    assert registration.languages == ["lt", "en"]
    assert registration.listed
    assert len(outbox) == 1  # one confirmation, with the badge's link
    assert reverse("congress:badge", args=[badge_token(registration)]) in outbox[0].body


def test_a_forged_or_altered_link_is_a_404(client, congress):
    congress_invite(congress=congress, by=None, guests=[Guest("a@example.org")])
    invitation = Invitation.objects.get()
    token = invitation_token(invitation)
    assert client.get(reverse("congress:register", args=[token[:-2] + "xx"])).status_code == 404
    invitation.email = "someone.else@example.org"
    invitation.save()
    assert client.get(reverse("congress:register", args=[token])).status_code == 404


def test_a_discreet_godparent_is_never_listed_as_a_participant(client, congress, seimas):
    discreet = GodparentProfileFactory(
        parliament=seimas, is_discreet=True, public_listing_consent=False
    )
    congress_invite(congress=congress, by=None, godparents=[discreet])
    invitation = Invitation.objects.get()
    page = client.get(_link(invitation)).content.decode()
    assert 'name="listed"' not in page
    client.post(_link(invitation), _form(parliament=seimas.pk, listed="on"))
    registration = Registration.objects.get()
    assert not registration.listed
    assert list(listed_participants(congress)) == []


def test_a_guest_registers_and_is_offered_the_godparent_sign_up_prefilled(client, congress):
    congress_invite(
        congress=congress, by=None, guests=[Guest("ieva.ozola@saeima.lv", "Ieva Ozola")]
    )
    invitation = Invitation.objects.get()
    client.post(_link(invitation), _form(full_name="Ieva Ozola", organisation="Saeima"))
    page = client.get(_link(invitation)).content.decode()
    assert f"{reverse('account_signup')}?email=ieva.ozola%40saeima.lv" in page
    signup = client.get(f"{reverse('account_signup')}?email=ieva.ozola%40saeima.lv")
    assert 'value="ieva.ozola@saeima.lv"' in signup.content.decode()


def test_a_language_the_congress_does_not_offer_is_refused(congress):
    congress_invite(congress=congress, by=None, guests=[Guest("a@example.org")])
    with pytest.raises(ValidationError):
        congress_register(
            invitation=Invitation.objects.get(),
            data=RegistrationData("A", "online", organisation="X", languages=("ja",)),
            user=None,
        )
    assert not Registration.objects.exists()


def test_closed_registration_refuses_newcomers_but_keeps_the_registered(client, congress):
    congress_invite(
        congress=congress, by=None, guests=[Guest("a@example.org"), Guest("b@example.org")]
    )
    early = Invitation.objects.get(email="a@example.org")
    client.post(_link(early), _form(organisation="Saeima"))
    congress.registration_open = False
    congress.save()
    late = Invitation.objects.get(email="b@example.org")

    assert "closed" in client.get(_link(late)).content.decode()
    client.post(_link(late), _form(organisation="Sejm"))
    changed = client.post(_link(early), _form(organisation="Saeima", attendance="online"))

    assert changed.status_code == 302
    assert Registration.objects.get().attendance == "online"


def test_accessibility_needs_stay_with_the_organisers(client, congress, seimas):
    congress_invite(congress=congress, by=None, guests=[Guest("a@example.org", "A")])
    invitation = Invitation.objects.get()
    client.post(
        _link(invitation),
        _form(parliament=seimas.pk, listed="on", accessibility_needs=ACCESSIBILITY_CANARY),
    )
    registration = Registration.objects.get()
    assert registration.accessibility_needs == ACCESSIBILITY_CANARY
    badge = client.get(reverse("congress:badge", args=[badge_token(registration)]))
    hall = client.get(reverse("congress:hall", args=[congress.pk]))
    organiser = user_with_role(Role.ORGANISER)
    client.force_login(organiser)
    export = client.get(reverse("wagtailsnippets_congress_registration:list") + "?export=csv")
    assert export.status_code == 200
    exported = b"".join(export.streaming_content).decode()
    assert "Rūta Petrauskienė" in exported
    for response_text in (badge.content.decode(), hall.content.decode(), exported):
        assert ACCESSIBILITY_CANARY not in response_text


# --- the door, pledges, the hall ----------------------------------------------------------------


def _registered(congress, email="a@example.org") -> Registration:
    congress_invite(congress=congress, by=None, guests=[Guest(email, "A")])
    invitation = Invitation.objects.get(email=email)
    registration, _ = congress_register(
        invitation=invitation, data=RegistrationData("A", "in_person", organisation="X"), user=None
    )
    return registration


def test_the_badge_qr_code_opens_the_check_in_which_counts_once(client, congress):
    registration = _registered(congress)
    token = badge_token(registration)
    badge = client.get(reverse("congress:badge", args=[token]))
    assert "<svg" in badge.content.decode()

    organiser = user_with_role(Role.ORGANISER)
    client.force_login(organiser)
    door = client.get(reverse("congress_desk:check_in_badge", args=[token]))
    assert "A" in door.content.decode()
    for _ in range(2):
        client.post(reverse("congress_desk:check_in"), {"registration": registration.pk})
    registration.refresh_from_db()
    assert registration.checked_in_by == organiser
    assert not registration_check_in(registration=registration, by=organiser)


def test_pledges_open_during_the_congress_and_a_second_pledge_replaces_the_first(client, congress):
    registration = _registered(congress)
    with pytest.raises(ValidationError):
        pledge_make(registration=registration, prisoners=2, user=None)
    congress.pledges_open = True
    congress.save()
    url = reverse("congress:pledge", args=[invitation_token(registration.invitation)])
    client.post(url, {"prisoners": "2"})
    client.post(url, {"prisoners": "3"})
    assert Pledge.objects.get().prisoners == 3
    with pytest.raises(ValidationError):
        pledge_make(registration=registration, prisoners=11, user=None)


def test_the_hall_screen_counts_and_refreshes_itself(client, congress, seimas):
    congress.pledges_open = True
    congress.save()
    godparent = GodparentProfileFactory(parliament=seimas)
    congress_invite(congress=congress, by=None, godparents=[godparent])
    registration, _ = congress_register(
        invitation=Invitation.objects.get(),
        data=RegistrationData("A", "in_person", parliament=seimas),
        user=None,
    )
    pledge_make(registration=registration, prisoners=2, user=None)
    held = PrisonerFactory()
    before = congress_hall_counters(congress)
    MatchFactory(
        godparent=godparent,
        prisoner=held,
        status="active",
        responded_at=datetime.datetime(2027, 3, 25, 15, tzinfo=datetime.UTC),
    )
    after = congress_hall_counters(congress)

    assert (before.participants, before.countries, before.pledges) == (1, 1, 2)
    assert (before.accepted, after.accepted) == (0, 1)
    assert after.without_godparent == before.without_godparent - 1
    page = client.get(reverse("congress:hall", args=[congress.pk])).content.decode()
    assert 'http-equiv="refresh"' in page


def test_the_hall_screen_runs_a_fixed_number_of_queries(client, congress):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("congress:hall", args=[congress.pk]))
        return len(captured)

    _registered(congress, "a@example.org")
    queries()  # the first request of a test also reads the site and the locales
    few = queries()
    for n in range(15):
        _registered(congress, f"p{n}@example.org")
    assert queries() == few


def test_a_guest_who_signs_up_starts_from_the_registration_and_keeps_the_pledge(
    client, congress, seimas
):
    from tests.factories import UserFactory
    from tests.portal.conftest import profile_data

    congress.pledges_open = True
    congress.save()
    congress_invite(congress=congress, by=None, guests=[Guest("ieva.ozola@saeima.lv")])
    invitation = Invitation.objects.get()
    client.post(_link(invitation), _form(full_name="Ieva Ozola", parliament=seimas.pk))
    client.post(reverse("congress:pledge", args=[invitation_token(invitation)]), {"prisoners": "1"})
    user = UserFactory(email="ieva.ozola@saeima.lv")
    client.force_login(user)  # the session that registered goes on signing up

    step = client.get(reverse("portal:profile")).content.decode()
    client.post(
        reverse("portal:profile"), profile_data(seimas, full_name="Ieva Ozola", official_email="")
    )

    assert 'value="Ieva Ozola"' in step
    registration = Registration.objects.get()
    assert registration.godparent is not None
    assert registration.godparent.user == user
    assert registration.pledge.prisoners == 1
    assert Invitation.objects.get().godparent == registration.godparent


def test_another_address_does_not_take_over_a_registration(client, congress, seimas):
    from tests.factories import UserFactory
    from tests.portal.conftest import profile_data

    congress_invite(congress=congress, by=None, guests=[Guest("ieva.ozola@saeima.lv")])
    invitation = Invitation.objects.get()
    client.post(_link(invitation), _form(full_name="Ieva Ozola", parliament=seimas.pk))
    client.force_login(UserFactory(email="someone.else@example.org"))

    step = client.get(reverse("portal:profile")).content.decode()
    client.post(reverse("portal:profile"), profile_data(seimas, official_email=""))

    assert "Ieva Ozola" not in step
    assert Registration.objects.get().godparent is None


def test_the_participant_list_and_the_badges_print_without_needs_or_addresses(client, congress):
    import io

    from pypdf import PdfReader

    registration = _registered(congress)
    registration.accessibility_needs = ACCESSIBILITY_CANARY
    registration.full_name = "Rūta Petrauskienė"
    registration.save()
    client.force_login(user_with_role(Role.ORGANISER))

    for name in ("participants_pdf", "badges_pdf"):
        response = client.get(reverse(f"congress_desk:{name}") + f"?congress={congress.pk}")
        assert response["Content-Type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(response.content))
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        assert "Rūta Petrauskienė" in text
        assert ACCESSIBILITY_CANARY not in text
        assert "a@example.org" not in text
