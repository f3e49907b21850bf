"""Defenders translate profiles with wagtail-localize; translations are reviewed like any page.

Translate -> be/ru drafts -> segments translated in the editor -> "Submit translation for review"
-> an organiser approves -> live. "Sync translated pages" refreshes the drafts after a source edit.
"""

import html
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from cms.models import HomePage, PrisonerIndexPage, PrisonerPage, StandardPage
from cms.services import NOT_PUBLIC_ERROR, site_setup
from solidarity.accounts.roles import Role
from solidarity.prisoners.choices import Publicity
from tests.cms.conftest import STORY_MARKER
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

BELARUSIAN_TITLE = "Марыя Калеснікава"
NEW_STORY = "NEW-STORY-written-after-the-translation"


@pytest.fixture(autouse=True)
def _commit_at_once(monkeypatch):
    """Run on-commit work at once, as at the end of a real request.

    wagtail-localize publishes in `transaction.on_commit`, which never fires inside a test's
    transaction: without this, a translation published around review would go unnoticed.
    """
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )


@pytest.fixture
def defender(client):
    user = user_with_role(Role.DEFENDER)
    client.force_login(user)
    return user


def _translate(client, page, codes=("be", "ru")):
    locales = [Locale.objects.get(language_code=code).pk for code in codes]
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": locales}
    )


def _translation(page, code) -> PrisonerPage:
    return page.get_translation(Locale.objects.get(language_code=code)).specific


def _translate_title(client, page, code, text):
    """What the translation editor sends when a translator types a segment."""
    target = _translation(page, code)
    translation = Translation.objects.get(
        target_locale=target.locale, enabled=True, source__object_id=page.translation_key
    )
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    return client.put(
        url, urlencode({"value": text}), content_type="application/x-www-form-urlencoded"
    )


def _submit_for_review(client, page):
    return client.post(reverse("cms_submit_translation_for_review", args=[page.pk]), follow=True)


def _approve(client, page):
    state = page.current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]),
        {"comment": ""},
    )


def _sync(client, page, **data):
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    return client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), data)


def _messages(response) -> list[str]:
    return [html.unescape(str(message)).strip() for message in response.context["messages"]]


def _edit_source_story(page, text):
    page.story = [("paragraph", f"<p>{text}</p>")]
    page.save_revision().publish()


def test_staff_may_submit_translations_and_godparents_may_not(role_users):
    assert role_users[Role.DEFENDER].has_perm("wagtail_localize.submit_translation")
    assert role_users[Role.ORGANISER].has_perm("wagtail_localize.submit_translation")
    assert not role_users[Role.GODPARENT].has_perm("wagtail_localize.submit_translation")


def test_site_setup_keeps_one_live_home_and_listing_per_locale_when_run_again(site):
    site_setup()

    for model in (HomePage, PrisonerIndexPage):
        pages = model.objects.live()
        assert sorted(pages.values_list("locale__language_code", flat=True)) == ["be", "en", "ru"]


def test_translating_a_profile_makes_belarusian_and_russian_drafts_of_the_same_record(
    client, make_profile, photo, defender
):
    page = make_profile(publicity=Publicity.FULL, translate_to=(), photo=photo)

    assert _translate(client, page).status_code == 302

    for code in ("be", "ru"):
        translation = _translation(page, code)
        assert (translation.prisoner_id, translation.photo_id) == (page.prisoner_id, photo.pk)
        assert not translation.live
        assert translation.get_parent().locale.language_code == code


def test_the_record_and_photo_are_synchronised_not_offered_for_translation(
    client, make_profile, photo, defender
):
    page = make_profile(publicity=Publicity.FULL, translate_to=(), photo=photo)
    _translate(client, page, codes=("be",))
    source = TranslationSource.objects.get(object_id=page.translation_key)

    paths = {*source.overridablesegment_set.values_list("context__path", flat=True)}
    paths |= {*source.stringsegment_set.values_list("context__path", flat=True)}

    assert "title" in paths
    assert not paths & {"prisoner", "photo"}


def test_a_defender_cannot_publish_from_the_translation_editor(client, make_profile, defender):
    page = make_profile(publicity=Publicity.BASIC, translate_to=())
    _translate(client, page, codes=("be",))
    target = _translation(page, "be")

    client.post(reverse("wagtailadmin_pages:edit", args=[target.pk]), {"action": "publish"})

    target.refresh_from_db()
    assert not target.live


def test_a_translation_is_published_when_an_organiser_approves_it(client, make_profile, defender):
    page = make_profile(publicity=Publicity.BASIC, translate_to=())
    _translate(client, page, codes=("be",))
    assert _translate_title(client, page, "be", BELARUSIAN_TITLE).status_code == 201
    target = _translation(page, "be")

    _submit_for_review(client, target)
    target.refresh_from_db()
    assert target.workflow_in_progress
    assert not target.live

    client.force_login(user_with_role(Role.ORGANISER))
    _approve(client, target)
    target.refresh_from_db()
    assert target.live
    assert target.title == BELARUSIAN_TITLE
    assert client.get(target.url).status_code == 200


def test_a_standard_page_translation_goes_through_the_same_review(client, site, defender):
    about = site.add_child(
        instance=StandardPage(title="About", slug="campaign", body=[("paragraph", "<p>Why</p>")])
    )
    about.save_revision().publish()
    _translate(client, about, codes=("ru",))
    target = _translation(about, "ru")

    _submit_for_review(client, target)
    client.force_login(user_with_role(Role.ORGANISER))
    _approve(client, target)

    target.refresh_from_db()
    assert target.live
    assert target.get_parent().specific == site.get_translation(target.locale).specific


def test_a_defender_finds_translate_and_sync_in_the_page_menu(client, make_profile, defender):
    page = make_profile(publicity=Publicity.BASIC, translate_to=())
    explore = reverse("wagtailadmin_explore", args=[page.get_parent().pk])
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])

    assert submit_url in client.get(explore).content.decode()
    _translate(client, page, codes=("be",))
    source = TranslationSource.objects.get(object_id=page.translation_key)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert sync_url in client.get(explore).content.decode()


def test_the_translation_editor_shows_a_defender_the_way_to_review(client, make_profile, defender):
    page = make_profile(publicity=Publicity.BASIC, translate_to=())
    _translate(client, page, codes=("be",))
    target = _translation(page, "be")

    response = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))

    submit_url = reverse("cms_submit_translation_for_review", args=[target.pk])
    assert submit_url in response.content.decode()
    assert client.get(submit_url).status_code == 200


def test_syncing_after_a_source_edit_refreshes_the_translation_drafts(
    client, make_profile, defender
):
    page = make_profile(publicity=Publicity.BASIC, translate_to=())
    _translate(client, page)
    _edit_source_story(page, NEW_STORY)

    assert _sync(client, page).status_code == 302

    for code in ("be", "ru"):
        draft = _translation(page, code).get_latest_revision_as_object()
        assert NEW_STORY in str(draft.story)


def test_syncing_leaves_a_live_translation_as_published_until_review(
    client, make_profile, defender
):
    page = make_profile(publicity=Publicity.FULL, translate_to=())
    _translate(client, page, codes=("be",))
    target = _translation(page, "be")
    target.get_latest_revision().publish()
    _edit_source_story(page, NEW_STORY)

    _sync(client, page, publish_translations="on")  # not offered to a defender: ignored

    target.refresh_from_db()
    assert target.live
    assert NEW_STORY in str(target.get_latest_revision_as_object().story)
    public = client.get(target.url).content.decode()
    assert STORY_MARKER in public
    assert NEW_STORY not in public


def test_an_organiser_may_sync_and_publish_at_once(client, make_profile):
    page = make_profile(publicity=Publicity.BASIC, translate_to=())
    client.force_login(user_with_role(Role.ORGANISER))
    _translate(client, page, codes=("be",))
    _edit_source_story(page, NEW_STORY)

    _sync(client, page, publish_translations="on")

    target = _translation(page, "be")
    assert target.live
    assert NEW_STORY in str(target.story)


def test_a_visitor_never_sees_a_draft_translation(client, make_profile, defender):
    page = make_profile(publicity=Publicity.BASIC, translate_to=())
    _translate(client, page, codes=("be",))
    target = _translation(page, "be")
    client.logout()

    assert client.get(target.url).status_code == 404
    listing = client.get(target.get_parent().url).content.decode()
    assert f"/{target.slug}/" not in listing


class TestUnconsentedRecord:
    """A translation of a profile whose record's publicity is None is never published."""

    @pytest.fixture
    def target(self, client, make_profile, defender):
        page = make_profile(publicity=Publicity.BASIC, translate_to=())
        _translate(client, page)
        page.prisoner.publicity = Publicity.NONE
        page.prisoner.save()
        return _translation(page, "be")

    def test_a_defender_cannot_submit_it_for_review(self, client, target):
        response = _submit_for_review(client, target)

        target.refresh_from_db()
        assert not target.workflow_in_progress
        assert str(NOT_PUBLIC_ERROR) in _messages(response)

    def test_an_organiser_cannot_publish_it_from_the_translation_editor(self, client, target):
        client.force_login(user_with_role(Role.ORGANISER))

        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[target.pk]), {"action": "publish"}, follow=True
        )

        target.refresh_from_db()
        assert not target.live
        assert str(NOT_PUBLIC_ERROR) in _messages(response)

    def test_an_organiser_cannot_publish_it_by_syncing(self, client, target):
        client.force_login(user_with_role(Role.ORGANISER))
        source_page = target.get_translation(Locale.get_default())
        source = TranslationSource.objects.get(object_id=source_page.translation_key)
        form_page = client.get(reverse("wagtail_localize:update_translations", args=[source.pk]))

        _sync(client, source_page, publish_translations="on")

        assert "publish_translations" not in form_page.context["form"].fields

        translations = PrisonerPage.objects.filter(prisoner=target.prisoner).exclude(
            pk=source_page.pk
        )
        assert not translations.live().exists()

    def test_approving_it_after_consent_was_withdrawn_leaves_it_unpublished(self, client, target):
        target.prisoner.publicity = Publicity.BASIC
        target.prisoner.save()
        _submit_for_review(client, target)
        target.prisoner.publicity = Publicity.NONE
        target.prisoner.save()

        client.force_login(user_with_role(Role.ORGANISER))
        _approve(client, target)

        target.refresh_from_db()
        assert not target.live


def test_only_publishers_may_convert_a_translation_to_an_alias(client, make_profile, defender):
    """An alias goes live with its source: converting a draft would skip the review."""
    page = make_profile(publicity=Publicity.BASIC, translate_to=())
    _translate(client, page, codes=("be",))
    target = _translation(page, "be")
    url = reverse("wagtail_localize:convert_to_alias", args=[target.pk])

    assert client.post(url).url == reverse("wagtailadmin_home")  # Wagtail's "permission denied"
    target.refresh_from_db()
    assert (target.alias_of_id, target.live) == (None, False)

    client.force_login(user_with_role(Role.ORGANISER))
    assert client.get(url).status_code == 200


def test_a_translation_locked_by_someone_else_cannot_be_submitted(client, make_profile, defender):
    page = make_profile(publicity=Publicity.BASIC, translate_to=())
    _translate(client, page, codes=("be",))
    target = _translation(page, "be")
    target.locked, target.locked_by = True, user_with_role(Role.ORGANISER)
    target.save()

    client.post(reverse("cms_submit_translation_for_review", args=[target.pk]))

    target.refresh_from_db()
    assert not target.workflow_in_progress
