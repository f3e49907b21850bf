"""The organisers' verification of advocacy actions in the admin: confirm, then the service."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from solidarity.accounts.permissions import can_manage_godparents, can_open_reply_scans
from solidarity.common.admin import PolicyViewMixin
from solidarity.common.uploads import private_file_response

from ..models import ActionVerification, AdvocacyAction, Letter
from ..services import action_reject, action_verify

VERIFY, REJECT = "verify", "reject"
DECISION_LABELS = {VERIFY: _("Verify"), REJECT: _("Reject")}
DECISION_HELP = {
    VERIFY: _(
        "Once verified, the action counts in public figures and reports; a public action may "
        "appear on the public site. A decision is final."
    ),
    REJECT: _("The godparents are emailed the reason, so that they can log it again."),
}


def action_decisions(action: AdvocacyAction) -> list[str]:
    return [VERIFY, REJECT] if action.verification == ActionVerification.PENDING else []


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Written to the godparents in their language: be specific and kind."),
    )


class ActionDecisionView(PolicyViewMixin, WagtailAdminTemplateMixin, TemplateView):
    allowed = staticmethod(can_manage_godparents)
    template_name = "activity/admin/action_decision.html"
    header_icon = "openquote"
    edit_url_name = ""

    @cached_property
    def action(self) -> AdvocacyAction:
        # Read after PolicyViewMixin.dispatch: who may not enter never learns if the id exists.
        return get_object_or_404(
            AdvocacyAction.objects.prefetch_related("prisoners", "godparents"),
            pk=self.kwargs["pk"],
        )

    @property
    def decision(self) -> str:
        return self.kwargs["decision"]  # the URL pattern admits only DECISION_LABELS' keys

    def get_page_title(self):
        return DECISION_LABELS[self.decision]

    def get_page_subtitle(self):
        return self.action.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items

    def get_context_data(self, form=None, **kwargs):
        if form is None and self.decision == REJECT:
            form = RejectionForm()
        return super().get_context_data(
            action=self.action,
            possible=self.decision in action_decisions(self.action),
            help=DECISION_HELP[self.decision],
            label=DECISION_LABELS[self.decision],
            form=form,
            back_url=reverse(self.edit_url_name, args=[self.action.pk]),
            evidence_url=reverse(self.evidence_url_name, args=[self.action.pk])
            if self.action.evidence_file
            else "",
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action = self.action
        form = RejectionForm(request.POST) if self.decision == REJECT else None
        if form is not None and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            if self.decision == VERIFY:
                action_verify(action=action, by=request.user)
            else:
                action_reject(action=action, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.edit_url_name, action.pk)
        if self.decision == VERIFY:
            messages.success(request, _("Verified: %(title)s.") % {"title": action.title})
        else:
            messages.success(request, _("Rejected: %(title)s.") % {"title": action.title})
        return redirect(self.index_url_name)

    index_url_name = ""
    evidence_url_name = ""


class ActionEvidenceView(PolicyViewMixin, View):
    """The evidence file a godparent attached: organisers judge it, nobody else opens it."""

    allowed = staticmethod(can_manage_godparents)

    def get(self, request, pk: int):
        action = get_object_or_404(AdvocacyAction, pk=pk)
        if not action.evidence_file:
            raise Http404
        return private_file_response(action.evidence_file, download_name=f"evidence-{action.pk}")


class LetterScanView(PolicyViewMixin, View):
    """A prisoner's reply, for organisers and admins (`can_open_reply_scans`): in the admin (so
    behind MFA), and every opening is audited, as for any restricted information
    (docs/architecture.md). Defenders are refused before the id is read: they learn nothing."""

    allowed = staticmethod(can_open_reply_scans)

    def get(self, request, pk: int):
        letter = get_object_or_404(Letter, pk=pk)
        if not letter.reply_scan:
            raise Http404
        log(instance=letter, action=SCAN_READ_LOG, user=request.user)
        return private_file_response(letter.reply_scan, download_name=f"reply-{letter.sent_on}")


SCAN_READ_LOG = "solidarity.reply_scan_read"
