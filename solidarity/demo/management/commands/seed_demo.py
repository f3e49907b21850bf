"""`manage.py seed_demo`: realistic, clearly fictional data for demos and benchmarks."""

import datetime
import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from solidarity.demo.builder import DemoResult, DemoSize, demo_reset, demo_seed

NOT_IN_PRODUCTION = (
    "seed_demo creates accounts with published passwords and refuses to run with DEBUG off. "
    "For a real deployment run `manage.py setup_site` instead."
)


class Command(BaseCommand):
    help = (
        "Build deterministic, fictional demo data (prisoners, godparents, matches, letters, "
        "actions, pages) and the demo accounts. Skips the data when it exists; --reset rebuilds."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--prisoners", type=int, default=120)
        parser.add_argument(
            "--godparents", type=int, help="Default: a third of the prisoners, at least 12."
        )
        parser.add_argument("--letters", type=int, help="Default: three per prisoner.")
        parser.add_argument("--actions", type=int, help="Default: one per two prisoners.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--pages", type=int, default=24, help="Public prisoners that get a Wagtail page."
        )
        parser.add_argument(
            "--anchor-date",
            dest="anchor",
            type=datetime.date.fromisoformat,
            help="YYYY-MM-DD; all dates are relative to it. Default: today.",
        )
        parser.add_argument("--reset", action="store_true", help="Delete the demo data first.")
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run although DEBUG is off (tests, benchmarks). Never on a real deployment.",
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError(NOT_IN_PRODUCTION)
        if options["verbosity"] < 2:
            logging.getLogger("wagtail").setLevel(logging.WARNING)  # one line per page otherwise
        if options["reset"]:
            removed = demo_reset()
            self.stdout.write("Removed demo data: " + _counts(removed))
        result = demo_seed(
            size=DemoSize(
                prisoners=options["prisoners"],
                godparents=options["godparents"],
                letters=options["letters"],
                actions=options["actions"],
            ),
            seed=options["seed"],
            anchor=options["anchor"] or timezone.localdate(),
            pages=options["pages"],
        )
        if result.built:
            # Bulk-loaded tables have no planner statistics yet: on PostgreSQL one grouped query of
            # the Congress report ran for minutes on a nested-loop plan until ANALYZE.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self._report(result)

    def _report(self, result: DemoResult) -> None:
        if result.built:
            self.stdout.write(self.style.SUCCESS("Created demo data: " + _counts(result.counts)))
        else:
            self.stdout.write("Demo data already exists: skipped (use --reset to rebuild).")
        self.stdout.write(f"Prisoner pages created: {result.pages_created}")
        self.stdout.write("\nDemo accounts (local use only):")
        rows = [("role", "email", "password", "authenticator app secret (TOTP)")]
        rows += [(str(a.role), a.email, a.password, a.totp_secret) for a in result.accounts]
        widths = [max(len(row[column]) for row in rows) for column in range(4)]
        for row in rows:
            cells = (value.ljust(width) for value, width in zip(row, widths, strict=True))
            self.stdout.write("  " + "  ".join(cells))


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {name}" for name, count in counts.items())
