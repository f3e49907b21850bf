"""The profile step after sign-up: a parliamentarian becomes a godparent awaiting verification."""

import pytest
from django.urls import reverse

from solidarity.accounts.permissions import has_role
from solidarity.accounts.roles import Role
from solidarity.godparents.models import GodparentProfile, VerificationState
from tests.factories.accounts import user_with_role

from .conftest import profile_data

pytestmark = pytest.mark.django_db
PROFILE_URL = "/en/me/profile/"


def test_after_sign_in_a_new_user_is_led_to_the_profile_step(client, new_user):
    client.force_login(new_user)

    response = client.get("/en/me/")

    assert response.status_code == 302
    assert response.url == PROFILE_URL
    page = client.get(PROFILE_URL)
    assert page.status_code == 200
    assert "Step 3 of 3" in page.content.decode()


def test_the_login_redirect_leads_godparents_to_their_dashboard_and_staff_to_the_admin(rf):
    from solidarity.portal.adapters import AccountAdapter

    request = rf.get("/")
    request.user = user_with_role(None)
    assert AccountAdapter(request).get_login_redirect_url(request) == reverse("portal:dashboard")
    request.user = user_with_role(Role.ORGANISER)
    assert AccountAdapter(request).get_login_redirect_url(request) == reverse("wagtailadmin_home")


def test_completing_the_profile_creates_an_unverified_godparent(client, new_user, parliament):
    client.force_login(new_user)

    response = client.post(PROFILE_URL, profile_data(parliament))

    assert response.status_code == 302, response.content.decode()[:2000]
    profile = GodparentProfile.objects.get(user=new_user)
    assert profile.verification_state == VerificationState.UNVERIFIED
    assert profile.parliament == parliament
    assert profile.languages == ["de", "en"]
    assert profile.capacity == 2
    assert profile.preferred_regions == ["minsk"]
    assert has_role(new_user, Role.GODPARENT)
    dashboard = client.get(response.url).content.decode()
    assert "Waiting for verification" in dashboard


def test_a_parliament_not_in_the_list_is_written_as_free_text(client, new_user):
    client.force_login(new_user)

    client.post(
        PROFILE_URL, profile_data(None, parliament_other="Parlament des Fürstentums Liechtenstein")
    )

    profile = GodparentProfile.objects.get(user=new_user)
    assert profile.parliament is None
    assert profile.parliament_other == "Parlament des Fürstentums Liechtenstein"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"parliament": ""}, "parliament", "Choose your parliament"),
        (
            {"official_email": "", "mandate_evidence_url": ""},
            "official_email",
            "so that we can verify you",
        ),
        ({"is_discreet": "on"}, "is_discreet", "choose one of the two"),
        ({"languages": []}, "languages", "This field is required"),
        ({"capacity": "9"}, "capacity", "Select a valid choice"),
    ],
    ids=["no-parliament", "no-evidence", "discreet-and-listed", "no-language", "capacity"],
)
def test_an_incomplete_profile_is_explained_and_nothing_is_saved(
    client, new_user, parliament, overrides, field, message
):
    client.force_login(new_user)

    response = client.post(PROFILE_URL, profile_data(parliament, **overrides))

    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert "Please correct the errors below." in response.content.decode()
    assert not GodparentProfile.objects.filter(user=new_user).exists()
    assert not has_role(new_user, Role.GODPARENT)


def test_the_parliament_list_groups_international_assemblies_and_countries(client, new_user):
    client.force_login(new_user)

    content = client.get(PROFILE_URL).content.decode()

    assert '<optgroup label="International assemblies">' in content
    assert "Parliamentary Assembly of the Council of Europe (PACE)" in content
    assert '<optgroup label="Germany">' in content
    assert "data-parliament-picker" in content


def test_answering_a_request_for_information_puts_the_profile_back_in_the_queue(
    client, godparent, parliament
):
    godparent.verification_state = VerificationState.INFO_REQUESTED
    godparent.verified_at = None
    godparent.save()
    client.force_login(godparent.user)

    response = client.post(PROFILE_URL, profile_data(parliament, full_name="Anna B. Beispiel"))

    assert response.status_code == 302
    godparent.refresh_from_db()
    assert godparent.full_name == "Anna B. Beispiel"
    assert godparent.verification_state == VerificationState.UNVERIFIED


def _own_data(godparent, **overrides) -> dict:
    own = {
        "full_name": godparent.full_name,
        "role": godparent.role,
        "official_email": godparent.official_email or "anna@bundestag.example",
        "mandate_evidence_url": godparent.mandate_evidence_url,
    }
    return profile_data(godparent.parliament, **{**own, **overrides})


def test_editing_preferences_keeps_a_verified_godparent_verified(client, godparent):
    godparent.official_email = "anna@bundestag.example"
    godparent.save()
    client.force_login(godparent.user)

    client.post(PROFILE_URL, _own_data(godparent, capacity="3", party="Another party"))

    godparent.refresh_from_db()
    assert (godparent.capacity, godparent.party) == (3, "Another party")
    assert godparent.is_verified


@pytest.mark.parametrize(
    "change",
    [
        {"full_name": "Somebody Else"},
        {"official_email": "other@parliament.example"},
        {"parliament": "", "parliament_other": "Another assembly"},
    ],
    ids=["name", "evidence", "parliament"],
)
def test_changing_who_one_is_sends_a_verified_godparent_back_to_verification(
    client, godparent, change
):
    client.force_login(godparent.user)

    client.post(PROFILE_URL, _own_data(godparent, **change))

    godparent.refresh_from_db()
    assert godparent.verification_state == VerificationState.UNVERIFIED


def test_a_discreet_godparent_of_an_unpublished_prisoner_stays_discreet(client, godparent):
    from tests.factories.matching import MatchFactory
    from tests.factories.prisoners import PrisonerFactory

    godparent.is_discreet, godparent.public_listing_consent = True, False
    godparent.save()
    MatchFactory(godparent=godparent, prisoner=PrisonerFactory(publicity="none"))
    client.force_login(godparent.user)

    response = client.post(
        PROFILE_URL, _own_data(godparent, public_listing_consent="on", is_discreet=None)
    )

    assert response.status_code == 200
    assert "you stay discreet while you do" in response.content.decode()
    godparent.refresh_from_db()
    assert godparent.is_discreet


def test_platform_staff_get_no_profile_step(client, organiser):
    client.force_login(organiser)

    response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert not GodparentProfile.objects.filter(user=organiser).exists()


def test_the_profile_step_works_in_belarusian(client, new_user, parliament):
    client.force_login(new_user)

    response = client.get("/be/me/profile/")

    assert response.status_code == 200
    assert 'lang="be"' in response.content.decode()
