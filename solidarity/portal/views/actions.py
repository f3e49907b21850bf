"""Logging an advocacy action, which organisers verify before it counts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from solidarity.activity.services import (
    action_log,
)
from solidarity.common.forms import form_add_service_errors
from solidarity.common.idempotency import SubmissionGuard, SubmissionReplayed
from solidarity.godparents.models import GodparentProfile
from solidarity.godparents.permissions import (
    can_act_for_godparent,
)
from solidarity.matching.models import MatchStatus
from solidarity.prisoners.models import Prisoner

from ..forms import (
    ActionForm,
)
from .dashboard import back_to_dashboard


@login_required
def action_new(request, godparent_id: int):
    profile = GodparentProfile.objects.filter(pk=godparent_id).first()
    if profile is None or not can_act_for_godparent(request.user, profile):
        raise Http404
    guard = SubmissionGuard(request, form="action")
    if replay := guard.replay():  # a double tap: the action is logged once
        return replay
    supported = Prisoner.objects.filter(
        matches__godparent=profile, matches__status=MatchStatus.ACTIVE
    ).order_by("sort_name")
    form = ActionForm(request.POST or None, request.FILES or None, prisoners=supported)
    initial_prisoner = request.GET.get("prisoner")
    if request.method == "GET" and initial_prisoner and initial_prisoner.isdigit():
        form.initial["prisoners"] = [int(initial_prisoner)]
    if request.method == "POST" and form.is_valid() and guard.check(form):
        data = dict(form.cleaned_data)
        prisoners = list(data.pop("prisoners"))
        try:
            with guard.once() as once:
                action_log(godparent=profile, logged_by=request.user, prisoners=prisoners, **data)
                response = once.answer(back_to_dashboard(request, profile))
        except SubmissionReplayed:
            return guard.replayed()
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, _("Action logged. An organiser will verify it before it is counted.")
            )
            return response
    return render(
        request,
        "portal/action_form.html",
        {"form": form, "profile": profile, **guard.context()},
    )
