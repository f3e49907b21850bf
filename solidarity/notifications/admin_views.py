"""The outbox in the admin: every email, whether it went, why not, and "Send again".

Who may see it is `can_manage_emails` (organisers, admins). The list shows the recipients (the
point of the page: "did the confirmation reach this address?") but never a subject or body.
"""

from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from solidarity.accounts.permissions import can_manage_emails
from solidarity.common.admin import PolicyAreaViewSet, PolicyViewMixin

from .models import EmailStatus, SentEmail
from .selectors import outbox_counts, outbox_emails
from .services import outbox_resend

TITLE = _("Emails")
PER_PAGE = 50
RESENDABLE = (EmailStatus.FAILED, EmailStatus.QUEUED)
STATUS_STYLES: dict[str, str] = {EmailStatus.SENT: "primary", EmailStatus.FAILED: "label"}


class OutboxPermissionMixin(PolicyViewMixin):
    allowed = staticmethod(can_manage_emails)
    area_title = TITLE


class OutboxIndexView(OutboxPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "notifications/admin/outbox.html"
    page_title = TITLE
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        if status not in EmailStatus.values:
            status = ""
        page = Paginator(outbox_emails(status=status), PER_PAGE).get_page(self.request.GET.get("p"))
        counts = outbox_counts()
        filters = [{"value": "", "label": _("All"), "count": sum(counts.values())}] + [
            {"value": value, "label": label, "count": counts[value]}
            for value, label in EmailStatus.choices
        ]
        return super().get_context_data(
            status=status,
            filters=filters,
            page=page,
            emails=[_row(email) for email in page.object_list],
            url_names=self.url_names,
            **kwargs,
        )


def _row(email: SentEmail) -> dict:
    """What the list shows of a row; the status rules stay here, not in the template."""
    return {
        "email": email,
        "style": STATUS_STYLES.get(email.status, ""),
        "when": email.sent_at
        or (email.next_attempt_at if email.status == EmailStatus.QUEUED else None),
        "resendable": email.status in RESENDABLE and email.attempts > 0,
    }


class OutboxResendView(OutboxPermissionMixin, View):
    """POST only (CSRF-checked): a failed email is due again; repeated clicks change nothing."""

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, pk: int):
        email = get_object_or_404(SentEmail, pk=pk)
        if outbox_resend(email=email, by=request.user):
            messages.success(request, _("The email will be sent again in a moment."))
        else:
            messages.warning(request, _("This email is not waiting to be sent again."))
        back = request.POST.get("status", "")  # the list the button was on
        return redirect(
            self.url("index") + (f"?status={back}" if back in EmailStatus.values else "")
        )


class OutboxViewSet(PolicyAreaViewSet):
    name = "outbox"
    url_prefix = "emails"
    icon = "mail"
    menu_icon = "mail"
    menu_label = TITLE
    menu_order = 250  # after the Congress reports (240): the operational pages
    add_to_admin_menu = True
    allowed = staticmethod(can_manage_emails)
    routes = {
        "index": (OutboxIndexView, ""),
        "resend": (OutboxResendView, "<int:pk>/resend/"),
    }
