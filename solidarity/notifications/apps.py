from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "solidarity.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from django_q.signals import post_execute_in_worker

        from .services import email_task_forget_arguments

        post_execute_in_worker.connect(email_task_forget_arguments, dispatch_uid="email-args")
