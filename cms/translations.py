"""Translated pages (wagtail-localize) kept in sync and reviewed like every other page.

wagtail-localize writes a translation straight onto the page row and may publish it; here a
translation only ever becomes a draft revision, and a draft reaches the public through the
site's review workflow (defenders submit, organisers approve), never around it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import find_available_slug
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation, TranslationLog, TranslationSource

from solidarity.accounts.models import User

from .models import PrisonerPage
from .services import NOT_PUBLIC_ERROR

NOT_A_TRANSLATION_ERROR = _("This page is not a synced translation of another page.")
ALREADY_IN_REVIEW_ERROR = _("This translation is already waiting for review.")
NO_WORKFLOW_ERROR = _("No review workflow applies to this page.")


def translation_for_page(*, page: Page) -> Translation | None:
    """The enabled wagtail-localize translation whose target is this page, if any."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def page_may_be_public(*, page: Page) -> bool:
    """False for a profile whose record's publicity is None, in whichever locale."""
    page = page.specific
    return not isinstance(page, PrisonerPage) or page.prisoner.is_public


def translation_draft_save(*, translation: Translation, user: User | None = None) -> Page:
    """Save the source's current content with the translated segments as a draft revision.

    Untranslated segments fall back to the source text; synchronised fields (the prisoner
    record, the photo) are copied from the source. Only a revision is written, never the page
    row, so a live translation keeps showing its published content until a reviewer approves.
    """
    source = translation.source
    with transaction.atomic():
        page = source.get_ephemeral_translated_instance(translation.target_locale, fallback=True)
        page.slug = find_available_slug(
            page.get_parent(), slugify(page.slug, allow_unicode=True), ignore_page_id=page.pk
        )
        revision = page.save_revision(user=user)
        TranslationLog.objects.create(
            source=source, locale=translation.target_locale, revision=revision
        )
    return page


def translations_sync(*, source: TranslationSource, user: User | None = None) -> int:
    """Re-read the source page and refresh the drafts of its translations; return how many.

    A translation waiting for review keeps the draft its reviewer is reading (approving
    publishes the latest revision): it picks the changes up on its next submission.
    """
    with transaction.atomic():
        source.update_from_db()
        refreshed = 0
        for translation in source.translations.filter(enabled=True).select_related(
            "source", "target_locale"
        ):
            page = Page.objects.filter(
                translation_key=source.object_id, locale=translation.target_locale
            ).first()
            if page is None or page.workflow_in_progress:  # deleted, or being reviewed
                continue
            source.update_target_view_restrictions(translation.target_locale)
            translation_draft_save(translation=translation, user=user)
            refreshed += 1
    return refreshed


def translation_submit_for_review(*, page: Page, user: User) -> WorkflowState:
    """Save a synced translation's draft and start the review workflow on it.

    The translation editor of wagtail-localize offers only "Publish", which defenders may not
    do: this is their way to hand a finished translation to an organiser.
    """
    page = page.specific
    permissions = page.permissions_for_user(user)
    if not permissions.can_edit() or permissions.page_locked():
        raise PermissionDenied  # as Wagtail's own submit: an editor's lock holds
    translation = translation_for_page(page=page)
    if translation is None:
        raise ValidationError(NOT_A_TRANSLATION_ERROR)
    if not page_may_be_public(page=page):
        raise ValidationError(NOT_PUBLIC_ERROR)
    if page.workflow_in_progress:
        raise ValidationError(ALREADY_IN_REVIEW_ERROR)
    workflow = page.get_workflow()
    if workflow is None:
        raise ValidationError(NO_WORKFLOW_ERROR)
    with transaction.atomic():
        page = translation_draft_save(translation=translation, user=user)
        return workflow.start(page, user)
