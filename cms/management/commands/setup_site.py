"""`manage.py setup_site`: what every deployment needs after `migrate`, and nothing more.

Role groups and their permissions, the be/ru/en locales, a home page and prisoner listing per
locale, the roles' page and image permissions, the reminder schedules, the outbox's sweep, the
background jobs' sweep and the purge of old form tokens. Idempotent; creates no account and no
data.
"""

import logging

from django.core.management.base import BaseCommand

from cms.services import site_setup
from solidarity.accounts.services import roles_sync
from solidarity.activity.reminders import reminders_schedule
from solidarity.common.idempotency import submissions_schedule
from solidarity.common.jobs import jobs_schedule
from solidarity.common.pagecache import page_cache_invalidate
from solidarity.notifications.services import outbox_schedule


class Command(BaseCommand):
    help = "Create or repair roles, locales, the page tree and role page permissions (idempotent)."

    def handle(self, *args, **options) -> None:
        if options["verbosity"] < 2:
            logging.getLogger("wagtail").setLevel(logging.WARNING)  # one line per page otherwise
        roles_sync()
        home = site_setup()
        reminders_schedule()
        outbox_schedule()
        jobs_schedule()  # every minute: retry or fail the jobs whose worker died
        submissions_schedule()  # forgets the tokens of forms sent days ago
        page_cache_invalidate()  # a release step: pages cached by the old code go stale
        self.stdout.write(self.style.SUCCESS(f"Site ready: {home.title} ({home.locale})."))
