"""Reminders that keep godparents writing, and the organisers' weekly digest (issue 6).

Each runs as a django-q2 schedule (`reminders_schedule`) and may run twice, late or be killed
midway: every email carries a key naming its occasion ("birthday, prisoner 12, godparent 7,
2026"), and the outbox (`notifications.SentEmail`) holds a key at most once. A schedule that
missed a few days still catches up, because the occasion, not the day of the run, is the key.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django_q.models import Schedule

from solidarity.accounts.models import User
from solidarity.accounts.roles import GROUP_NAMES, Role
from solidarity.godparents.models import GodparentProfile, VerificationState
from solidarity.matching.models import Match, MatchStatus
from solidarity.notifications.models import ReminderKind
from solidarity.notifications.services import (
    email_enqueue,
    email_language,
    opted_out_user_ids,
    unsubscribe_token,
)
from solidarity.prisoners.choices import DatePrecision, Status
from solidarity.prisoners.dates import next_birthday
from solidarity.prisoners.models import Prisoner, StatusChange

from .models import ActionVerification, AdvocacyAction, Letter

BIRTHDAY_DAYS_AHEAD = 14  # post to a colony takes one to two weeks
BIRTHDAY_CATCH_UP_DAYS = 4  # a schedule down for a few days still reminds, a little late
QUIET_DAYS = 60


def _reminded_matches(kind: str):
    """Active godparenthoods with a prisoner letters reach (`Prisoner.letters_deliverable`) and
    a godparent who wants this reminder."""
    return (
        Match.objects.filter(
            Prisoner.letters_deliverable_q(prefix="prisoner__"),
            status=MatchStatus.ACTIVE,
            godparent__deleted_at__isnull=True,
            godparent__user__is_active=True,
        )
        .exclude(godparent__user_id__in=opted_out_user_ids(kind))
        .select_related("prisoner", "prisoner__facility", "godparent", "godparent__user")
    )


def birthday_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind each godparent of a birthday 14 days ahead (or up to 4 days later if missed)."""
    today = today or timezone.localdate()
    days = [
        today + datetime.timedelta(days=ahead)
        for ahead in range(BIRTHDAY_DAYS_AHEAD - BIRTHDAY_CATCH_UP_DAYS, BIRTHDAY_DAYS_AHEAD + 1)
    ]
    on_day = Q()
    for day in days:
        on_day |= Q(prisoner__birth_date__month=day.month, prisoner__birth_date__day=day.day)
        if (day.month, day.day) == (2, 28):
            on_day |= Q(prisoner__birth_date__month=2, prisoner__birth_date__day=29)
    matches = _reminded_matches(ReminderKind.BIRTHDAY).filter(
        on_day, prisoner__birth_date_precision=DatePrecision.DAY
    )
    sent = 0
    for match in matches:
        prisoner = match.prisoner
        birthday = next_birthday(prisoner.birth_date, prisoner.birth_date_precision, today)
        if birthday not in days:
            continue  # 29 February in a leap year, seen from 28 February
        _remind(
            match=match,
            template="birthday_reminder",
            kind=ReminderKind.BIRTHDAY,
            key=f"birthday-{prisoner.pk}-{match.godparent_id}-{birthday.year}",
            extra={
                "birthday": birthday,
                "age": birthday.year - prisoner.birth_date.year,
            },
        )
        sent += 1
    return sent


def quiet_reminders_send(*, today: datetime.date | None = None) -> int:
    """Nudge a godparent who logged no letter to a prisoner for 60 days, once per 60 days."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=QUIET_DAYS)
    last_letter = Letter.objects.filter(
        godparent=OuterRef("godparent"), prisoner=OuterRef("prisoner")
    ).order_by("-sent_on")
    matches = (
        _reminded_matches(ReminderKind.QUIET)
        .annotate(last_letter_on=Subquery(last_letter.values("sent_on")[:1]))
        .filter(
            Q(last_letter_on__lte=cutoff)
            | Q(last_letter_on__isnull=True, responded_at__date__lte=cutoff)
            | Q(
                last_letter_on__isnull=True, responded_at__isnull=True, created_at__date__lte=cutoff
            )
        )
    )
    sent = 0
    for match in matches:
        # A pair matched again starts afresh: letters of an earlier godparenthood do not count.
        started = timezone.localdate(match.responded_at or match.created_at)
        since = max(match.last_letter_on or started, started)
        if (today - since).days < QUIET_DAYS:
            continue
        stretch = (today - since).days // QUIET_DAYS
        _remind(
            match=match,
            template="quiet_reminder",
            kind=ReminderKind.QUIET,
            key=f"quiet-{match.pk}-{since.isoformat()}-{stretch}",
            extra={"since": since, "days": (today - since).days},
        )
        sent += 1
    return sent


def _remind(*, match: Match, template: str, kind: str, key: str, extra: dict) -> None:
    godparent, prisoner = match.godparent, match.prisoner
    user = godparent.user
    assert user is not None  # the queries keep godparents with an active account
    language = email_language(godparent.language)
    with translation.override(language):
        context = {
            "name": godparent.full_name,
            "prisoner": prisoner.display_name,
            "address": prisoner.envelope_lines,
            "letter_path": reverse("portal:letter_new", args=[match.pk]),
            # The composer (docs/letters.md): ready sentences in Russian or Belarusian, a PDF.
            "compose_path": reverse("portal:letter_compose", args=[match.pk])
            + ("?format=birthday" if kind == ReminderKind.BIRTHDAY else ""),
            "unsubscribe_path": reverse(
                "unsubscribe", args=[unsubscribe_token(user_id=user.pk, kind=kind)]
            ),
            **extra,
        }
    email_enqueue(
        template=template,
        to=[user.email],
        context=context,
        language=language,
        key=key,
    )


@dataclass
class Digest:
    pending_godparents: int
    pending_actions: int
    released: list[str]
    released_unnamed: int


def organiser_digest(*, today: datetime.date) -> Digest:
    """What waits for organisers, and who was released in the seven days up to `today`.

    Released prisoners are named only where their record is public: an email is a weaker place
    than the admin, and travels further.
    """
    week_ago = today - datetime.timedelta(days=7)
    released = (
        StatusChange.objects.filter(
            effective_on__gt=week_ago,
            effective_on__lte=today,
            to_status__in=[s for s in Status if s.value.startswith("released")] + [Status.DEPORTED],
        )
        .values_list("prisoner", flat=True)
        .distinct()
    )
    prisoners = list(Prisoner.objects.filter(pk__in=released).order_by("sort_name"))
    named = [p.display_name for p in prisoners if p.is_public]
    return Digest(
        pending_godparents=GodparentProfile.objects.filter(
            verification_state=VerificationState.UNVERIFIED, deleted_at__isnull=True
        ).count(),
        pending_actions=AdvocacyAction.objects.filter(
            verification=ActionVerification.PENDING
        ).count(),
        released=named,
        released_unnamed=len(prisoners) - len(named),
    )


def organiser_digest_send(*, today: datetime.date | None = None) -> int:
    """The weekly digest to each organiser, once per ISO week whatever the runs."""
    today = today or timezone.localdate()
    digest = organiser_digest(today=today)
    year, week, _weekday = today.isocalendar()
    organisers = User.objects.filter(
        is_active=True, groups__name=GROUP_NAMES[Role.ORGANISER]
    ).exclude(pk__in=opted_out_user_ids(ReminderKind.DIGEST))
    sent = 0
    for organiser in organisers.distinct():
        if not organiser.email:
            continue
        language = email_language(organiser.preferred_language)
        with translation.override(language):
            unsubscribe = reverse(
                "unsubscribe",
                args=[unsubscribe_token(user_id=organiser.pk, kind=ReminderKind.DIGEST)],
            )
        email_enqueue(
            template="organiser_digest",
            to=[organiser.email],
            context={
                "pending_godparents": digest.pending_godparents,
                "pending_actions": digest.pending_actions,
                "released": digest.released,
                "released_unnamed": digest.released_unnamed,
                "queue_path": reverse("godparent_verification:index"),
                "actions_path": reverse("wagtailsnippets_activity_advocacyaction:list")
                + "?verification=pending",
                "unsubscribe_path": unsubscribe,
            },
            language=language,
            key=f"digest-{organiser.pk}-{year}-W{week:02d}",
        )
        sent += 1
    return sent


SCHEDULES = {
    "Reminders: birthdays": ("solidarity.activity.tasks.birthday_reminders", Schedule.DAILY),
    "Reminders: 60 days without a letter": (
        "solidarity.activity.tasks.quiet_reminders",
        Schedule.DAILY,
    ),
    "Weekly digest for organisers": ("solidarity.activity.tasks.organiser_digest", Schedule.WEEKLY),
}


def reminders_schedule(*, first_run: datetime.datetime | None = None) -> None:
    """Create or repair the schedules (`setup_site`); an organiser may move their time later."""
    first_run = first_run or _next_morning()
    for name, (func, schedule_type) in SCHEDULES.items():
        Schedule.objects.update_or_create(
            name=name,
            defaults={"func": func, "schedule_type": schedule_type, "repeats": -1},
            create_defaults={
                "func": func,
                "schedule_type": schedule_type,
                "repeats": -1,
                "next_run": first_run,
            },
        )


def _next_morning() -> datetime.datetime:
    """07:00 in the server's zone, tomorrow: emails arrive at the start of a working day."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(7)))
