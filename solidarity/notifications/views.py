"""Turning reminders off from the link in every reminder, without signing in.

The page in the account that turns them on and off is the portal's
(`solidarity.portal.views.account`).
"""

from django.shortcuts import render

from solidarity.accounts.models import User

from .models import ReminderKind
from .services import email_opt_out_set, unsubscribe_from_token


def unsubscribe(request, token: str):
    """GET shows what will stop, POST stops it: mail scanners follow links but do not post."""
    found = unsubscribe_from_token(token)
    user = User.objects.filter(pk=found[0], is_active=True).first() if found else None
    if found is None or user is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    kind = ReminderKind(found[1])
    done = request.method == "POST"
    if done:
        email_opt_out_set(user=user, kind=kind, opted_out=True)
    return render(request, "notifications/unsubscribe.html", {"kind": kind, "done": done})
