"""Parliamentarians' assistants: invited by email, they log letters and actions for the godparent.

They never change the profile, answer offers or see the account; the godparent revokes them at any
time. The invitation link is signed and names the invitation and the address it was sent to, so a
forwarded link is useless to anyone signed in with another address.
"""

import datetime

from allauth.account.models import EmailAddress
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from solidarity.accounts.models import User
from solidarity.notifications.services import email_enqueue

from .models import GodparentProfile, GodparentStaff

INVITATION_SALT = "solidarity.godparent-staff"
INVITATION_MAX_AGE = 60 * 60 * 24 * 14
INVITATIONS_PER_DAY = 10
ALREADY_INVITED = _("This address is already invited.")
NOT_VERIFIED = _("You can invite staff members once an organiser has verified you.")
TOO_MANY_INVITATIONS = _("You sent many invitations today. Please try again tomorrow.")
SELF_INVITED = _("This is your own address: staff members are other people.")
INVITATION_INVALID = _("This invitation link is invalid, expired or was revoked.")
INVITATION_OTHER_EMAIL = _(
    "This invitation was sent to another address. Sign in with the account of %(email)s, or "
    "add and confirm that address in your account first."
)


def staff_invite(*, godparent: GodparentProfile, email: str, by: User) -> GodparentStaff:
    """Invite an assistant. Only verified godparents may, and only a few a day: the invitation
    carries the godparent's name to any address, so it must not become a way to send spam."""
    email = email.strip().lower()
    if not godparent.is_verified:
        raise ValidationError({"email": NOT_VERIFIED})
    if godparent.user and godparent.user.email.lower() == email:
        raise ValidationError({"email": SELF_INVITED})
    with transaction.atomic():
        GodparentProfile.objects.select_for_update().get(pk=godparent.pk)  # one at a time
        if godparent.staff.filter(invited_email__iexact=email, revoked_at__isnull=True).exists():
            raise ValidationError({"email": ALREADY_INVITED})
        since = timezone.now() - datetime.timedelta(days=1)
        if godparent.staff.filter(created_at__gte=since).count() >= INVITATIONS_PER_DAY:
            raise ValidationError({"email": TOO_MANY_INVITATIONS})
        staff = GodparentStaff.objects.create(godparent=godparent, invited_email=email)
        log(instance=staff, action="wagtail.create", user=by)
        email_enqueue(
            template="staff_invitation",
            to=[email],
            context={
                "godparent_name": godparent.full_name,
                "token": staff_invitation_token(staff),
            },
            language=godparent.language,
            key=f"staff-invitation-{staff.pk}",
        )
    return staff


def staff_invitation_token(staff: GodparentStaff) -> str:
    return signing.dumps({"s": staff.pk, "e": staff.invited_email}, salt=INVITATION_SALT)


def staff_invitation_from_token(token: str) -> GodparentStaff:
    """The open invitation a link names, or a ValidationError."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature as error:
        raise ValidationError(INVITATION_INVALID) from error
    staff = (
        GodparentStaff.objects.select_related("godparent")
        .filter(pk=data.get("s"), invited_email=data.get("e"), revoked_at__isnull=True)
        .filter(godparent__deleted_at__isnull=True)
        .first()
    )
    if staff is None:
        raise ValidationError(INVITATION_INVALID)
    return staff


def staff_accept(*, token: str, user: User) -> GodparentStaff:
    """Bind the invitation to the signed-in account whose confirmed address it was sent to."""
    staff = staff_invitation_from_token(token)
    confirmed = EmailAddress.objects.filter(
        user=user, email__iexact=staff.invited_email, verified=True
    ).exists()
    if not confirmed:
        raise ValidationError(INVITATION_OTHER_EMAIL % {"email": staff.invited_email})
    with transaction.atomic():
        staff = GodparentStaff.objects.select_for_update().get(pk=staff.pk)
        if staff.revoked_at is not None:  # revoked while the link was being followed
            raise ValidationError(INVITATION_INVALID)
        if staff.accepted_at is None:
            staff.user, staff.accepted_at = user, timezone.now()
            staff.save(update_fields=["user", "accepted_at", "updated_at"])
            log(instance=staff, action="solidarity.staff_accepted", user=user)
    return staff


def staff_revoke(*, staff: GodparentStaff, by: User) -> GodparentStaff:
    with transaction.atomic():
        staff = GodparentStaff.objects.select_for_update().get(pk=staff.pk)
        if staff.revoked_at is None:
            staff.revoked_at = timezone.now()
            staff.save(update_fields=["revoked_at", "updated_at"])
            log(instance=staff, action="solidarity.staff_revoked", user=by)
    return staff
