"""English formats: Django's, with a birthday written day first ("24 April"), as the site's
British English and the defenders' English list write it."""

from django.conf.locale.en.formats import *  # type: ignore[import-untyped]  # noqa: F403

MONTH_DAY_FORMAT = "j F"
