"""django-q2 entry points: the reminder schedules (`reminders.SCHEDULES`). Importing this module
also declares the action import's background jobs (plan, apply) to the job kernel:
`action_import.ACTION_IMPORTS` registers them, and every worker imports the apps' `tasks`
modules before its first job (`solidarity.common.jobs`)."""

from . import reminders
from .action_import import ACTION_IMPORTS


def birthday_reminders() -> int:
    return reminders.birthday_reminders_send()


def quiet_reminders() -> int:
    return reminders.quiet_reminders_send()


def organiser_digest() -> int:
    return reminders.organiser_digest_send()


IMPORT_JOBS = (ACTION_IMPORTS.job_kind("plan"), ACTION_IMPORTS.job_kind("apply"))
