"""Receivers for allauth's signals."""

from allauth.mfa import signals as mfa_signals
from allauth.mfa.base.internal.flows import post_authentication
from allauth.mfa.models import Authenticator
from django.dispatch import receiver

_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


@receiver(mfa_signals.authenticator_added, sender=Authenticator)
def confirm_session_with_new_authenticator(sender, request, user, authenticator, **kwargs):
    """Setting up an authenticator proves possession with a fresh code: count it for this session.

    Otherwise a staff member who just set up their app at the admin's request would be asked at
    once for a second code (and TOTP codes are single-use, so wait up to 30 seconds for one).
    """
    if request is None or authenticator.type not in _FACTORS:
        return
    if getattr(request.user, "pk", None) != user.pk:
        return
    # Only the first factor: with one already registered, adding another needs only the password
    # (allauth's reauthentication), and must not stand in for using the existing factor.
    others = Authenticator.objects.filter(user=user, type__in=_FACTORS).exclude(pk=authenticator.pk)
    if others.exists():
        return
    post_authentication(request, authenticator)
