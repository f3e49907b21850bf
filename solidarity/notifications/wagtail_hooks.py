"""The outbox's admin area (admin_views.py) and its audit log action."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_views import OutboxViewSet
from .services import RESEND_LOG


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutboxViewSet()


@hooks.register("register_log_actions")
def register_outbox_log_actions(actions):
    label = _("Email queued to be sent again")
    actions.register_action(RESEND_LOG, label, label)
