"""Create the configured PostgreSQL database when it does not exist yet (SQLite creates itself).

Lets `DATABASE_URL=postgres://…/a_new_db make run` work on a fresh server without a manual
`createdb`.
"""

from django.core.management.base import BaseCommand
from django.db import connection

from solidarity.common.databases import database_ensure


class Command(BaseCommand):
    help = "Create the configured PostgreSQL database if it is missing."

    def handle(self, *args, **options):
        if database_ensure(settings_dict=connection.settings_dict):
            self.stdout.write(f"Created database {connection.settings_dict['NAME']}.")
