"""Turning reminders off from the link in every reminder, without signing in.

The page in the account that turns them on and off is the portal's
(`solidarity.portal.views.account`).
"""

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from solidarity.accounts.models import User

from .models import ReminderKind
from .services import email_opt_out_set, unsubscribe_from_token


@csrf_exempt
def unsubscribe(request, token: str):
    """GET shows what will stop, POST stops it: mail scanners follow links but do not post.

    No CSRF token: the signed token in the URL is the authority, and RFC 8058 one-click
    unsubscribe (the `List-Unsubscribe-Post` header of every reminder) is a POST from the mail
    provider, with no cookie and no form. A forged cross-site POST could only do what the link's
    owner asked for, and stopping a reminder twice changes nothing.
    """
    found = unsubscribe_from_token(token)
    user = User.objects.filter(pk=found[0], is_active=True).first() if found else None
    if found is None or user is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    kind = ReminderKind(found[1])
    done = request.method == "POST"
    if done:
        email_opt_out_set(user=user, kind=kind, opted_out=True)
    return render(request, "notifications/unsubscribe.html", {"kind": kind, "done": done})
