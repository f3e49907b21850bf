"""Templated, translated emails (plain text and HTML), sent by django-q2 after the commit.

Every email the platform writes itself goes through `email_enqueue`; allauth's go through
`solidarity.accounts.adapters.AccountAdapter`, which hands its rendered message to the same queue.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_q.tasks import async_task

from .models import SentEmail

LANGUAGES = {code for code, _name in settings.LANGUAGES}


def email_language(preferred: str | None) -> str:
    """The user's language where the site has it, else the default (English)."""
    code = (preferred or "").split("-")[0].lower()
    return code if code in LANGUAGES else settings.LANGUAGE_CODE


def email_enqueue(
    *,
    template: str,
    to: list[str],
    context: dict,
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
            group="emails",
            save=False,  # the arguments name people: no copy stays in django-q's task table
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
            group="emails",
            save=False,  # a rendered body may hold a sign-in code or a reset link
        )
    )


def email_render(*, template: str, context: dict, language: str) -> EmailMultiAlternatives:
    with translation.override(language):
        context = {**context, "site_url": settings.WAGTAILADMIN_BASE_URL, "language": language}
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        body = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    message = EmailMultiAlternatives(subject=prefix + " ".join(subject.split()), body=body, to=[])
    message.attach_alternative(html, "text/html")
    return message


def email_send_now(
    *, template: str, to: list[str], context: dict, language: str, key: str | None
) -> bool:
    """Send unless this occasion was already sent; False when it was.

    The key row and the send share a transaction: if SMTP fails, the row is rolled back and
    the task's retry sends; if the worker dies after sending but before the commit, one
    duplicate is possible, which beats a lost notification.
    """
    if not to:
        return False
    message = email_render(template=template, context=context, language=language)
    message.to = to
    with transaction.atomic():
        if key:
            try:
                with transaction.atomic():
                    SentEmail.objects.create(key=key[:200], template=template)
            except IntegrityError:
                return False
        message.send()
    return True
