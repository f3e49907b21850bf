"""django-q2 entry points of the reminder schedules (`reminders.SCHEDULES`)."""

from . import reminders


def birthday_reminders() -> int:
    return reminders.birthday_reminders_send()


def quiet_reminders() -> int:
    return reminders.quiet_reminders_send()


def organiser_digest() -> int:
    return reminders.organiser_digest_send()
