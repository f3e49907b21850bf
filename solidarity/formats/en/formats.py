"""English formats: Django's, with dates written day first ("24 April 1982", "24 April"), as the
site's British English and the defenders' English list write them (Django's default is the
American "April 24, 1982")."""

from django.conf.locale.en.formats import *  # type: ignore[import-untyped]  # noqa: F403

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
