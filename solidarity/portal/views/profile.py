"""The profile step after sign-up, then the godparent's own edits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import is_staff_member
from solidarity.common.forms import form_add_service_errors
from solidarity.congress.services import (
    REGISTRATION_SESSION_KEY,
    registration_link_godparent,
    registration_prefill,
)
from solidarity.godparents.models import GodparentProfile, VerificationState
from solidarity.godparents.permissions import (
    godparents_assisted_by,
    own_godparent_profile,
)
from solidarity.godparents.services import godparent_profile_update, godparent_register

from ..forms import (
    GodparentProfileForm,
)


@login_required
def profile_edit(request):
    """The profile step after sign-up, then the godparent's own edit, in every verification
    state (the service decides what each state asks for and which state an edit leads to)."""
    profile = own_godparent_profile(request.user)
    if profile is None and (
        is_staff_member(request.user) or godparents_assisted_by(request.user).exists()
    ):
        # Staff of the platform and assistants are not godparents; they get no profile step.
        return redirect("portal:dashboard")
    creating = profile is None
    instance = profile or GodparentProfile(user=request.user)
    # Read before the form touches the instance: the notices describe the saved profile.
    state = None if creating else instance.verification_state
    # Registered for the Congress from an invitation, then signed up with the same address: the
    # profile step starts from the registration's name and parliament.
    congress_registration = request.session.get(REGISTRATION_SESSION_KEY) if creating else None
    initial = (
        registration_prefill(registration_id=congress_registration, email=request.user.email)
        if congress_registration
        else {}
    )
    form = GodparentProfileForm(request.POST or None, instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        profile = form.save(commit=False)
        backgrounds = form.cleaned_data["preferred_backgrounds"]
        try:
            if creating:
                godparent_register(profile=profile, backgrounds=backgrounds)
                if congress_registration:
                    registration_link_godparent(
                        registration_id=congress_registration, godparent=profile
                    )
            else:
                godparent_profile_update(
                    profile=profile, changed_by=request.user, backgrounds=backgrounds
                )
        except (ValidationError, IntegrityError) as error:
            if creating and own_godparent_profile(request.user) is not None:
                # The same sign-up sent twice at once: the other request created the profile
                # (one per user, the natural key); this one answers as its success did.
                messages.info(request, _("Your profile had already been saved."))
                return redirect("portal:dashboard")
            if isinstance(error, IntegrityError):
                raise
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, _saved_message(creating=creating, before=state, profile=profile)
            )
            return redirect("portal:dashboard")
    return render(
        request,
        "portal/profile_form.html",
        {
            "form": form,
            "creating": creating,
            # What an edit does in this state, said before saving.
            "info_requested": state == VerificationState.INFO_REQUESTED,
            "verified": state == VerificationState.VERIFIED,
        },
    )


def _saved_message(*, creating: bool, before: str | None, profile: GodparentProfile) -> str:
    if creating:
        return _(
            "Thank you. An organiser will verify your mandate, usually within two working days, "
            "and write to you."
        )
    if before == VerificationState.VERIFIED and not profile.is_verified:
        return _(
            "Your profile is saved. Because you changed who you are or your evidence, an organiser "
            "verifies it again and will write to you; the prisoners you support stay with you."
        )
    if before == VerificationState.INFO_REQUESTED:
        return _("Your profile is saved and sent back to the organisers for verification.")
    return _("Your profile is saved.")
