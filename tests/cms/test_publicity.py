"""A profile follows the family's consent: never listed, published or served while it is None."""

import html

import pytest
from django.urls import reverse

from cms.models import PrisonerPage
from cms.services import NOT_PUBLIC_ERROR, prisoner_pages_enforce_publicity
from solidarity.accounts.roles import Role
from solidarity.prisoners.choices import Publicity
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_the_sitemap_omits_a_profile_whose_record_was_withdrawn(client, make_profile):
    kept = make_profile(publicity=Publicity.BASIC)
    withdrawn = make_profile(publicity=Publicity.FULL)
    withdrawn.prisoner.publicity = Publicity.NONE
    withdrawn.prisoner.save()

    sitemap = client.get("/sitemap.xml").content.decode()

    assert kept.slug in sitemap
    assert withdrawn.slug not in sitemap


def test_withdrawing_consent_unpublishes_the_profile_in_every_locale(make_profile):
    page = make_profile(publicity=Publicity.FULL)
    prisoner = page.prisoner
    prisoner.publicity = Publicity.NONE
    prisoner.save()

    assert prisoner_pages_enforce_publicity(prisoner=prisoner) == 3
    assert not PrisonerPage.objects.filter(prisoner=prisoner).live().exists()
    assert prisoner_pages_enforce_publicity(prisoner=prisoner) == 0


def test_public_records_keep_their_profiles(make_profile):
    page = make_profile(publicity=Publicity.BASIC)
    assert prisoner_pages_enforce_publicity(prisoner=page.prisoner) == 0
    assert PrisonerPage.objects.filter(prisoner=page.prisoner).live().count() == 3


def test_editing_a_record_to_none_in_the_admin_unpublishes_its_profiles(client, make_profile):
    page = make_profile(publicity=Publicity.FULL, translate_to=())
    client.force_login(user_with_role(Role.ADMIN))
    prisoner = page.prisoner
    edit_url = reverse("wagtailsnippets_prisoners_prisoner:edit", args=[prisoner.pk])
    form = client.get(edit_url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(_form_data(form), publicity=Publicity.NONE)

    response = client.post(edit_url, data)

    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert not page.live


def test_publishing_a_profile_of_an_unconsented_record_is_refused(client, make_profile):
    page = make_profile(publicity=Publicity.BASIC, translate_to=())
    page.unpublish()
    page.prisoner.publicity = Publicity.NONE
    page.prisoner.save()
    client.force_login(user_with_role(Role.ORGANISER))

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {
            "title": page.title,
            "slug": page.slug,
            "prisoner": page.prisoner_id,
            "story-count": 0,
            "action-publish": "publish",
        },
        follow=True,
    )

    page.refresh_from_db()
    assert not page.live
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    shown = [html.unescape(str(message)).strip() for message in response.context["messages"]]
    assert str(NOT_PUBLIC_ERROR) in shown


def _form_data(form) -> dict:
    """The bound values a browser would submit for an unchanged admin form."""
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = getattr(value, "pk", value)
    return data
