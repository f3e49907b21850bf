"""Letters: logging one in two taps, the list, corrections for 30 days, replies and returns."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from solidarity.activity.models import Letter
from solidarity.activity.services import (
    letter_delete,
    letter_editable,
    letter_log,
    letter_record_outcome,
    letter_update,
)
from solidarity.common.forms import form_add_service_errors
from solidarity.common.idempotency import SubmissionGuard, SubmissionReplayed
from solidarity.common.uploads import private_file_response
from solidarity.godparents.models import GodparentProfile
from solidarity.godparents.permissions import (
    can_act_for_godparent,
    can_manage_godparent_profile,
)
from solidarity.matching.models import Match, MatchStatus

from ..forms import (
    LetterForm,
    LetterOutcomeForm,
)
from ..selectors import letters_mark
from .dashboard import back_to_dashboard


def match_for(request, match_id: int) -> Match:
    """A godparenthood the user acts for (the godparent or their staff), else 404."""
    match = (
        Match.objects.select_related("godparent__parliament", "prisoner__facility")
        .filter(pk=match_id)
        .first()
    )
    if match is None or not can_act_for_godparent(request.user, match.godparent):
        raise Http404
    return match


@login_required
def letter_new(request, match_id: int):
    match = match_for(request, match_id)
    guard = SubmissionGuard(request, form="letter")
    if replay := guard.replay():  # a double tap: the letter is logged once
        return replay
    if match.status != MatchStatus.ACTIVE:
        raise Http404
    form = LetterForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and guard.check(form):
        try:
            with guard.once() as once:
                letter_log(match=match, logged_by=request.user, **form.cleaned_data)
                response = once.answer(back_to_dashboard(request, match.godparent))
        except SubmissionReplayed:
            return guard.replayed()
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, _("Letter to %(name)s logged. Thank you.") % {"name": match.prisoner}
            )
            return response
    return render(
        request,
        "portal/letter_form.html",
        {"form": form, "match": match, **guard.context()},
    )


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
    letters_mark(letters_page, is_owner=is_owner)
    return render(
        request,
        "portal/letter_list.html",
        {"profile": profile, "letters": letters_page, "is_owner": is_owner},
    )


def _own_letter(request, letter_id: int) -> Letter:
    letter = Letter.objects.select_related("godparent", "prisoner").filter(pk=letter_id).first()
    if letter is None or not can_act_for_godparent(request.user, letter.godparent):
        raise Http404
    return letter


def _back_to_letters(request, letter: Letter):
    return redirect("portal:letters", godparent_id=letter.godparent_id)


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
    return render(request, "portal/letter_edit.html", {"form": form, "letter": letter})


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
    return render(request, "portal/letter_delete.html", {"letter": letter})


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
    return render(request, "portal/letter_outcome.html", {"form": form, "letter": letter})


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
