"""Defenders submit profiles for review; organisers approve and publish (Wagtail workflow)."""

import pytest
from django.urls import reverse

from cms.models import PrisonerPage
from cms.services import REVIEW_TASK, REVIEW_WORKFLOW
from solidarity.accounts.roles import Role
from solidarity.prisoners.choices import Publicity
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def _draft_profile(make_profile, publicity):
    page = make_profile(publicity=publicity, translate_to=())
    page.unpublish()
    return PrisonerPage.objects.get(pk=page.pk)


def _submit(client, page):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {
            "title": page.title,
            "slug": page.slug,
            "prisoner": page.prisoner_id,
            "story-count": 0,
            "action-submit": "submit",
        },
    )


def _approve(client, page):
    state = page.current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]),
        {"comment": ""},
    )


def test_the_site_reviews_every_page_with_an_organiser_task(site):
    workflow = site.get_workflow()
    assert workflow.name == REVIEW_WORKFLOW
    assert [task.name for task in workflow.tasks] == [REVIEW_TASK]


def test_a_defender_submits_and_an_organiser_publishes(client, make_profile):
    page = _draft_profile(make_profile, Publicity.BASIC)
    client.force_login(user_with_role(Role.DEFENDER))

    assert _submit(client, page).status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert not page.live

    client.force_login(user_with_role(Role.ORGANISER))
    _approve(client, page)
    page.refresh_from_db()
    assert page.live


def test_a_defender_cannot_publish_directly(client, make_profile):
    page = _draft_profile(make_profile, Publicity.BASIC)
    client.force_login(user_with_role(Role.DEFENDER))

    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {
            "title": page.title,
            "slug": page.slug,
            "prisoner": page.prisoner_id,
            "story-count": 0,
            "action-publish": "publish",
        },
    )

    page.refresh_from_db()
    assert not page.live


def test_approving_a_profile_whose_consent_was_withdrawn_leaves_it_unpublished(
    client, make_profile
):
    page = _draft_profile(make_profile, Publicity.BASIC)
    client.force_login(user_with_role(Role.DEFENDER))
    _submit(client, page)
    page.prisoner.publicity = Publicity.NONE
    page.prisoner.save()

    client.force_login(user_with_role(Role.ORGANISER))
    _approve(client, page)

    page.refresh_from_db()
    assert not page.live
