"""Admin hooks that keep wagtail-localize's translations inside the review workflow and publicity.

Imported by `wagtail_hooks.py`. Every hook here runs before wagtail-localize's own (order -1):
its translation editor replaces the page edit view and publishes without `before_publish_page`.
"""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.widgets.button import Button

from .admin_views import (
    ReviewedUpdateTranslationsView,
    convert_to_alias_for_publishers,
    submit_translation_for_review,
)
from .services import NOT_PUBLIC_ERROR
from .translations import page_may_be_public, translation_for_page

SUBMIT_FOR_REVIEW_URL = "cms_submit_translation_for_review"


@hooks.register("register_admin_urls", order=-1)
def register_translation_review_urls():
    return [
        path(
            "translations/<int:page_id>/submit/",
            submit_translation_for_review,
            name=SUBMIT_FOR_REVIEW_URL,
        ),
        # Same path as wagtail-localize's "Sync translated pages", listed first so that it wins.
        path(
            "localize/update/<int:translation_source_id>/",
            ReviewedUpdateTranslationsView.as_view(),
            name="cms_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            convert_to_alias_for_publishers,
            name="cms_convert_to_alias",
        ),
    ]


def _may_submit(page, user) -> bool:
    return (
        not page.workflow_in_progress
        and page.permissions_for_user(user).can_edit()
        and not page.permissions_for_user(user).page_locked()
        and translation_for_page(page=page) is not None
        and page_may_be_public(page=page)
    )


@hooks.register("before_edit_page", order=-1)
def guard_translation_editor(request, page):
    """Refuse publishing an unconsented profile; show non-publishers the way to review."""
    if request.method == "POST" and request.POST.get("action") == "publish":
        if not page_may_be_public(page=page):
            messages.error(request, NOT_PUBLIC_ERROR)
            return redirect("wagtailadmin_pages:edit", page.pk)
        return None
    if (
        request.method == "GET"
        and not page.permissions_for_user(request.user).can_publish()
        and _may_submit(page, request.user)
    ):
        messages.info(
            request,
            _("When the translation is ready, submit it for review: an organiser publishes it."),
            buttons=[
                messages.button(
                    reverse(SUBMIT_FOR_REVIEW_URL, args=[page.pk]), _("Submit for review")
                )
            ],
        )
    return None


@hooks.register("register_page_listing_more_buttons")
@hooks.register("register_page_header_buttons")
def submit_translation_button(page, user, view_name=None, next_url=None):
    if _may_submit(page, user):
        yield Button(
            _("Submit translation for review"),
            reverse(SUBMIT_FOR_REVIEW_URL, args=[page.pk]),
            icon_name="resubmit",
            priority=61,
        )
