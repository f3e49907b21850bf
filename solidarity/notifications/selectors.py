"""Reads of the outbox for the admin."""

from django.db.models import Count, QuerySet

from .models import EmailStatus, SentEmail


def outbox_emails(*, status: str = "") -> QuerySet[SentEmail]:
    """Newest first, one status or all; without the message (`defer`): the list never shows it."""
    emails = SentEmail.objects.defer("subject", "body", "html", "headers").order_by(
        "-created_at", "-pk"
    )
    if status in EmailStatus.values:
        emails = emails.filter(status=status)
    return emails


def outbox_counts() -> dict[str, int]:
    """Rows per status, for the filter links ("Failed (3)")."""
    counts = dict.fromkeys(EmailStatus.values, 0)
    for row in SentEmail.objects.values("status").order_by().annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts
