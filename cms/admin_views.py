"""Admin views that put wagtail-localize's translations through the review workflow."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page
from wagtail_localize.views import convert
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .translations import page_may_be_public, translation_submit_for_review, translations_sync


def submit_translation_for_review(request, page_id: int):
    """Confirm, then save the translation's draft and start the review workflow on it."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if request.method == "POST":
        try:
            translation_submit_for_review(page=page, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("'%(title)s' was submitted for review.")
                % {"title": page.get_admin_display_title()},
            )
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "cms/admin/submit_translation_for_review.html",
        {"page": page, "edit_url": edit_url},
    )


class ReviewedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", without its way around the review workflow.

    "Publish immediately" is offered only to users who may publish every translated page, and
    never for a profile whose record's publicity is None. Otherwise syncing refreshes each
    translation's draft, which then goes through review.
    """

    def reviews_pages(self) -> bool:
        return issubclass(self.object.specific_content_type.model_class(), Page)

    def may_publish_translations(self) -> bool:
        pages = [
            translation.get_target_instance()
            for translation in self.object.translations.filter(enabled=True)
        ]
        return all(
            page.permissions_for_user(self.request.user).can_publish()
            and page_may_be_public(page=page)
            for page in pages
        )

    def get_form(self):
        form = super().get_form()
        if self.reviews_pages() and not self.may_publish_translations():
            del form.fields["publish_translations"]
        return form

    def form_valid(self, form):
        if not self.reviews_pages() or form.cleaned_data.get("publish_translations"):
            return super().form_valid(form)
        translations_sync(source=self.object, user=self.request.user)
        self.components.save(
            self.object,
            sources_and_translations={
                self.object: list(self.object.translations.filter(enabled=True))
            },
        )
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url() or self.get_default_success_url())


def convert_to_alias_for_publishers(request, page_id: int):
    """wagtail-localize's "Convert to alias", for those who may publish the page only.

    An alias follows its source's live status: converting a draft translation would put it live
    in its locale without review. Upstream checks only the right to edit.
    """
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)
