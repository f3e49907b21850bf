"""Staff members: a godparent invites assistants, who then log letters and actions for them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarity.common.forms import form_add_service_errors
from solidarity.godparents import delegation
from solidarity.godparents.models import GodparentStaff
from solidarity.godparents.permissions import (
    can_manage_godparent_profile,
    own_godparent_profile,
)

from ..forms import (
    StaffInviteForm,
)

PENDING_INVITATION = "godparents.pending_staff_invitation"


@login_required
def staff_list(request):
    profile = own_godparent_profile(request.user)
    if profile is None:
        raise Http404
    form = StaffInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            delegation.staff_invite(
                godparent=profile, email=form.cleaned_data["email"], by=request.user
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("portal:staff")
    staff = profile.staff.filter(revoked_at__isnull=True).select_related("user")
    return render(request, "portal/staff.html", {"form": form, "staff": staff})


@login_required
@require_POST
def staff_revoke(request, staff_id: int):
    staff = GodparentStaff.objects.select_related("godparent").filter(pk=staff_id).first()
    if staff is None or not can_manage_godparent_profile(request.user, staff.godparent):
        raise Http404
    delegation.staff_revoke(staff=staff, by=request.user)
    messages.success(
        request, _("%(email)s can no longer act for you.") % {"email": staff.invited_email}
    )
    return redirect("portal:staff")


def staff_accept(request, token: str):
    """The invitation link: sign in (or sign up) with the invited address, then confirm."""
    try:
        invitation = delegation.staff_invitation_from_token(token)
    except ValidationError as error:
        request.session.pop(PENDING_INVITATION, None)
        return render(request, "portal/staff_accept.html", {"error": error.messages[0]}, status=404)
    if not request.user.is_authenticated:
        # Kept through sign-up and email confirmation, which end on the dashboard.
        request.session[PENDING_INVITATION] = token
        return render(request, "portal/staff_accept.html", {"invitation": invitation})
    if request.method == "POST":
        request.session.pop(PENDING_INVITATION, None)
        try:
            delegation.staff_accept(token=token, user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("You now work for %(name)s.") % {"name": invitation.godparent.full_name},
            )
            return redirect("portal:assisted", godparent_id=invitation.godparent_id)
    return render(request, "portal/staff_accept.html", {"invitation": invitation})
