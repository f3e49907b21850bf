"""Audit actions written by domain services (wagtail.log_actions.log validates registered names)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

AUDIT_ACTIONS = {
    "solidarity.status_change": (_("Status changed"), _("Prisoner status changed")),
    "solidarity.view_restricted": (_("Restricted data viewed"), _("Restricted data viewed")),
    "solidarity.match_transition": (_("Match status changed"), _("Match status changed")),
}


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    for action, (label, message) in AUDIT_ACTIONS.items():
        actions.register_action(action, label, message)
