"""django-q2 entry points for email: only ids travel through the broker (services.py)."""

from django.core.mail import EmailMultiAlternatives

from .services import email_enqueue, email_enqueue_rendered, outbox_send, outbox_send_due


def send_email(email_id: int) -> int:
    """Send one outbox row right after the commit that wrote it; how many were sent (0 or 1:
    already sent, claimed by the sweep, or not yet due after a failure)."""
    _claimed, sent = outbox_send(ids=[email_id])
    return sent


def send_due_emails() -> int:
    """The per-minute schedule (`outbox_schedule`)."""
    return outbox_send_due()


# Tasks queued by the release before the outbox may still sit in the broker when it is
# deployed: they become outbox rows, so they are sent (once per key) rather than lost.


def send_templated_email(
    template: str, to: list[str], context: dict, language: str, key: str | None
) -> bool:
    email = email_enqueue(template=template, to=to, context=context, language=language, key=key)
    return email is not None


def send_rendered_email(payload: dict) -> None:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
    )
    for content, mimetype in payload["alternatives"]:
        message.attach_alternative(content, mimetype)
    email_enqueue_rendered(message=message)
