"""Organisers offer, withdraw and end single matches from the admin, through the services."""

import pytest
from django.urls import reverse

from solidarity.accounts.roles import Role
from solidarity.matching.models import EndReason, MatchStatus, RunStatus
from solidarity.matching.services import match_propose
from tests.factories.accounts import user_with_role
from tests.factories.godparents import GodparentProfileFactory
from tests.factories.matching import MatchFactory, MatchingRunFactory
from tests.factories.prisoners import PrisonerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]


def _url(match, action):
    return reverse("wagtailsnippets_matching_match:action", args=[match.pk, action])


@pytest.fixture
def organiser_client(client):
    client.force_login(user_with_role(Role.ORGANISER))
    return client


@pytest.fixture
def manual():
    return match_propose(
        godparent=GodparentProfileFactory(), prisoner=PrisonerFactory(), proposed_by=None
    )


def test_a_manual_match_is_offered_after_a_confirmation(organiser_client, manual, outbox):
    edit_url = reverse("wagtailsnippets_matching_match:edit", args=[manual.pk])
    assert _url(manual, "offer") in organiser_client.get(edit_url).content.decode()
    confirm = organiser_client.get(_url(manual, "offer"))
    assert confirm.status_code == 200
    manual.refresh_from_db()
    assert manual.status == MatchStatus.PROPOSED  # opening the page changes nothing

    response = organiser_client.post(_url(manual, "offer"))

    assert response.url == edit_url
    manual.refresh_from_db()
    assert manual.status == MatchStatus.OFFERED
    assert manual.offered_by == response.wsgi_request.user
    assert [email.to for email in outbox] == [[manual.godparent.user.email]]


def test_an_active_match_is_ended_by_the_organiser(organiser_client):
    active = MatchFactory()
    listing = organiser_client.get(reverse("wagtailsnippets_matching_match:list"))
    assert _url(active, "end") in listing.content.decode()

    organiser_client.post(_url(active, "end"))

    active.refresh_from_db()
    assert (active.status, active.end_reason) == (MatchStatus.ENDED, EndReason.ORGANISER)


def test_a_run_proposal_is_offered_only_by_approving_its_run(organiser_client):
    run = MatchingRunFactory(status=RunStatus.READY)
    proposal = MatchFactory(
        run=run, status=MatchStatus.PROPOSED, offered_at=None, responded_at=None
    )

    response = organiser_client.post(_url(proposal, "offer"), follow=True)

    proposal.refresh_from_db()
    assert proposal.status == MatchStatus.PROPOSED
    assert "cannot take that step" in response.content.decode()


@pytest.mark.parametrize("role", [Role.DEFENDER, Role.GODPARENT])
def test_only_organisers_act_on_matches(client, manual, role):
    client.force_login(user_with_role(role))

    response = client.post(_url(manual, "offer"))

    assert response.status_code in (302, 403)
    manual.refresh_from_db()
    assert manual.status == MatchStatus.PROPOSED


def test_editing_a_match_never_re_pairs_it(organiser_client):
    active = MatchFactory()
    hidden = PrisonerFactory(publicity="none", name_latin="Hidden Person")
    url = reverse("wagtailsnippets_matching_match:edit", args=[active.pk])

    organiser_client.post(
        url,
        {"prisoner": hidden.pk, "godparent": active.godparent_id, "public_statement": "Corrected"},
    )

    active.refresh_from_db()
    assert active.prisoner_id != hidden.pk
    assert active.public_statement == "Corrected"


@pytest.mark.parametrize("action", ["offer", "withdraw", "end"])
def test_a_defender_sees_no_confirmation_page_of_any_step(client, manual, action):
    client.force_login(user_with_role(Role.DEFENDER))

    response = client.get(_url(manual, action))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert manual.godparent.full_name not in response.content.decode()
