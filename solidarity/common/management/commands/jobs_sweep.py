"""`manage.py jobs_sweep`: what the every-minute schedule does, at once (operators, fault tests).

Queues again the background jobs whose worker died (once), fails those that died twice, and
sends again the queued jobs nobody claimed (`solidarity.common.jobs.jobs_sweep`).
"""

from django.core.management.base import BaseCommand

from solidarity.common.jobs import jobs_sweep


class Command(BaseCommand):
    help = "Retry background jobs whose worker died, fail those that died twice (idempotent)."

    def handle(self, *args, **options):
        result = jobs_sweep()
        self.stdout.write(
            f"Queued again: {result.requeued}; failed: {result.failed}; "
            f"sent again: {result.resent}."
        )
