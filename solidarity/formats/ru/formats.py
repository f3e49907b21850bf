"""Russian formats: Django's, with the day and month in the genitive ("1 мая", not "1 Май")."""

from django.conf.locale.ru.formats import *  # type: ignore[import-untyped]  # noqa: F403

MONTH_DAY_FORMAT = "j E"
