"""Keep prisoner profiles in line with the family's consent (docs/publicity.md)."""

from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin import messages

from solidarity.prisoners.models import Prisoner

from . import translation_hooks  # noqa: F401  (translations go through review)
from .models import PrisonerPage
from .services import (
    FROZEN_PROFILE_ERROR,
    NOT_PUBLIC_ERROR,
    prisoner_page_adds_to_frozen_profile,
    prisoner_pages_enforce_publicity,
)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def unpublish_withdrawn_profiles(request, instance):
    if isinstance(instance, Prisoner):
        prisoner_pages_enforce_publicity(prisoner=instance, user=request.user)


@hooks.register("before_publish_page")
def refuse_publishing_unconsented_profiles(request, page):
    if isinstance(page, PrisonerPage) and not page.prisoner.is_public:
        # Wagtail has saved the draft already: nothing typed is lost.
        messages.error(request, NOT_PUBLIC_ERROR)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_publish_page")
def refuse_new_details_of_people_released_in_belarus(request, page):
    if isinstance(page, PrisonerPage) and prisoner_page_adds_to_frozen_profile(page=page):
        messages.error(request, FROZEN_PROFILE_ERROR)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
