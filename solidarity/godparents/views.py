"""The godparents' pages on the public site ("My prisoners"): thin views over services.

Every view asks `solidarity.accounts.permissions`; an object the user may not act on answers 404,
so that ids reveal nothing about other godparents' prisoners.
"""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from solidarity.accounts.permissions import (
    can_act_for_godparent,
    can_manage_godparent_profile,
    godparents_assisted_by,
    is_staff_member,
    own_godparent_profile,
)
from solidarity.activity.forms import ActionForm, LetterForm, LetterOutcomeForm
from solidarity.activity.models import Letter, LetterOutcome
from solidarity.activity.services import (
    action_log,
    letter_delete,
    letter_editable,
    letter_log,
    letter_record_outcome,
    letter_update,
)
from solidarity.common.forms import form_add_service_errors
from solidarity.common.uploads import private_file_response
from solidarity.matching.models import Match, MatchStatus
from solidarity.matching.services import match_accept, match_decline, match_from_offer_token
from solidarity.prisoners.models import Prisoner

from . import account, delegation
from .dashboard import dashboard_data
from .forms import AccountDeleteForm, GodparentProfileForm, StaffInviteForm
from .models import GodparentProfile, GodparentStaff
from .services import godparent_profile_update, godparent_register

PENDING_INVITATION = "godparents.pending_staff_invitation"


@login_required
def dashboard(request):
    """The godparent's own dashboard; assistants see the godparents they work for."""
    profile = own_godparent_profile(request.user)
    pending_invitation = request.session.get(PENDING_INVITATION)
    if profile is None and pending_invitation:
        return redirect("godparents:staff_accept", token=pending_invitation)
    if profile is None:
        assisted = list(godparents_assisted_by(request.user).order_by("full_name"))
        if len(assisted) == 1:
            return redirect("godparents:assisted", godparent_id=assisted[0].pk)
        if assisted:
            return render(request, "godparents/assisted_list.html", {"godparents": assisted})
        if is_staff_member(request.user):
            return redirect("wagtailadmin_home")
        return redirect("godparents:profile")
    return _render_dashboard(request, profile, is_owner=True)


@login_required
def assisted_dashboard(request, godparent_id: int):
    """A staff member's view of the godparent they assist: prisoners and logging, nothing else."""
    profile = GodparentProfile.objects.filter(pk=godparent_id).select_related("parliament").first()
    if not can_act_for_godparent(request.user, profile):
        raise Http404
    if can_manage_godparent_profile(request.user, profile):
        return redirect("godparents:dashboard")
    return _render_dashboard(request, profile, is_owner=False)


def _render_dashboard(request, profile: GodparentProfile, *, is_owner: bool):
    data = dashboard_data(godparent=profile, locale=Locale.get_active())
    _mark_letters(data["recent_letters"], is_owner=is_owner)
    if not is_owner:
        data["offers"] = []
    return render(
        request,
        "godparents/dashboard.html",
        {"profile": profile, "is_owner": is_owner, **data},
    )


@login_required
def profile_edit(request):
    """The profile step after sign-up, then the godparent's own edit."""
    profile = own_godparent_profile(request.user)
    if profile is None and (
        is_staff_member(request.user) or godparents_assisted_by(request.user).exists()
    ):
        # Staff of the platform and assistants are not godparents; they get no profile step.
        return redirect("godparents:dashboard")
    creating = profile is None
    instance = profile or GodparentProfile(user=request.user)
    form = GodparentProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        profile = form.save(commit=False)
        backgrounds = form.cleaned_data["preferred_backgrounds"]
        try:
            if creating:
                godparent_register(profile=profile, backgrounds=backgrounds)
                messages.success(
                    request,
                    _(
                        "Thank you. An organiser will verify your mandate, usually within "
                        "two working days, and write to you."
                    ),
                )
            else:
                godparent_profile_update(
                    profile=profile, changed_by=request.user, backgrounds=backgrounds
                )
                messages.success(request, _("Your profile is saved."))
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("godparents:dashboard")
    return render(request, "godparents/profile_form.html", {"form": form, "creating": creating})


@login_required
@require_POST
def offer_answer(request, match_id: int):
    match = get_object_or_404(Match.objects.select_related("godparent", "prisoner"), pk=match_id)
    if not can_manage_godparent_profile(request.user, match.godparent):
        raise Http404
    try:
        if request.POST.get("answer") == "accept":
            match_accept(
                match=match,
                by=request.user,
                public_statement=request.POST.get("public_statement", "").strip()[:2000],
            )
            messages.success(
                request,
                _("Thank you: %(name)s is now on your list.") % {"name": match.prisoner},
            )
        elif request.POST.get("answer") == "decline":
            match_decline(
                match=match, by=request.user, reason=request.POST.get("reason", "").strip()[:2000]
            )
            messages.info(request, _("You declined this offer. Thank you for telling us."))
        else:
            return HttpResponse(status=400)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("godparents:dashboard")


@login_required
def offer_link(request, token: str):
    """The offer email's link: shows the offer; answering is a POST (mail scanners only GET)."""
    match = match_from_offer_token(token)
    if match is None or not can_manage_godparent_profile(request.user, match.godparent):
        raise Http404
    if match.status != MatchStatus.OFFERED:
        messages.info(request, _("This offer has already been answered."))
        return redirect("godparents:dashboard")
    return render(request, "godparents/offer.html", {"match": match})


def _active_match_for(request, match_id: int) -> Match:
    match = (
        Match.objects.select_related("godparent", "prisoner", "prisoner__facility")
        .filter(pk=match_id)
        .first()
    )
    if match is None or not can_act_for_godparent(request.user, match.godparent):
        raise Http404
    return match


def _back_to(request, godparent: GodparentProfile):
    if can_manage_godparent_profile(request.user, godparent):
        return redirect("godparents:dashboard")
    return redirect("godparents:assisted", godparent_id=godparent.pk)


@login_required
def letter_new(request, match_id: int):
    match = _active_match_for(request, match_id)
    if match.status != MatchStatus.ACTIVE:
        raise Http404
    form = LetterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            letter_log(match=match, logged_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, _("Letter to %(name)s logged. Thank you.") % {"name": match.prisoner}
            )
            return _back_to(request, match.godparent)
    return render(request, "godparents/letter_form.html", {"form": form, "match": match})


LETTERS_PER_PAGE = 50


@login_required
def letter_list(request, godparent_id: int):
    """Every letter the godparent logged, newest first, with what can still be done to each."""
    profile = GodparentProfile.objects.filter(pk=godparent_id).first()
    if not can_act_for_godparent(request.user, profile):
        raise Http404
    letters = Letter.objects.filter(godparent=profile).select_related("prisoner")
    letters_page = Paginator(letters, LETTERS_PER_PAGE).get_page(request.GET.get("page"))
    is_owner = can_manage_godparent_profile(request.user, profile)
    _mark_letters(letters_page, is_owner=is_owner)
    return render(
        request,
        "godparents/letter_list.html",
        {"profile": profile, "letters": letters_page, "is_owner": is_owner},
    )


def _mark_letters(letters, *, is_owner: bool) -> None:
    """What the list offers for each letter: a correction (30 days), the scan (its addressee),
    and "Reply or return" while nothing came of it."""
    for letter in letters:
        letter.editable = letter_editable(letter)
        letter.awaiting_outcome = letter.outcome in (LetterOutcome.SENT, LetterOutcome.UNKNOWN)
        letter.can_open_scan = is_owner and bool(letter.reply_scan)


def _own_letter(request, letter_id: int) -> Letter:
    letter = Letter.objects.select_related("godparent", "prisoner").filter(pk=letter_id).first()
    if letter is None or not can_act_for_godparent(request.user, letter.godparent):
        raise Http404
    return letter


def _back_to_letters(request, letter: Letter):
    return redirect("godparents:letters", godparent_id=letter.godparent_id)


@login_required
def letter_edit(request, letter_id: int):
    letter = _own_letter(request, letter_id)
    if not letter_editable(letter):
        messages.info(
            request, _("This letter is kept for the record: it can no longer be changed.")
        )
        return _back_to_letters(request, letter)
    initial = {
        "sent_on": letter.sent_on,
        "channel": letter.channel,
        "language": letter.language,
        "note": letter.note,
    }
    form = LetterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            letter_update(letter=letter, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Letter saved."))
            return _back_to_letters(request, letter)
    return render(request, "godparents/letter_edit.html", {"form": form, "letter": letter})


@login_required
def letter_remove(request, letter_id: int):
    letter = _own_letter(request, letter_id)
    if request.method == "POST":
        try:
            letter_delete(letter=letter, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Letter deleted."))
        return _back_to_letters(request, letter)
    if not letter_editable(letter):
        messages.info(
            request, _("This letter is kept for the record: it can no longer be deleted.")
        )
        return _back_to_letters(request, letter)
    return render(request, "godparents/letter_delete.html", {"letter": letter})


@login_required
def letter_outcome(request, letter_id: int):
    letter = _own_letter(request, letter_id)
    form = LetterOutcomeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            letter_record_outcome(
                letter=letter,
                by=request.user,
                outcome=data["outcome"],
                on=data["outcome_on"],
                scan=data["reply_scan"] or None,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, _("Thank you: this tells defenders which letters get through.")
            )
            return _back_to_letters(request, letter)
    return render(request, "godparents/letter_outcome.html", {"form": form, "letter": letter})


@login_required
def letter_scan(request, letter_id: int):
    """The reply scan, streamed from private storage to its addressee, never cached."""
    letter = Letter.objects.select_related("godparent").filter(pk=letter_id).first()
    # The godparent alone here: staff open scans in the admin, behind MFA and audited.
    if not (
        letter
        and letter.reply_scan
        and can_manage_godparent_profile(request.user, letter.godparent)
    ):
        raise Http404
    return private_file_response(letter.reply_scan, download_name=f"reply-{letter.sent_on}")


@login_required
def action_new(request, godparent_id: int):
    profile = GodparentProfile.objects.filter(pk=godparent_id).first()
    if not can_act_for_godparent(request.user, profile):
        raise Http404
    supported = Prisoner.objects.filter(
        matches__godparent=profile, matches__status=MatchStatus.ACTIVE
    ).order_by("sort_name")
    form = ActionForm(request.POST or None, request.FILES or None, prisoners=supported)
    initial_prisoner = request.GET.get("prisoner")
    if request.method == "GET" and initial_prisoner and initial_prisoner.isdigit():
        form.initial["prisoners"] = [int(initial_prisoner)]
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        prisoners = list(data.pop("prisoners"))
        try:
            action_log(godparent=profile, logged_by=request.user, prisoners=prisoners, **data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, _("Action logged. An organiser will verify it before it is counted.")
            )
            return _back_to(request, profile)
    return render(request, "godparents/action_form.html", {"form": form, "profile": profile})


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
            return redirect("godparents:staff")
    staff = profile.staff.filter(revoked_at__isnull=True).select_related("user")
    return render(request, "godparents/staff.html", {"form": form, "staff": staff})


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
    return redirect("godparents:staff")


def staff_accept(request, token: str):
    """The invitation link: sign in (or sign up) with the invited address, then confirm."""
    try:
        invitation = delegation.staff_invitation_from_token(token)
    except ValidationError as error:
        request.session.pop(PENDING_INVITATION, None)
        return render(
            request, "godparents/staff_accept.html", {"error": error.messages[0]}, status=404
        )
    if not request.user.is_authenticated:
        # Kept through sign-up and email confirmation, which end on the dashboard.
        request.session[PENDING_INVITATION] = token
        return render(request, "godparents/staff_accept.html", {"invitation": invitation})
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
            return redirect("godparents:assisted", godparent_id=invitation.godparent_id)
    return render(request, "godparents/staff_accept.html", {"invitation": invitation})


@login_required
def export(request):
    """Everything the platform holds about the user, as a JSON download."""
    data = account.account_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="solidarity-my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete(request):
    if is_staff_member(request.user):
        # Staff accounts carry audit history; an administrator deactivates them instead.
        raise Http404
    form = AccountDeleteForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = request.user
        account.account_delete(user=user)  # in one transaction: all or nothing
        logout(request)
        messages.success(request, _("Your account is deleted. Thank you for your support."))
        return redirect("/")
    profile = own_godparent_profile(request.user)
    counts = {}
    if profile is not None:
        counts = {
            "letters": profile.letters.count(),
            "matches": profile.matches.filter(
                Q(status=MatchStatus.ACTIVE) | Q(status=MatchStatus.OFFERED)
            ).count(),
        }
    return render(request, "godparents/delete.html", {"form": form, **counts})
