from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo and benchmark data generator (`manage.py seed_demo`); no models, no pages.

    It sits above every other app (it writes all of them) and nothing imports it, so that a
    production deployment may leave it out of INSTALLED_APPS.
    """

    name = "solidarity.demo"
    label = "demo"
    verbose_name = _("Demo data")
