"""The outbox: templated, translated emails (plain text and HTML), written as rows in the caller's
transaction and sent by django-q2 workers, with retries (docs/activity.md, "Emails").

Every email the platform writes itself goes through `email_enqueue`; allauth's go through
`solidarity.portal.adapters.AccountAdapter`, which hands its rendered message to
`email_enqueue_rendered`. Either way the message is a `SentEmail` row before anything talks to
SMTP: a rolled-back event leaves no row, a committed one is sent sooner or later.

Sending (`outbox_send`) claims due rows with a conditional update, so two workers never send one
row; a failure puts the row back with an exponential backoff, and after `MAX_ATTEMPTS` marks it
failed, where an organiser sees it and may send it again. A task per row (only its id travels
through the broker) sends it right after the commit; the per-minute schedule
(`outbox_schedule`) sends whatever that task did not, so nothing depends on it reaching a worker.
"""

import contextlib
import datetime
import logging
import re
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_q.models import Schedule
from django_q.tasks import async_task
from wagtail.log_actions import log

from solidarity.accounts.models import User

from .models import EmailOptOut, EmailStatus, ReminderKind, SentEmail

logger = logging.getLogger(__name__)

LANGUAGES = {code for code, _name in settings.LANGUAGES}
UNSUBSCRIBE_SALT = "solidarity.notifications.unsubscribe"
EMAIL_GROUP = "emails"
RESEND_LOG = "solidarity.email.resend"

MAX_ATTEMPTS = 10  # about four hours of retries (1, 2, 4, … minutes, then hourly)
BACKOFF_CAP = datetime.timedelta(hours=1)
# A row left "sending" this long belongs to a worker that died (a send takes seconds; the
# connection's own timeout is shorter): it goes back to the queue.
STUCK_AFTER = datetime.timedelta(minutes=5)
BATCH = 50  # rows per claim, sent over one SMTP connection
SWEEP_SECONDS = 50  # the per-minute sweep stops claiming in time for the next one
SCHEDULE_NAME = "Emails: send the outbox"
_ADDRESS = re.compile(r"[^\s<>\"'(),;:\[\]]+@[^\s<>\"'(),;:\[\]]+")


def email_language(preferred: str | None) -> str:
    """The user's language where the site has it, else the default (English)."""
    code = (preferred or "").split("-")[0].lower()
    return code if code in LANGUAGES else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class OutgoingEmail:
    """One email of a batch (`email_enqueue_many`): what `email_enqueue` takes."""

    template: str
    to: list[str]
    context: Mapping[str, object]
    language: str | None
    key: str | None = None


def email_enqueue(
    *,
    template: str,
    to: list[str],
    context: Mapping[str, object],
    language: str | None,
    key: str | None = None,
) -> SentEmail | None:
    """Write `templates/emails/<template>` to the outbox; it is sent once the transaction commits.

    Rendered here, in the recipient's language: the worker sends exactly what the event saw, and a
    template error fails the event rather than a worker hours later. `key` names the occasion; a
    second email for the same key is dropped (None). A context with `unsubscribe_path` (the
    reminders a user can turn off) also gives the RFC 8058 one-click unsubscribe headers, so the
    header and the link in the text cannot disagree.
    """
    if not to:
        return None
    key = key[:200] if key else None
    if key and SentEmail.objects.filter(key=key).exists():
        return None  # the usual case of a schedule that runs again: no rendering
    email = _outbox_row(OutgoingEmail(template, list(to), context, language, key))
    try:
        with transaction.atomic():  # a savepoint: a duplicate key leaves the caller's work intact
            email.save()
    except IntegrityError:
        return None  # the same occasion, written by a concurrent run
    pk = email.pk
    # robust: were the broker unreachable, the committed row still goes with the next sweep.
    transaction.on_commit(lambda: _send_soon(pk), robust=True)
    return email


def email_enqueue_many(emails: Sequence[OutgoingEmail]) -> int:
    """`email_enqueue` for a batch (a release wave tells hundreds of godparents) in a fixed number
    of statements: one read of the keys already written, one INSERT. After the commit one task
    sends the batch's due rows; how many rows were written."""
    wanted = [e for e in emails if e.to]
    keys = {e.key[:200] for e in wanted if e.key}
    written = set(SentEmail.objects.filter(key__in=keys).values_list("key", flat=True))
    rows, seen = [], set()
    for outgoing in wanted:
        key = outgoing.key[:200] if outgoing.key else None
        if key and (key in written or key in seen):
            continue
        seen.add(key)
        rows.append(_outbox_row(replace(outgoing, key=key)))
    if not rows:
        return 0
    SentEmail.objects.bulk_create(rows, ignore_conflicts=True)  # a concurrent run's keys
    transaction.on_commit(_send_due_soon, robust=True)
    return len(rows)


def _outbox_row(outgoing: OutgoingEmail) -> SentEmail:
    language = email_language(outgoing.language)
    message = email_render(template=outgoing.template, context=outgoing.context, language=language)
    headers = {}
    if unsubscribe_path := outgoing.context.get("unsubscribe_path"):
        headers = {
            "List-Unsubscribe": f"<{settings.SITE_URL}{unsubscribe_path}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    return _outbox_message_row(
        message=message,
        to=list(outgoing.to),
        template=outgoing.template,
        language=language,
        key=outgoing.key,
        headers=headers,
    )


def email_enqueue_rendered(
    *, message: EmailMessage, template: str = "", language: str = ""
) -> SentEmail:
    """Write an already rendered message (allauth's) to the outbox, so no request waits for SMTP.

    Its body may hold a sign-in code or a password reset link: like every row's, it is emptied
    once sent.
    """
    email = _outbox_message_row(
        message=message,
        to=list(message.to),
        template=template,
        language=language,
        key=None,
        headers=dict(message.extra_headers),
    )
    email.save()
    pk = email.pk
    transaction.on_commit(lambda: _send_soon(pk), robust=True)
    return email


def _outbox_message_row(
    *,
    message: EmailMessage,
    to: list[str],
    template: str,
    language: str,
    key: str | None,
    headers: dict[str, str],
) -> SentEmail:
    html: object = ""
    if isinstance(message, EmailMultiAlternatives):
        html = next((c for c, mimetype in message.alternatives if mimetype == "text/html"), "")
    return SentEmail(
        key=key,
        template=template[:100],
        to=to,
        language=language,
        from_email=message.from_email or "",
        subject=str(message.subject),
        body=str(message.body),
        html=str(html),
        headers=headers,
    )


def _send_soon(pk: int) -> None:
    async_task(
        "solidarity.notifications.tasks.send_email",
        pk,  # only the id: no address, name or link ever travels through the broker
        task_name=f"email-{pk}",
        group=EMAIL_GROUP,
        save=False,  # the row is the record; a task result per email would only be noise
    )


def _send_due_soon() -> None:
    async_task(
        "solidarity.notifications.tasks.send_due_emails",
        task_name="emails-batch",
        group=EMAIL_GROUP,
        save=False,
    )


def email_render(
    *, template: str, context: Mapping[str, object], language: str
) -> EmailMultiAlternatives:
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL, "language": language}
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        body = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    message = EmailMultiAlternatives(subject=prefix + " ".join(subject.split()), body=body, to=[])
    message.attach_alternative(html, "text/html")
    return message


# --- Sending ------------------------------------------------------------------------------------


def outbox_send(*, ids: Iterable[int] | None = None, limit: int = BATCH) -> tuple[int, int]:
    """Claim up to `limit` due rows (only `ids`, if given), send them over one SMTP connection;
    (claimed, sent).

    The claim is one conditional update (queued and due → sending, with this call's claim id):
    of two workers, the second finds those rows no longer queued, on PostgreSQL too, where its
    update waits for the first's row locks and then re-checks the condition. Every later write
    names the claim, so a worker presumed dead that wakes up cannot undo a reclaimed row.
    """
    now = timezone.now()
    due = SentEmail.objects.filter(status=EmailStatus.QUEUED, next_attempt_at__lte=now)
    if ids is not None:
        due = due.filter(pk__in=list(ids))
    pks = list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    if not pks:
        return 0, 0
    claim = uuid.uuid4()
    SentEmail.objects.filter(
        pk__in=pks, status=EmailStatus.QUEUED, next_attempt_at__lte=now
    ).update(status=EmailStatus.SENDING, claim=claim, claimed_at=now)
    emails = list(SentEmail.objects.filter(claim=claim, status=EmailStatus.SENDING))
    if not emails:
        return 0, 0
    try:
        connection = get_connection()
        connection.open()
    except Exception as error:  # SMTP unreachable: every claimed row waits for the next attempt
        for email in emails:
            _failed(email, error)
        return len(emails), 0
    sent = 0
    mine = SentEmail.objects.filter(claim=claim, status=EmailStatus.SENDING)
    try:
        for email in emails:
            # A heartbeat: a slow batch is not taken for a dead worker's. And a row reclaimed all
            # the same (this worker stalled past `STUCK_AFTER`) is left to its new owner.
            mine.update(claimed_at=timezone.now())
            if not mine.filter(pk=email.pk).exists():
                continue
            try:
                connection.send_messages([_message(email, connection)])
            except Exception as error:
                _failed(email, error)
            else:
                _sent(email)
                sent += 1
    finally:
        with contextlib.suppress(Exception):  # the messages went: a failed QUIT changes nothing
            connection.close()
    return len(emails), sent


def outbox_send_due(*, seconds: float = SWEEP_SECONDS) -> int:
    """The per-minute sweep: reclaim rows of dead workers, then send batches of due rows until
    none is left or `seconds` have passed; how many were sent."""
    outbox_reclaim_stuck()
    deadline = time.monotonic() + seconds
    total = 0
    woken = False
    while time.monotonic() < deadline:
        claimed, sent = outbox_send()
        total += sent
        if sent and not woken:
            # SMTP answers again: the emails paused by its outage need not wait out their
            # backoff (up to an hour); they go in this sweep.
            woken = outbox_wake_paused() > 0
            if woken:
                continue
        if claimed < BATCH:
            break
    return total


# Errors that say SMTP could not be reached at all (not that it refused one message).
UNREACHABLE_ERRORS = (
    "ConnectionRefusedError",
    "ConnectionResetError",
    "TimeoutError",
    "SMTPConnectError",
    "SMTPServerDisconnected",
    "gaierror",
    "OSError",
)


def outbox_wake_paused(*, now: datetime.datetime | None = None) -> int:
    """Make the emails paused because SMTP was unreachable due now; how many.

    Emails that SMTP refused on their own (a rejected recipient) keep their backoff.
    """
    now = now or timezone.now()
    unreachable = Q()
    for error in UNREACHABLE_ERRORS:
        unreachable |= Q(last_error__startswith=f"{error}:")
    return (
        SentEmail.objects.filter(status=EmailStatus.QUEUED, attempts__gt=0, next_attempt_at__gt=now)
        .filter(unreachable)
        .update(next_attempt_at=now)
    )


def outbox_reclaim_stuck(*, now: datetime.datetime | None = None) -> int:
    """Rows "sending" for longer than `STUCK_AFTER` go back to the queue, counted as an attempt.

    Their worker was killed: whether SMTP took the message before is unknown, so the recipient may
    get it twice. That is preferred to losing it; counting the attempt keeps a message that kills
    its worker every time from looping for ever.
    """
    now = now or timezone.now()
    stuck = SentEmail.objects.filter(status=EmailStatus.SENDING, claimed_at__lt=now - STUCK_AFTER)
    reclaimed = 0
    for pk, attempts in stuck.values_list("pk", "attempts"):
        status = EmailStatus.FAILED if attempts + 1 >= MAX_ATTEMPTS else EmailStatus.QUEUED
        reclaimed += SentEmail.objects.filter(pk=pk, status=EmailStatus.SENDING).update(
            status=status,
            attempts=F("attempts") + 1,
            next_attempt_at=now,
            claim=None,
            claimed_at=None,
            last_error="The worker stopped while sending.",
        )
    if reclaimed:
        logger.warning(
            "Outbox: %d email(s) left sending by a stopped worker were reclaimed", reclaimed
        )
    return reclaimed


def _message(email: SentEmail, connection: BaseEmailBackend) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email or None,
        to=email.to,
        headers=email.headers or None,
        connection=connection,
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    return message


def _sent(email: SentEmail) -> None:
    """Sent: the message itself goes, what it was and when stays (`SentEmail`)."""
    SentEmail.objects.filter(pk=email.pk, claim=email.claim).update(
        status=EmailStatus.SENT,
        sent_at=timezone.now(),
        subject="",
        body="",
        html="",
        headers={},
        claim=None,
    )


def _failed(email: SentEmail, error: Exception) -> None:
    attempts = email.attempts + 1
    status = EmailStatus.FAILED if attempts >= MAX_ATTEMPTS else EmailStatus.QUEUED
    delay = min(datetime.timedelta(minutes=2 ** (attempts - 1)), BACKOFF_CAP)
    reason = email_error_text(error, addresses=email.to)
    SentEmail.objects.filter(pk=email.pk, claim=email.claim).update(
        status=status,
        attempts=attempts,
        next_attempt_at=timezone.now() + delay,
        last_error=reason,
        claim=None,
        claimed_at=None,
    )
    logger.warning(
        "Outbox: email %s (%s) not sent, attempt %d of %d: %s",
        email.pk,
        email.template,
        attempts,
        MAX_ATTEMPTS,
        reason,
    )


def email_error_text(error: BaseException, *, addresses: Iterable[str] = ()) -> str:
    """The exception's class and message, without addresses: SMTP replies quote the recipient
    ("<x@y>: Recipient address rejected"), and this text is shown in the admin and logged."""
    text = str(error)
    for address in addresses:
        text = text.replace(address, "<address>")
    text = _ADDRESS.sub("<address>", text)
    return f"{type(error).__name__}: {text}"[:300]


def outbox_resend(*, email: SentEmail, by: User) -> bool:
    """ "Send again" in the admin: a failed (or waiting) row is due now with a fresh round of
    attempts. A sent row cannot be: its message is gone. Idempotent: a second click finds the row
    queued and due and changes nothing more; False when nothing changed."""
    changed = (
        SentEmail.objects.filter(pk=email.pk, status__in=[EmailStatus.FAILED, EmailStatus.QUEUED])
        .exclude(status=EmailStatus.QUEUED, attempts=0)
        .update(status=EmailStatus.QUEUED, attempts=0, next_attempt_at=timezone.now())
    )
    if not changed:
        return False
    email.refresh_from_db()
    log(instance=email, action=RESEND_LOG, user=by)
    pk = email.pk
    transaction.on_commit(lambda: _send_soon(pk), robust=True)
    return True


def outbox_schedule() -> None:
    """Create or repair the per-minute sweep (`setup_site`)."""
    defaults = {
        "func": "solidarity.notifications.tasks.send_due_emails",
        "schedule_type": Schedule.MINUTES,
        "minutes": 1,
        "repeats": -1,
    }
    Schedule.objects.update_or_create(name=SCHEDULE_NAME, defaults=defaults)


# --- Opting out ---------------------------------------------------------------------------------


def opted_out_user_ids(kind: str) -> QuerySet[EmailOptOut, Mapping[str, object]]:
    """A subquery, not a list: thousands of opt-outs never travel as query parameters."""
    return EmailOptOut.objects.filter(kind=kind).values("user_id")


def email_opt_out_set(*, user: User, kind: str, opted_out: bool) -> None:
    if opted_out:
        EmailOptOut.objects.get_or_create(user=user, kind=kind)
    else:
        EmailOptOut.objects.filter(user=user, kind=kind).delete()


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    """A link in every reminder turns that kind off without signing in (no expiry, by design:
    an old email must still stop the reminders)."""
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_from_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user_id, kind = data.get("u"), data.get("k")
    if not isinstance(user_id, int) or not isinstance(kind, str) or kind not in ReminderKind.values:
        return None
    return user_id, kind
