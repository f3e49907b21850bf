"""Logging what godparents did: by the godparent or one of their staff (`logged_by`)."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from solidarity.accounts.models import User
from solidarity.common.uploads import delete_files_on_commit, stored_as
from solidarity.godparents.models import GodparentProfile
from solidarity.matching.models import Match, MatchStatus
from solidarity.notifications.services import email_enqueue
from solidarity.prisoners.models import Prisoner

from .models import ActionVerification, AdvocacyAction, Letter, LetterOutcome

NOT_PUBLIC_ERROR = _(
    "The family of a prisoner you chose refused publicity: this action stays internal."
)
NOT_ACTIVE_ERROR = _("You can log letters only to prisoners you currently support.")
FUTURE_ERROR = _("This date is in the future.")
PRISONERS_ERROR = _("Choose prisoners you currently support.")
EDIT_WINDOW_ERROR = _(
    "Letters can be changed or deleted for 30 days after they were logged; "
    "after that they are kept for the record."
)
OUTCOME_ERROR = _("Choose whether the letter came back or was answered.")
OUTCOME_DATE_ERROR = _("This date is before the letter was sent.")
VERIFICATION_ERROR = _("This action is already %(state)s.")
REASON_REQUIRED = _("Say why: the godparent reads the reason.")
LETTER_EDIT_DAYS = 30
ACTION_VERIFICATION_LOG = "solidarity.action_verification"


def _latest_date() -> datetime.date:
    """Tomorrow in the server's zone: godparents east of Vilnius live a few hours ahead."""
    return timezone.localdate() + datetime.timedelta(days=1)


def letter_log(
    *,
    match: Match,
    logged_by: User,
    sent_on: datetime.date,
    channel: str,
    language: str = "",
    note: str = "",
    facility_id: int | None = None,
) -> Letter:
    """A letter to a prisoner of an active match, addressed to the facility they are in today,
    or to `facility_id` when the envelope was printed before a transfer (writing app)."""
    if match.status != MatchStatus.ACTIVE:
        raise ValidationError(NOT_ACTIVE_ERROR)
    if sent_on > _latest_date():
        raise ValidationError({"sent_on": FUTURE_ERROR})
    with transaction.atomic():
        letter = Letter(
            godparent_id=match.godparent_id,
            prisoner_id=match.prisoner_id,
            match=match,
            facility_id=facility_id or match.prisoner.facility_id,
            sent_on=sent_on,
            channel=channel,
            language=language,
            note=note,
            logged_by=logged_by,
        )
        letter.full_clean()
        letter.save()
        log(instance=letter, action="wagtail.create", user=logged_by)
    return letter


def action_log(
    *,
    godparent: GodparentProfile,
    logged_by: User,
    prisoners: list[Prisoner],
    **fields: Any,  # the action's own fields, as the form cleaned them
) -> AdvocacyAction:
    """An action for prisoners the godparent supports; it counts publicly once an organiser
    verifies it (issue 6)."""
    supported = set(
        godparent.matches.filter(status=MatchStatus.ACTIVE).values_list("prisoner_id", flat=True)
    )
    if not prisoners or any(prisoner.pk not in supported for prisoner in prisoners):
        raise ValidationError({"prisoners": PRISONERS_ERROR})
    if fields.get("occurred_on") and fields["occurred_on"] > _latest_date():
        raise ValidationError({"occurred_on": FUTURE_ERROR})
    if fields.get("is_public") and any(not prisoner.is_public for prisoner in prisoners):
        raise ValidationError({"is_public": NOT_PUBLIC_ERROR})
    if not fields.get("evidence_file"):
        fields.pop("evidence_file", None)
    else:
        try:
            fields["evidence_file"] = stored_as(fields["evidence_file"], "evidence")
        except ValidationError as error:
            raise ValidationError({"evidence_file": error.messages}) from error
    with transaction.atomic():
        action = AdvocacyAction(logged_by=logged_by, **fields)
        action.full_clean()
        action.save()
        action.prisoners.set(prisoners)
        action.godparents.set([godparent])
        log(instance=action, action="wagtail.create", user=logged_by)
    return action


def letter_editable(letter: Letter, *, now: datetime.datetime | None = None) -> bool:
    """Own entries may be corrected for 30 days; then they are the record the Congress counts."""
    now = now or timezone.now()
    return now - letter.created_at <= datetime.timedelta(days=LETTER_EDIT_DAYS)


def letter_update(
    *,
    letter: Letter,
    by: User,
    sent_on: datetime.date,
    channel: str,
    language: str = "",
    note: str = "",
) -> Letter:
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if not letter_editable(letter):
            raise ValidationError(EDIT_WINDOW_ERROR)
        if sent_on > _latest_date():
            raise ValidationError({"sent_on": FUTURE_ERROR})
        changes = {"sent_on": sent_on, "channel": channel, "language": language, "note": note}
        for name, value in changes.items():
            setattr(letter, name, value)
        letter.full_clean()
        letter.save()
        log(instance=letter, action="wagtail.edit", user=by)
    return letter


def letter_delete(*, letter: Letter, by: User) -> None:
    """Within the edit window only; the reply scan goes with the row, once committed."""
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if not letter_editable(letter):
            raise ValidationError(EDIT_WINDOW_ERROR)
        scan = letter.reply_scan.name
        log(instance=letter, action="wagtail.delete", user=by)
        letter.delete()
        delete_files_on_commit(Letter._meta.get_field("reply_scan").storage, [scan])


def letter_record_outcome(
    *,
    letter: Letter,
    by: User,
    outcome: str,
    on: datetime.date,
    scan: File[bytes] | None = None,
) -> Letter:
    """The letter came back, or a reply arrived (months later, maybe): no time window.

    A scan of the reply is checked by its content, not its name, and stored privately; a scan it
    replaces, or that a correction to "returned" makes moot, is deleted once committed.
    """
    if outcome not in (LetterOutcome.RETURNED, LetterOutcome.REPLY_RECEIVED):
        raise ValidationError({"outcome": OUTCOME_ERROR})
    if scan is not None:
        if outcome != LetterOutcome.REPLY_RECEIVED:
            scan = None  # a returned letter has no reply to scan
        else:
            try:
                scan = stored_as(scan, "reply")
            except ValidationError as error:
                raise ValidationError({"reply_scan": error.messages}) from error
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if on > _latest_date():
            raise ValidationError({"outcome_on": FUTURE_ERROR})
        if on < letter.sent_on:
            raise ValidationError({"outcome_on": OUTCOME_DATE_ERROR})
        letter.outcome, letter.outcome_on = outcome, on
        replaced = letter.reply_scan.name
        if scan is not None:
            letter.reply_scan = scan
        elif outcome == LetterOutcome.RETURNED:
            letter.reply_scan = ""  # a correction: the letter came back, there is no reply
        else:
            replaced = ""
        if replaced:
            delete_files_on_commit(Letter._meta.get_field("reply_scan").storage, [replaced])
        letter.full_clean()
        letter.save()
        log(instance=letter, action="wagtail.edit", user=by, data={"outcome": outcome})
    return letter


def action_verify(*, action: AdvocacyAction, by: User) -> AdvocacyAction:
    """From now on the action counts in public figures and reports (issue 6)."""
    return _decide_action(action=action, by=by, target=ActionVerification.VERIFIED)


def action_reject(*, action: AdvocacyAction, by: User, reason: str) -> AdvocacyAction:
    """The godparents are told why, so that they can log it again with what was missing."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"rejection_reason": REASON_REQUIRED})
    return _decide_action(
        action=action, by=by, target=ActionVerification.REJECTED, rejection_reason=reason
    )


def _decide_action(
    *, action: AdvocacyAction, by: User, target: ActionVerification, rejection_reason: str = ""
) -> AdvocacyAction:
    """Pending actions only: a decision is final, so that counters never go back silently."""
    with transaction.atomic():
        action = AdvocacyAction.objects.select_for_update().get(pk=action.pk)
        if action.verification != ActionVerification.PENDING:
            raise ValidationError(
                VERIFICATION_ERROR % {"state": action.get_verification_display().lower()}
            )
        action.verification = target
        action.rejection_reason = rejection_reason
        action.verified_by, action.verified_at = by, timezone.now()
        action.save(
            update_fields=[
                "verification",
                "rejection_reason",
                "verified_by",
                "verified_at",
                "updated_at",
            ]
        )
        log(instance=action, action=ACTION_VERIFICATION_LOG, user=by, data={"to": target.value})
        if target == ActionVerification.REJECTED:
            _email_rejection(action)
    return action


def _email_rejection(action: AdvocacyAction) -> None:
    for godparent in action.godparents.select_related("user").exclude(user=None):
        user = godparent.user
        if user is None or not user.email:
            continue
        email_enqueue(
            template="action_rejected",
            to=[user.email],
            context={
                "name": godparent.full_name,
                "title": action.title,
                "occurred_on": action.occurred_on.isoformat(),
                "reason": action.rejection_reason,
            },
            language=godparent.language,
            key=f"action-rejected-{action.pk}-{godparent.pk}",
        )
