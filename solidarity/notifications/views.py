"""Turning reminders off: one link in every reminder, and a page in the godparent's account."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from solidarity.accounts.models import User
from solidarity.accounts.permissions import can_manage_godparents

from .models import EmailOptOut, ReminderKind
from .services import email_opt_out_set, unsubscribe_from_token


def unsubscribe(request, token: str):
    """GET shows what will stop, POST stops it: mail scanners follow links but do not post."""
    found = unsubscribe_from_token(token)
    user = User.objects.filter(pk=found[0], is_active=True).first() if found else None
    if user is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    kind = ReminderKind(found[1])
    done = request.method == "POST"
    if done:
        email_opt_out_set(user=user, kind=kind, opted_out=True)
    return render(request, "notifications/unsubscribe.html", {"kind": kind, "done": done})


class ReminderPreferencesForm(forms.Form):
    birthday = forms.BooleanField(label=ReminderKind.BIRTHDAY.label, required=False)
    quiet = forms.BooleanField(label=ReminderKind.QUIET.label, required=False)
    digest = forms.BooleanField(label=ReminderKind.DIGEST.label, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_manage_godparents(user):
            del self.fields["digest"]


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
        return redirect("reminder_preferences")
    return render(request, "notifications/preferences.html", {"form": form})
