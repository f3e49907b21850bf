"""The outbox on /healthz: emails waiting longer than retries explain mean SMTP is down."""

from datetime import timedelta

from django.db.models import Count, Min, Q
from django.utils import timezone

from solidarity.common.health import (
    DEGRADED,
    OK,
    CheckResult,
    register_health_check,
    statement_timeout,
)

from .models import EmailStatus, SentEmail

# An email is sent within a minute or two when all is well (after its commit, or by the sweep).
OUTBOX_LATE = timedelta(minutes=10)


@register_health_check("outbox", timeout=1.0)
def check_outbox(timeout: float) -> CheckResult:
    """Counts only (never an address): waiting, failed for good, and the oldest waiting."""
    now = timezone.now()
    with statement_timeout(timeout):
        counts = SentEmail.objects.filter(
            status__in=[EmailStatus.QUEUED, EmailStatus.SENDING, EmailStatus.FAILED]
        ).aggregate(
            waiting=Count("id", filter=~Q(status=EmailStatus.FAILED)),
            failed=Count("id", filter=Q(status=EmailStatus.FAILED)),
            oldest=Min("created_at", filter=~Q(status=EmailStatus.FAILED)),
        )
    oldest = counts.pop("oldest")
    waited = int((now - oldest).total_seconds()) if oldest else 0
    details = {**counts, "oldest_waiting_seconds": waited}
    return CheckResult(DEGRADED if oldest and now - oldest > OUTBOX_LATE else OK, details)
