"""Godparent sign-up and verification: the organisers' decisions, each audited and emailed.

UNVERIFIED ⇄ INFO_REQUESTED → VERIFIED → LEFT_OFFICE, or REJECTED. Only VERIFIED godparents can be
matched (`solidarity.matching.services.match_propose` checks it).
"""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from solidarity.accounts.models import User
from solidarity.accounts.roles import GROUP_NAMES, Role
from solidarity.notifications.services import email_enqueue
from solidarity.prisoners.models import Background

from .models import AWAITING_VERIFICATION, GodparentProfile, VerificationState
from .signals import discretion_ending, left_office

VERIFICATION_ACTION = "solidarity.godparent_verification"
DECISION_STATES: dict[str, frozenset[str]] = {
    VerificationState.VERIFIED: frozenset(AWAITING_VERIFICATION),
    VerificationState.INFO_REQUESTED: frozenset(AWAITING_VERIFICATION),
    VerificationState.REJECTED: frozenset(AWAITING_VERIFICATION),
    VerificationState.LEFT_OFFICE: frozenset({VerificationState.VERIFIED}),
}
DECISION_ERROR = _("A godparent who is “%(current)s” cannot become “%(target)s”.")
# Who the godparent is: what an organiser verified and what the public page shows.
IDENTITY_FIELDS = ("full_name", "parliament_id", "parliament_other", "role")
# What the organiser checked it against.
EVIDENCE_FIELDS = ("official_email", "mandate_evidence_url")
MESSAGE_REQUIRED = _("Tell the godparent what is missing or why: they will read it in the email.")


PARLIAMENT_REQUIRED = _("Choose your parliament, or write its name if it is not listed.")
EVIDENCE_REQUIRED = _("Give an official email address or a web page, so that we can verify you.")
EVIDENCE_REQUIRED_AGAIN = _(
    "You changed your name, parliament or role, so an organiser verifies you again: give an "
    "official email address or a web page that shows your mandate."
)


def godparent_register(
    *, profile: GodparentProfile, backgrounds: Iterable[Background] = ()
) -> GodparentProfile:
    """Save a validated sign-up profile, give the account the godparent role and queue it."""
    with transaction.atomic():
        _normalise(profile)
        _check(profile=profile, target=VerificationState.UNVERIFIED, was_verified=False)
        profile.verification_state = VerificationState.UNVERIFIED
        profile.full_clean()
        profile.save()
        profile.preferred_backgrounds.set(backgrounds)
        assert profile.user is not None  # a sign-up comes with its account
        profile.user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.GODPARENT]))
        log(instance=profile, action="wagtail.create", user=profile.user)
    return profile


ORGANISER_FIELDS = (
    "verification_state",
    "verification_note",
    "verified_at",
    "verified_by_id",
    "left_office_on",
    "deleted_at",
)


def godparent_profile_update(
    *,
    profile: GodparentProfile,
    changed_by: User,
    backgrounds: Iterable[Background] | None = None,
) -> GodparentProfile:
    """Save the godparent's own edit, in whatever state their verification is.

    Evidence is asked for only while an organiser still has to look at it: a verified godparent
    edits their preferences without proving their mandate again. The resulting state is
    `godparent_state_after_edit`'s; a refused edit changes nothing, not even the state.
    """
    with transaction.atomic():
        saved = GodparentProfile.objects.select_for_update().get(pk=profile.pk)
        _normalise(profile)
        target = godparent_state_after_edit(saved=saved, edited=profile)
        _check(profile=profile, target=target, was_verified=saved.is_verified)
        if saved.is_discreet and not profile.is_discreet:
            discretion_ending.send(sender=GodparentProfile, profile=saved, by=changed_by)
        # Organisers own these fields: a decision taken while the godparent edited stays.
        for name in ORGANISER_FIELDS:
            setattr(profile, name, getattr(saved, name))
        previous = profile.verification_state
        profile.verification_state = target
        profile.full_clean()
        profile.save()
        if backgrounds is not None:
            profile.preferred_backgrounds.set(backgrounds)
        log(instance=profile, action="wagtail.edit", user=changed_by)
        if previous != target:
            log(
                instance=profile,
                action=VERIFICATION_ACTION,
                user=changed_by,
                data={"from": previous, "to": target},
            )
    return profile


def godparent_state_after_edit(
    *, saved: GodparentProfile, edited: GodparentProfile
) -> VerificationState:
    """The verification state a godparent's own edit leads to.

    Answering "more information" puts the profile back in the queue. A verified godparent who
    changes who they are (name, parliament, role) or brings new evidence is verified again:
    otherwise a verified account could become another person on the public page, and a new
    official address would attribute imported actions unchecked. Removing evidence claims nothing
    new, and rejected or departed godparents are not verified again by an edit.
    """
    state = VerificationState(saved.verification_state)
    if state == VerificationState.INFO_REQUESTED:
        return VerificationState.UNVERIFIED
    if state == VerificationState.VERIFIED and _mandate_changed(saved, edited):
        return VerificationState.UNVERIFIED
    return state


def _mandate_changed(saved: GodparentProfile, edited: GodparentProfile) -> bool:
    if any(getattr(saved, name) != getattr(edited, name) for name in IDENTITY_FIELDS):
        return True
    return any(
        getattr(edited, name) and getattr(edited, name) != getattr(saved, name)
        for name in EVIDENCE_FIELDS
    )


def _normalise(profile: GodparentProfile) -> None:
    """A parliament from the list makes the free-text one meaningless."""
    profile.parliament_other = "" if profile.parliament_id else profile.parliament_other.strip()


def _check(*, profile: GodparentProfile, target: VerificationState, was_verified: bool) -> None:
    """Refuse a profile that cannot be counted by assembly, or verified while it has to be."""
    errors: dict[str, list[Promise]] = {}
    if not profile.parliament_id and not profile.parliament_other:
        errors["parliament"] = [PARLIAMENT_REQUIRED]
    if target in AWAITING_VERIFICATION and not (
        profile.official_email or profile.mandate_evidence_url
    ):
        errors["official_email"] = [EVIDENCE_REQUIRED_AGAIN if was_verified else EVIDENCE_REQUIRED]
    if errors:
        raise ValidationError(errors)


def godparent_verify(*, profile: GodparentProfile, by: User, note: str = "") -> GodparentProfile:
    """The organiser checked the mandate evidence: the godparent can now be matched."""
    return _decide(profile=profile, target=VerificationState.VERIFIED, by=by, message=note)


def godparent_request_info(
    *, profile: GodparentProfile, by: User, message: str
) -> GodparentProfile:
    return _decide(profile=profile, target=VerificationState.INFO_REQUESTED, by=by, message=message)


def godparent_reject(*, profile: GodparentProfile, by: User, reason: str) -> GodparentProfile:
    return _decide(profile=profile, target=VerificationState.REJECTED, by=by, message=reason)


def godparent_mark_left_office(
    *, profile: GodparentProfile, by: User | None, on: datetime.date | None = None, note: str = ""
) -> GodparentProfile:
    """A godparent who left office is matched no more; their matches end but stay for history
    (`left_office`: matching's receiver ends them in this transaction)."""
    with transaction.atomic():
        profile = _decide(
            profile=profile,
            target=VerificationState.LEFT_OFFICE,
            by=by,
            message=note,
            left_office_on=on or timezone.localdate(),
        )
        left_office.send(sender=GodparentProfile, profile=profile, by=by)
    return profile


def _decide(
    *,
    profile: GodparentProfile,
    target: VerificationState,
    by: User | None,
    message: str,
    **fields: object,
) -> GodparentProfile:
    message = message.strip()
    if target in (VerificationState.INFO_REQUESTED, VerificationState.REJECTED) and not message:
        raise ValidationError({"message": MESSAGE_REQUIRED})
    with transaction.atomic():
        profile = (
            GodparentProfile.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=profile.pk)
        )
        if profile.verification_state not in DECISION_STATES[target]:
            raise ValidationError(
                DECISION_ERROR
                % {"current": profile.get_verification_state_display(), "target": target.label}
            )
        previous = profile.verification_state
        profile.verification_state = target
        profile.verification_note = message
        if target == VerificationState.VERIFIED:
            profile.verified_at, profile.verified_by = timezone.now(), by
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.save()
        entry = log(
            instance=profile,
            action=VERIFICATION_ACTION,
            user=by,
            data={"from": previous, "to": target.value},
        )
        occasion = entry.pk if entry else int(timezone.now().timestamp())
        _email_decision(profile=profile, target=target, message=message, occasion=occasion)
    return profile


def _email_decision(
    *, profile: GodparentProfile, target: VerificationState, message: str, occasion: int
) -> None:
    if profile.user is None or not profile.user.email:
        return
    email_enqueue(
        template=f"godparent_{target.value}",
        to=[profile.user.email],
        context={"name": profile.full_name, "message": message},
        language=profile.language,
        key=f"godparent-verification-{profile.pk}-{occasion}",
    )
