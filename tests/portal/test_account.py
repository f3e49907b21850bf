"""A godparent downloads everything held about them, or deletes the account keeping counts."""

import json

import pytest
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from solidarity.accounts.models import User
from solidarity.accounts.roles import Role
from solidarity.godparents.delegation import staff_invite
from solidarity.godparents.models import GodparentProfile
from solidarity.matching.models import EndReason, MatchStatus
from solidarity.portal.services import ERASED_NAME
from tests.factories.accounts import PASSWORD, user_with_role
from tests.factories.activity import AdvocacyActionFactory, LetterFactory
from tests.factories.godparents import GodparentProfileFactory
from tests.factories.matching import MatchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def active_godparent(godparent):
    match = MatchFactory(godparent=godparent, public_statement="Solidarity forever.")
    LetterFactory(godparent=godparent, prisoner=match.prisoner, note="NOTE-CANARY")
    action = AdvocacyActionFactory(title="Question in the Bundestag")
    action.godparents.add(godparent)
    action.prisoners.add(match.prisoner)
    return godparent


def test_the_export_holds_the_account_profile_matches_letters_and_actions(client, active_godparent):
    client.force_login(active_godparent.user)

    response = client.get("/en/me/data.json")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["account"]["email"] == active_godparent.user.email
    profile = data["godparent_profile"]
    assert profile["full_name"] == active_godparent.full_name
    assert profile["letters"][0]["note"] == "NOTE-CANARY"
    assert profile["actions"][0]["title"] == "Question in the Bundestag"
    assert profile["matches"][0]["public_statement"] == "Solidarity forever."
    assert "password" not in response.content.decode()


def test_the_export_leaves_out_proposals_that_were_never_offered(client, active_godparent):
    from tests.factories.prisoners import PrisonerFactory

    MatchFactory(
        godparent=active_godparent,
        prisoner=PrisonerFactory(name_latin="Never Offered"),
        status=MatchStatus.WITHDRAWN,
        offered_at=None,
        responded_at=None,
    )
    client.force_login(active_godparent.user)

    body = client.get("/en/me/data.json").content.decode()

    assert "Never Offered" not in body
    assert len(json.loads(body)["godparent_profile"]["matches"]) == 1


def test_a_shared_action_does_not_name_another_godparents_unpublished_prisoner(
    client, active_godparent
):
    from tests.factories.prisoners import PrisonerFactory

    hidden = PrisonerFactory(publicity="none", name_latin="Someone Else Hidden")
    other = GodparentProfileFactory(is_discreet=True, public_listing_consent=False)
    MatchFactory(prisoner=hidden, godparent=other)
    action = active_godparent.advocacy_actions.get()
    action.prisoners.add(hidden)
    client.force_login(active_godparent.user)

    data = json.loads(client.get("/en/me/data.json").content)

    [exported] = data["godparent_profile"]["actions"]
    assert "Someone Else Hidden" not in exported["prisoners"]
    assert len(exported["prisoners"]) == 1


def test_the_export_names_second_factors_but_never_their_secrets(client):
    organiser = user_with_role(Role.ORGANISER)
    client.force_login(organiser)

    data = client.get("/en/me/data.json").json()

    assert data["account"]["second_factors"] == ["totp"]
    assert "secret" not in json.dumps(data)


def test_deleting_needs_the_password(client, active_godparent):
    client.force_login(active_godparent.user)

    response = client.post("/en/me/delete/", {"password": "wrong"})

    assert response.status_code == 200
    assert "This is not your password." in response.content.decode()
    assert User.objects.filter(pk=active_godparent.user.pk).exists()


def test_deleting_erases_the_person_and_keeps_anonymised_counts(client, active_godparent, outbox):
    user = active_godparent.user
    staff_invite(godparent=active_godparent, email="assistant@example.org", by=user)
    log(instance=active_godparent, action="wagtail.edit", user=user)
    client.force_login(user)

    response = client.post("/en/me/delete/", {"password": PASSWORD})

    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert "_auth_user_id" not in client.session
    profile = GodparentProfile.objects.get(pk=active_godparent.pk)
    assert profile.user is None
    assert profile.deleted_at is not None
    assert profile.full_name == ERASED_NAME
    assert (profile.official_email, profile.party, profile.public_listing_consent) == (
        "",
        "",
        False,
    )
    assert profile.parliament == active_godparent.parliament  # country counts stay
    assert profile.letters.count() == 1
    assert profile.letters.get().note == ""
    assert profile.advocacy_actions.count() == 1
    match = profile.matches.get()
    assert (match.status, match.end_reason) == (MatchStatus.ENDED, EndReason.GODPARENT_LEFT)
    assert match.public_statement == ""
    assert profile.staff.get().revoked_at is not None
    labels = ModelLogEntry.objects.for_instance(profile).values_list("label", flat=True)
    assert set(labels) == {ERASED_NAME}


def test_platform_staff_cannot_delete_their_account_here(client):
    organiser = user_with_role(Role.ORGANISER)
    client.force_login(organiser)

    assert client.get("/en/me/delete/").status_code == 404


def test_deletion_erases_the_godparents_own_actions_texts_but_not_shared_ones(
    client, active_godparent
):
    from solidarity.activity.models import AdvocacyAction
    from tests.factories.godparents import GodparentProfileFactory

    own = AdvocacyAction.objects.get()
    own.description, own.evidence_url = "Speech by Anna Beispiel", "https://example.org/anna"
    own.save()
    shared = AdvocacyActionFactory(title="Joint letter", description="Signed by Anna and Olaf")
    shared.godparents.add(active_godparent, GodparentProfileFactory())
    client.force_login(active_godparent.user)

    client.post("/en/me/delete/", {"password": PASSWORD})

    own.refresh_from_db()
    shared.refresh_from_db()
    assert (own.title, own.description, own.evidence_url) == (own.get_kind_display(), "", "")
    assert shared.description == "Signed by Anna and Olaf"


def test_a_deleted_profile_cannot_be_matched(client, active_godparent):
    from django.core.exceptions import ValidationError

    from solidarity.matching.services import match_propose
    from tests.factories.prisoners import PrisonerFactory

    client.force_login(active_godparent.user)
    client.post("/en/me/delete/", {"password": PASSWORD})
    profile = GodparentProfile.objects.get(pk=active_godparent.pk)

    with pytest.raises(ValidationError):
        match_propose(godparent=profile, prisoner=PrisonerFactory(), proposed_by=None)
