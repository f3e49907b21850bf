"""Dates about a prisoner that several apps need: the dashboard's next birthday, the reminders."""

import datetime

from .choices import DatePrecision


def next_birthday(
    birth_date: datetime.date | None, precision: str, today: datetime.date
) -> datetime.date | None:
    """The next birthday on or after today, when the day is known (29 February → 28 February)."""
    if birth_date is None or precision != DatePrecision.DAY:
        return None
    for year in (today.year, today.year + 1):
        try:
            candidate = birth_date.replace(year=year)
        except ValueError:
            candidate = datetime.date(year, 2, 28)
        if candidate >= today:
            return candidate
    return None
