"""django-q2 entry points: the reminder schedules (`reminders.SCHEDULES`) and the steps of a
large import of actions (`action_import.ACTION_IMPORTS`)."""

from . import reminders
from .action_import import ACTION_IMPORTS


def birthday_reminders() -> int:
    return reminders.birthday_reminders_send()


def quiet_reminders() -> int:
    return reminders.quiet_reminders_send()


def organiser_digest() -> int:
    return reminders.organiser_digest_send()


def plan_import(import_id: int) -> None:
    ACTION_IMPORTS.run_plan(import_id=import_id)


def apply_import(import_id: int) -> None:
    ACTION_IMPORTS.run_apply(import_id=import_id)
