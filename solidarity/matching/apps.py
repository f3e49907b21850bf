from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "solidarity.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
