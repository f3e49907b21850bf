"""The account itself: the data download, deletion, and which reminders to receive."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts.permissions import is_staff_member
from solidarity.godparents.permissions import (
    own_godparent_profile,
)
from solidarity.matching.models import MatchStatus
from solidarity.notifications.models import EmailOptOut, ReminderKind
from solidarity.notifications.services import email_opt_out_set

from ..forms import (
    AccountDeleteForm,
    ReminderPreferencesForm,
)
from ..services import account_delete, account_export


@login_required
def export(request):
    """Everything the platform holds about the user, as a JSON download."""
    data = account_export(user=request.user)
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
        account_delete(user=user)  # in one transaction: all or nothing
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
    return render(request, "portal/delete.html", {"form": form, **counts})


@login_required
def reminder_preferences(request):
    """Which reminders the user receives; all are on until turned off."""
    off = set(EmailOptOut.objects.filter(user=request.user).values_list("kind", flat=True))
    initial = {kind.value: kind.value not in off for kind in ReminderKind}
    form = ReminderPreferencesForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        for name, wanted in form.cleaned_data.items():
            email_opt_out_set(user=request.user, kind=name, opted_out=not wanted)
        messages.success(request, _("Your email preferences are saved."))
        return redirect("portal:reminders")
    return render(request, "portal/preferences.html", {"form": form})
