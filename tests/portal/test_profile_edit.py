"""The godparent's own profile edit in every verification state: what saves, what is refused with
which message, which state follows, and that a refused edit loses nothing the godparent typed."""

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from wagtail.models import ModelLogEntry

from solidarity.accounts.roles import Role
from solidarity.godparents.models import GodparentProfile, VerificationState
from solidarity.godparents.services import (
    EVIDENCE_REQUIRED,
    EVIDENCE_REQUIRED_AGAIN,
    VERIFICATION_ACTION,
)
from tests.factories.accounts import user_with_role
from tests.factories.godparents import GodparentProfileFactory, ParliamentFactory

from .conftest import profile_data

pytestmark = pytest.mark.django_db
PROFILE_URL = "/en/me/profile/"
NEW = "new"  # signed up and confirmed, no profile yet
STATES = [NEW, *VerificationState.values]
UNVERIFIED, INFO, VERIFIED = "unverified", "info_requested", "verified"
REJECTED, LEFT = "rejected", "left_office"
OFFICIAL = "anna@bundestag.example"


def _godparent(state: str, *, evidence: bool):
    """An account in the godparent role and, unless `state` is NEW, its profile in that state."""
    user = user_with_role(Role.GODPARENT)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if state == NEW:
        return user, None
    profile = GodparentProfileFactory(
        user=user,
        verification_state=state,
        verified_at=timezone.now() if state in (VERIFIED, LEFT) else None,
        official_email=OFFICIAL if evidence else "",
        mandate_evidence_url="",
        verification_note="Which committee?" if state in (INFO, REJECTED) else "",
    )
    return user, profile


def _post(client, user, profile, **overrides):
    own = {}
    if profile is not None:
        own = {"full_name": profile.full_name, "role": profile.role}
    data = {**own, "official_email": "", "mandate_evidence_url": "", **overrides}
    client.force_login(user)
    parliament = profile.parliament if profile else None
    if parliament is None:
        parliament = ParliamentFactory()
    return client.post(PROFILE_URL, profile_data(parliament, **data), follow=True)


def _state_of(user) -> str | None:
    profile = GodparentProfile.objects.filter(user=user).first()
    return profile.verification_state if profile else None


# The demo godparent's case: preferences changed on a profile without any evidence.
PREFERENCES_WITHOUT_EVIDENCE = {
    NEW: EVIDENCE_REQUIRED,
    UNVERIFIED: EVIDENCE_REQUIRED,
    INFO: EVIDENCE_REQUIRED,
    VERIFIED: VERIFIED,
    REJECTED: REJECTED,
    LEFT: LEFT,
}


@pytest.mark.parametrize("state", STATES)
def test_a_preferences_edit_asks_for_evidence_only_while_verification_is_ahead(client, state):
    user, profile = _godparent(state, evidence=False)

    response = _post(client, user, profile, party="Another party", capacity="3")

    expected = PREFERENCES_WITHOUT_EVIDENCE[state]
    if expected in VerificationState.values:
        assert response.redirect_chain, response.content.decode()[:3000]
        profile.refresh_from_db()
        assert (profile.party, profile.capacity, profile.verification_state) == (
            "Another party",
            3,
            expected,
        )
        assert "Your profile is saved." in response.content.decode()
    else:
        _assert_refused(response, user, state, field="official_email", message=expected)


# A change of who one is (the name), evidence given: the state each edit leads to.
IDENTITY_CHANGE_WITH_EVIDENCE = {
    NEW: UNVERIFIED,
    UNVERIFIED: UNVERIFIED,
    INFO: UNVERIFIED,
    VERIFIED: UNVERIFIED,
    REJECTED: REJECTED,
    LEFT: LEFT,
}


@pytest.mark.parametrize("state", STATES)
def test_a_change_of_name_with_evidence_saves_in_every_state(client, state):
    user, profile = _godparent(state, evidence=True)

    response = _post(client, user, profile, full_name="Anna B. Beispiel", official_email=OFFICIAL)

    assert response.redirect_chain, response.content.decode()[:3000]
    saved = GodparentProfile.objects.get(user=user)
    assert (saved.full_name, saved.verification_state) == (
        "Anna B. Beispiel",
        IDENTITY_CHANGE_WITH_EVIDENCE[state],
    )
    # A change of state by the godparent's own edit is audited like an organiser's decision.
    audited = ModelLogEntry.objects.filter(action=VERIFICATION_ACTION, object_id=str(saved.pk))
    assert audited.exists() == (state in (INFO, VERIFIED))
    if state == VERIFIED:
        assert "an organiser verifies it again" in response.content.decode()


# A change of who one is without any evidence: refused wherever it needs verifying.
IDENTITY_CHANGE_WITHOUT_EVIDENCE = {
    NEW: EVIDENCE_REQUIRED,
    UNVERIFIED: EVIDENCE_REQUIRED,
    INFO: EVIDENCE_REQUIRED,
    VERIFIED: EVIDENCE_REQUIRED_AGAIN,
    REJECTED: REJECTED,
    LEFT: LEFT,
}


@pytest.mark.parametrize("state", STATES)
def test_a_change_of_parliament_without_evidence_is_refused_where_it_needs_verifying(client, state):
    user, profile = _godparent(state, evidence=False)

    response = _post(
        client,
        user,
        profile,
        parliament="",
        parliament_other="Landtag Brandenburg",
        party="Another party",
    )

    expected = IDENTITY_CHANGE_WITHOUT_EVIDENCE[state]
    if expected in VerificationState.values:
        assert response.redirect_chain
        profile.refresh_from_db()
        assert (profile.parliament_other, profile.verification_state) == (
            "Landtag Brandenburg",
            expected,
        )
    else:
        _assert_refused(response, user, state, field="official_email", message=expected)
        assert 'value="Landtag Brandenburg"' in response.content.decode()


def _assert_refused(response, user, state, *, field, message):
    """Refused with the message next to the field, in the summary, the posted values kept, and
    nothing saved: not the values, not a change of state."""
    content = response.content.decode()
    assert not response.redirect_chain
    assert str(message) in str(response.context["form"].errors[field])
    assert f'<a href="#id_{field}">' in content
    assert 'value="Another party"' in content  # what the godparent typed is still there
    profile = GodparentProfile.objects.filter(user=user).first()
    if state == NEW:
        assert profile is None
    else:
        assert profile.party != "Another party"
        assert profile.verification_state == state


def test_removing_the_evidence_keeps_a_verified_godparent_verified(client):
    user, profile = _godparent(VERIFIED, evidence=True)

    _post(client, user, profile, official_email="")

    profile.refresh_from_db()
    assert (profile.official_email, profile.verification_state) == ("", VERIFIED)


def test_new_evidence_sends_a_verified_godparent_back_to_verification(client):
    user, profile = _godparent(VERIFIED, evidence=False)

    response = _post(client, user, profile, mandate_evidence_url="https://bundestag.de/anna")

    profile.refresh_from_db()
    assert profile.verification_state == UNVERIFIED
    assert "an organiser verifies it again" in response.content.decode()


def test_a_verified_godparent_is_told_before_saving_what_sends_them_back(client):
    user, _profile = _godparent(VERIFIED, evidence=False)
    client.force_login(user)

    content = client.get(PROFILE_URL).content.decode()

    assert "an organiser verifies you again before you are offered another prisoner" in content


def test_the_notices_describe_the_saved_state_after_a_refused_edit(client):
    user, profile = _godparent(VERIFIED, evidence=False)

    response = _post(client, user, profile, full_name="Somebody Else")

    content = response.content.decode()
    assert str(EVIDENCE_REQUIRED_AGAIN) in content
    assert 'value="Somebody Else"' in content
    assert "You are verified." in content


def test_a_web_page_typed_without_its_scheme_is_an_https_one(client):
    user, profile = _godparent(UNVERIFIED, evidence=False)

    _post(client, user, profile, mandate_evidence_url="bundestag.de/anna")

    profile.refresh_from_db()
    assert profile.mandate_evidence_url == "https://bundestag.de/anna"
