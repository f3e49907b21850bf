"""django-q2 entry points for email."""

from django.core.mail import EmailMultiAlternatives

from .services import email_send_now


def send_templated_email(
    template: str, to: list[str], context: dict, language: str, key: str | None
) -> bool:
    return email_send_now(template=template, to=to, context=context, language=language, key=key)


def send_rendered_email(payload: dict) -> None:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
    )
    for content, mimetype in payload["alternatives"]:
        message.attach_alternative(content, mimetype)
    message.send()
