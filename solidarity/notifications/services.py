"""Templated, translated emails (plain text and HTML), sent by django-q2 after the commit.

Every email the platform writes itself goes through `email_enqueue`; allauth's go through
`solidarity.accounts.adapters.AccountAdapter`, which hands its rendered message to the same queue.
"""

from collections.abc import Mapping

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import translation
from django_q.tasks import async_task

from solidarity.accounts.models import User

from .models import EmailOptOut, ReminderKind, SentEmail

LANGUAGES = {code for code, _name in settings.LANGUAGES}
UNSUBSCRIBE_SALT = "solidarity.notifications.unsubscribe"
EMAIL_GROUP = "emails"


def email_language(preferred: str | None) -> str:
    """The user's language where the site has it, else the default (English)."""
    code = (preferred or "").split("-")[0].lower()
    return code if code in LANGUAGES else settings.LANGUAGE_CODE


def email_enqueue(
    *,
    template: str,
    to: list[str],
    context: Mapping[str, object],
    language: str | None,
    key: str | None = None,
) -> None:
    """Queue `templates/emails/<template>` for sending once the transaction commits.

    `context` must hold plain values (ids, strings): the task renders in a worker, maybe after
    the objects changed. `key` names the occasion; a second email for the same key is dropped.
    """
    args = (template, list(to), context, email_language(language), key)
    transaction.on_commit(
        lambda: async_task(
            "solidarity.notifications.tasks.send_templated_email",
            *args,
            task_name=f"email-{key or template}"[:100],
            group=EMAIL_GROUP,
            save=False,  # the arguments name people: no copy stays in django-q's task table
            ack_failure=False,  # a failed send stays queued: the broker retries it later
        )
    )


def email_enqueue_rendered(*, message: EmailMultiAlternatives) -> None:
    """Queue an already rendered message (allauth's), so that no request waits for SMTP."""
    payload = {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "alternatives": [(content, mimetype) for content, mimetype in message.alternatives],
    }
    transaction.on_commit(
        lambda: async_task(
            "solidarity.notifications.tasks.send_rendered_email",
            payload,
            group=EMAIL_GROUP,
            save=False,  # a rendered body may hold a sign-in code or a reset link
            ack_failure=False,
        )
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


def email_send_now(
    *, template: str, to: list[str], context: Mapping[str, object], language: str, key: str | None
) -> bool:
    """Send unless this occasion was already sent; False when it was.

    At most once per occasion: the key row is committed before the message goes out, so a
    second run of the same reminder finds it even while the first is still sending. If SMTP
    fails, the row is removed again and the task fails: it stays in the broker, which delivers it
    again after `Q_CLUSTER["retry"]` seconds, up to `max_attempts`. A worker killed between the
    commit and the send loses that one email rather than sending it twice. Runs in a worker,
    outside any transaction (tests call it inside theirs, where "committed" means the savepoint).
    """
    if not to:
        return False
    message = email_render(template=template, context=context, language=language)
    message.to = to
    if key:
        try:
            with transaction.atomic():
                SentEmail.objects.create(key=key[:200], template=template)
        except IntegrityError:
            return False
    try:
        message.send()
    except Exception:
        if key:
            SentEmail.objects.filter(key=key[:200]).delete()
        raise
    return True


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


def email_task_forget_arguments(sender: object, task: dict[str, object], **kwargs: object) -> None:
    """django-q2 saves failed tasks whatever `save` says: an email task's arguments (addresses,
    names, envelopes, links) must not stay in its task table. The broker keeps its own copy
    for the retry until the task succeeds."""
    if task.get("group") == EMAIL_GROUP and not task.get("success"):
        task["args"], task["kwargs"] = (), {}
