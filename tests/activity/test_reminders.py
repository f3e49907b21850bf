"""Reminders with a frozen clock: each occasion is emailed once, however often the schedule runs."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from solidarity.accounts.roles import Role
from solidarity.activity.models import ActionVerification
from solidarity.activity.reminders import (
    SCHEDULES,
    birthday_reminders_send,
    organiser_digest_send,
    quiet_reminders_send,
    reminders_schedule,
)
from solidarity.godparents.models import VerificationState
from solidarity.matching.models import MatchStatus
from solidarity.notifications.models import EmailOptOut, ReminderKind, SentEmail
from solidarity.notifications.services import outbox_send_due, unsubscribe_token
from solidarity.prisoners.choices import DatePrecision, Publicity, Status
from solidarity.prisoners.services import prisoner_status_change
from tests.factories.accounts import user_with_role
from tests.factories.activity import AdvocacyActionFactory, LetterFactory
from tests.factories.godparents import GodparentProfileFactory
from tests.factories.matching import MatchFactory
from tests.factories.prisoners import PrisonerFactory
from tests.tokens import forged

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 24)  # a Tuesday
MORNING = datetime.datetime(2026, 11, 24, 7, 0, tzinfo=datetime.UTC)
STARTED = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(MORNING, tick=False):
        yield


def _match(birth_date=datetime.date(1980, 12, 8), language="ru", **prisoner_fields):
    godparent = GodparentProfileFactory(user=user_with_role(Role.GODPARENT))
    godparent.user.preferred_language = language
    godparent.user.save()
    prisoner = PrisonerFactory(
        birth_date=birth_date, birth_date_precision=DatePrecision.DAY, **prisoner_fields
    )
    return MatchFactory(
        godparent=godparent, prisoner=prisoner, offered_at=STARTED, responded_at=STARTED
    )


# --- Birthdays -----------------------------------------------------------------------------------


def test_a_birthday_14_days_ahead_is_reminded_once_even_if_the_schedule_runs_twice(outbox):
    match = _match(name_ru="Игорь Лосик", birth_date=datetime.date(1992, 12, 8))

    birthday_reminders_send()
    birthday_reminders_send()

    (email,) = outbox
    assert email.to == [match.godparent.user.email]
    assert "Игорь Лосик" in email.body or match.prisoner.display_name in email.body
    assert match.prisoner.cyrillic_name in email.body  # the envelope
    assert f"/ru/me/prisoners/{match.pk}/letter/" in email.body
    assert "/ru/email/unsubscribe/" in email.body
    assert "Лосик" not in email.subject
    assert SentEmail.objects.filter(key__startswith=f"birthday-{match.prisoner_id}-").count() == 1


def test_a_missed_day_still_reminds_but_not_after_the_window(outbox):
    early = _match(birth_date=datetime.date(1980, 12, 7))  # 13 days ahead: the run was missed
    late = _match(birth_date=datetime.date(1980, 12, 3))  # 9 days ahead: too late to post
    far = _match(birth_date=datetime.date(1980, 12, 9))  # 15 days ahead: tomorrow's run

    birthday_reminders_send()

    assert [email.to for email in outbox] == [[early.godparent.user.email]]
    assert late.godparent.user.email not in str([e.to for e in outbox])
    assert far.godparent.user.email not in str([e.to for e in outbox])


def test_next_year_the_same_birthday_is_reminded_again(outbox):
    _match(birth_date=datetime.date(1980, 12, 8))
    birthday_reminders_send()

    with time_machine.travel(MORNING.replace(year=2027), tick=False):
        birthday_reminders_send()

    assert len(outbox) == 2


@pytest.mark.parametrize(
    "case",
    [
        "opted_out",
        "released",
        "incommunicado",
        "no_address",
        "offered_only",
        "precision_month",
        "deleted",
    ],
)
def test_no_birthday_reminder_where_it_makes_no_sense_or_was_refused(outbox, case):
    match = _match(birth_date=datetime.date(1980, 12, 8))
    godparent, prisoner = match.godparent, match.prisoner
    if case == "opted_out":
        EmailOptOut.objects.create(user=godparent.user, kind=ReminderKind.BIRTHDAY)
    elif case == "released":
        prisoner_status_change(
            prisoner=prisoner, status=Status.RELEASED_PARDONED, effective_on=TODAY
        )
    elif case == "incommunicado":
        prisoner.status = Status.INCOMMUNICADO
        prisoner.save()
    elif case == "no_address":  # nowhere to post the card to
        prisoner.facility.postal_address = ""
        prisoner.facility.save()
    elif case == "offered_only":
        match.status, match.responded_at = MatchStatus.OFFERED, None
        match.save()
    elif case == "precision_month":
        prisoner.birth_date_precision = DatePrecision.MONTH
        prisoner.save()
    else:
        godparent.deleted_at = timezone.now()
        godparent.save()
    mail.outbox.clear()

    assert birthday_reminders_send() == 0
    assert outbox == []


def test_a_29_february_birthday_is_reminded_for_28_february_in_a_common_year(outbox):
    _match(birth_date=datetime.date(1988, 2, 29))

    with time_machine.travel(datetime.datetime(2027, 2, 14, 7, tzinfo=datetime.UTC), tick=False):
        assert birthday_reminders_send() == 1


# --- Sixty days without a letter -----------------------------------------------------------------


def test_no_letter_for_60_days_sends_one_nudge_per_quiet_stretch(outbox):
    match = _match()
    LetterFactory(
        godparent=match.godparent, prisoner=match.prisoner, sent_on=TODAY - datetime.timedelta(60)
    )
    fresh = _match()
    LetterFactory(
        godparent=fresh.godparent, prisoner=fresh.prisoner, sent_on=TODAY - datetime.timedelta(59)
    )

    quiet_reminders_send()
    quiet_reminders_send()  # the schedule ran twice
    with time_machine.travel(MORNING + datetime.timedelta(days=1), tick=False):
        quiet_reminders_send()  # the next day: fresh is due now, match was told already

    assert [email.to for email in outbox] == [
        [match.godparent.user.email],
        [fresh.godparent.user.email],
    ]
    assert "60" in outbox[0].body


def test_a_quiet_godparent_is_nudged_again_after_another_60_days_but_a_letter_resets(outbox):
    match = _match()  # active since 1 June, no letter: 176 days
    quiet_reminders_send()
    with time_machine.travel(MORNING + datetime.timedelta(days=3), tick=False):
        quiet_reminders_send()  # 179 days: still the same stretch (120 to 179 days)
    with time_machine.travel(MORNING + datetime.timedelta(days=64), tick=False):
        quiet_reminders_send()  # 240 days: a new stretch
        LetterFactory(
            godparent=match.godparent, prisoner=match.prisoner, sent_on=timezone.localdate()
        )
        quiet_reminders_send()

    assert len(outbox) == 2


def test_a_new_godparenthood_is_not_nudged_before_60_days(outbox):
    match = _match()
    match.responded_at = timezone.now() - datetime.timedelta(days=30)
    match.save()

    assert quiet_reminders_send() == 0


def test_a_failed_send_is_retried_and_then_sent_once(outbox, monkeypatch):
    """SMTP down: the email waits in the outbox, and a sweep after its pause sends it, once."""
    from django.core.mail.backends.locmem import EmailBackend

    send_messages = EmailBackend.send_messages
    calls = []

    def flaky(self, messages):
        calls.append(messages)
        if len(calls) == 1:
            raise ConnectionError("SMTP down")
        return send_messages(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    user_with_role(Role.ORGANISER)

    organiser_digest_send()
    (email,) = SentEmail.objects.all()
    assert (email.status, email.attempts, outbox) == ("queued", 1, [])
    organiser_digest_send()  # the schedule again, the same week: still one email
    with time_machine.travel(MORNING + datetime.timedelta(minutes=1), tick=False):
        outbox_send_due()
        outbox_send_due()

    assert len(outbox) == 1
    assert SentEmail.objects.get().status == "sent"
    assert len(calls) == 2


# --- The organisers' digest ----------------------------------------------------------------------


def test_the_weekly_digest_counts_what_waits_and_names_only_public_releases(outbox):
    organiser = user_with_role(Role.ORGANISER)
    user_with_role(Role.DEFENDER)  # defenders get no digest
    GodparentProfileFactory.create_batch(
        2, verification_state=VerificationState.UNVERIFIED, verified_at=None
    )
    AdvocacyActionFactory.create_batch(3, verification=ActionVerification.PENDING)
    AdvocacyActionFactory(verification=ActionVerification.VERIFIED)
    public = PrisonerFactory(name_latin="Maria Publica", publicity=Publicity.BASIC)
    hidden = PrisonerFactory(name_latin="Zoryana Canarynone", publicity=Publicity.NONE)
    old = PrisonerFactory(name_latin="Long Ago")
    for prisoner, day in (
        (public, TODAY),
        (hidden, TODAY - datetime.timedelta(6)),
        (old, TODAY - datetime.timedelta(8)),
    ):
        prisoner_status_change(prisoner=prisoner, status=Status.RELEASED_SERVED, effective_on=day)
    mail.outbox.clear()

    organiser_digest_send()
    organiser_digest_send()
    with time_machine.travel(MORNING + datetime.timedelta(days=3), tick=False):
        organiser_digest_send()  # the same ISO week

    (email,) = outbox
    assert email.to == [organiser.email]
    assert "2 godparents wait for verification" in email.body
    assert "3 advocacy actions wait for verification" in email.body
    assert "2 prisoners released in the last seven days: Maria Publica" in email.body
    assert "Canarynone" not in email.body
    assert "Long Ago" not in email.body
    assert "?verification=pending" in email.body


def test_next_week_brings_a_new_digest_unless_the_organiser_unsubscribed(client, outbox):
    organiser = user_with_role(Role.ORGANISER)
    organiser_digest_send()
    token = unsubscribe_token(user_id=organiser.pk, kind=ReminderKind.DIGEST)

    confirm = client.get(f"/en/email/unsubscribe/{token}/")
    assert not EmailOptOut.objects.exists()  # a mail scanner's GET changes nothing
    client.post(f"/en/email/unsubscribe/{token}/")
    with time_machine.travel(MORNING + datetime.timedelta(days=7), tick=False):
        organiser_digest_send()

    assert "Stop the emails" in confirm.content.decode()
    assert EmailOptOut.objects.filter(user=organiser, kind=ReminderKind.DIGEST).exists()
    assert len(outbox) == 1


def test_a_forged_unsubscribe_link_is_refused(client):
    token = unsubscribe_token(user_id=1, kind=ReminderKind.DIGEST)

    response = client.post(f"/en/email/unsubscribe/{forged(token)}/")

    assert response.status_code == 404
    assert not EmailOptOut.objects.exists()


def test_an_unsubscribe_link_of_a_closed_account_does_nothing(client):
    user = user_with_role(Role.GODPARENT, is_active=False)
    token = unsubscribe_token(user_id=user.pk, kind=ReminderKind.QUIET)

    response = client.post(f"/en/email/unsubscribe/{token}/")

    assert response.status_code == 404
    assert not EmailOptOut.objects.exists()


def test_a_godparent_turns_reminders_off_and_on_in_the_account(client, outbox):
    match = _match()
    client.force_login(match.godparent.user)

    page = client.get("/en/me/reminders/").content.decode()
    client.post("/en/me/reminders/", {"quiet": "on"})  # birthday unticked

    assert 'name="digest"' not in page  # organisers only
    assert set(EmailOptOut.objects.values_list("kind", flat=True)) == {ReminderKind.BIRTHDAY}
    assert birthday_reminders_send() == 0
    assert quiet_reminders_send() == 1


def test_setup_creates_the_schedules_once_and_keeps_their_time():
    from django_q.models import Schedule

    reminders_schedule()
    moved = Schedule.objects.get(name="Weekly digest for organisers")
    moved.next_run = MORNING + datetime.timedelta(days=6)
    moved.save()
    reminders_schedule()

    assert Schedule.objects.count() == len(SCHEDULES)
    assert Schedule.objects.get(pk=moved.pk).next_run == moved.next_run


def test_letters_of_an_earlier_godparenthood_do_not_make_a_new_one_quiet(outbox):
    match = _match()
    LetterFactory(
        godparent=match.godparent, prisoner=match.prisoner, sent_on=TODAY - datetime.timedelta(300)
    )
    match.responded_at = timezone.now() - datetime.timedelta(days=10)  # matched again lately
    match.save()

    assert quiet_reminders_send() == 0


def test_a_29_february_birthday_in_a_leap_year_is_reminded_for_that_day(outbox):
    _match(birth_date=datetime.date(1988, 2, 29))

    with time_machine.travel(datetime.datetime(2028, 2, 15, 7, tzinfo=datetime.UTC), tick=False):
        assert birthday_reminders_send() == 1  # 29 Feb 2028 is 14 days ahead
    with time_machine.travel(datetime.datetime(2028, 2, 14, 7, tzinfo=datetime.UTC), tick=False):
        assert birthday_reminders_send() == 0  # 28 Feb is not the birthday in a leap year


def test_the_digest_key_follows_the_iso_week_across_new_year(outbox):
    user_with_role(Role.ORGANISER)
    for day in ("2026-12-31", "2027-01-03", "2027-01-04"):  # ISO weeks 2026-W53, W53, 2027-W01
        moment = datetime.datetime.fromisoformat(f"{day}T07:00:00+00:00")
        with time_machine.travel(moment, tick=False):
            organiser_digest_send()

    assert len(outbox) == 2
    keys = SentEmail.objects.values_list("key", flat=True)
    assert {key.split("-", 2)[2] for key in keys} == {"2026-W53", "2027-W01"}
