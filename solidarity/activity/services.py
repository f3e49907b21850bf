"""Logging what godparents did: by the godparent or one of their staff (`logged_by`)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from solidarity.accounts.models import User
from solidarity.godparents.models import GodparentProfile
from solidarity.matching.models import Match, MatchStatus
from solidarity.prisoners.models import Prisoner

from .models import AdvocacyAction, Letter

NOT_PUBLIC_ERROR = _(
    "The family of a prisoner you chose refused publicity: this action stays internal."
)
NOT_ACTIVE_ERROR = _("You can log letters only to prisoners you currently support.")
FUTURE_ERROR = _("This date is in the future.")
PRISONERS_ERROR = _("Choose prisoners you currently support.")


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
) -> Letter:
    """A letter to a prisoner of an active match, addressed to the facility they are in today."""
    if match.status != MatchStatus.ACTIVE:
        raise ValidationError(NOT_ACTIVE_ERROR)
    if sent_on > _latest_date():
        raise ValidationError({"sent_on": FUTURE_ERROR})
    with transaction.atomic():
        letter = Letter(
            godparent_id=match.godparent_id,
            prisoner_id=match.prisoner_id,
            match=match,
            facility_id=match.prisoner.facility_id,
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
    **fields,
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
    with transaction.atomic():
        action = AdvocacyAction(logged_by=logged_by, **fields)
        action.full_clean()
        action.save()
        action.prisoners.set(prisoners)
        action.godparents.set([godparent])
        log(instance=action, action="wagtail.create", user=logged_by)
    return action
