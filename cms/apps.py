from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Public site")

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
