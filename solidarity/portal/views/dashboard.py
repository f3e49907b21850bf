""" "My prisoners": the godparent's dashboard, and what their staff see of it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from wagtail.models import Locale

from solidarity.accounts.permissions import is_staff_member
from solidarity.godparents.models import GodparentProfile
from solidarity.godparents.permissions import (
    can_act_for_godparent,
    can_manage_godparent_profile,
    godparents_assisted_by,
    own_godparent_profile,
)
from solidarity.matching.models import DeclineReason

from ..selectors import dashboard_data, letters_mark
from .staff import PENDING_INVITATION


@login_required
def dashboard(request):
    """The godparent's own dashboard; assistants see the godparents they work for."""
    profile = own_godparent_profile(request.user)
    pending_invitation = request.session.get(PENDING_INVITATION)
    if profile is None and pending_invitation:
        return redirect("portal:staff_accept", token=pending_invitation)
    if profile is None:
        assisted = list(godparents_assisted_by(request.user).order_by("full_name"))
        if len(assisted) == 1:
            return redirect("portal:assisted", godparent_id=assisted[0].pk)
        if assisted:
            return render(request, "portal/assisted_list.html", {"godparents": assisted})
        if is_staff_member(request.user):
            return redirect("wagtailadmin_home")
        return redirect("portal:profile")
    return _render_dashboard(request, profile, is_owner=True)


@login_required
def assisted_dashboard(request, godparent_id: int):
    """A staff member's view of the godparent they assist: prisoners and logging, nothing else."""
    profile = GodparentProfile.objects.filter(pk=godparent_id).select_related("parliament").first()
    if profile is None or not can_act_for_godparent(request.user, profile):
        raise Http404
    if can_manage_godparent_profile(request.user, profile):
        return redirect("portal:dashboard")
    return _render_dashboard(request, profile, is_owner=False)


def _render_dashboard(request, profile: GodparentProfile, *, is_owner: bool):
    data = dashboard_data(godparent=profile, locale=Locale.get_active())
    letters_mark(data["recent_letters"], is_owner=is_owner)
    if not is_owner:
        data["offers"] = []
    return render(
        request,
        "portal/dashboard.html",
        {
            "profile": profile,
            "is_owner": is_owner,
            "decline_choices": DeclineReason.choices,
            **data,
        },
    )


def back_to_dashboard(request, godparent: GodparentProfile):
    if can_manage_godparent_profile(request.user, godparent):
        return redirect("portal:dashboard")
    return redirect("portal:assisted", godparent_id=godparent.pk)
