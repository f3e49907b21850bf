from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "solidarity.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from . import health  # noqa: F401 (registers the outbox's check on /healthz)
