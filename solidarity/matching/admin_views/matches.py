"""Wagtail admin views for matching: thin subclasses of Wagtail's generic snippet views."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.views.snippets import CreateView

from solidarity.accounts.permissions import can_manage_godparents
from solidarity.common.admin import PolicyViewMixin

from ..models import EndReason, Match, MatchStatus
from ..services import match_end, match_offer, match_propose, match_withdraw


class MatchingRunCreateView(CreateView):
    """Runs are started from "Run matching", which computes and reviews them.

    `get`/`post`, not `dispatch`: Wagtail checks the add permission in `dispatch` first.
    """

    def get(self, request, *args, **kwargs):
        return redirect("matching_runs:add")

    post = get


class MatchCreateView(CreateView):
    """A manual match is proposed through `match_propose`, so the hard constraints always apply."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def save_instance(self):
        data = self.form.cleaned_data
        return match_propose(
            godparent=data["godparent"], prisoner=data["prisoner"], proposed_by=self.request.user
        )


class MatchAction:
    """What an organiser may do to one match from the admin, with the service that does it."""

    OFFER = "offer"
    WITHDRAW = "withdraw"
    END = "end"


ACTION_LABELS = {
    MatchAction.OFFER: _("Offer to the godparent"),
    MatchAction.WITHDRAW: _("Withdraw"),
    MatchAction.END: _("End the godparenthood"),
}
ACTION_HELP = {
    MatchAction.OFFER: _("The godparent is emailed a link to accept or decline."),
    MatchAction.WITHDRAW: _("The proposal or offer is dropped; the godparent is not emailed."),
    MatchAction.END: _("The godparenthood ends and stays in the records, ended by you."),
}


def match_actions(match: Match) -> list[str]:
    """Offers of manual matches only: a run's proposals are offered by approving the run."""
    if match.status == MatchStatus.PROPOSED:
        return [MatchAction.OFFER, MatchAction.WITHDRAW] if match.run_id is None else []
    if match.status == MatchStatus.OFFERED:
        return [MatchAction.WITHDRAW]
    if match.status == MatchStatus.ACTIVE:
        return [MatchAction.END]
    return []


class MatchActionView(PolicyViewMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then offer, withdraw or end one match through the lifecycle services."""

    allowed = staticmethod(can_manage_godparents)
    template_name = "matching/admin/match_action.html"
    header_icon = "link"
    edit_url_name = ""

    @cached_property
    def match(self) -> Match:
        # Read after PolicyViewMixin.dispatch: who may not enter never learns if the id exists.
        return get_object_or_404(
            Match.objects.select_related("godparent", "prisoner"), pk=self.kwargs["pk"]
        )

    @property
    def action(self) -> str:
        return self.kwargs["action"]  # the URL pattern admits only ACTION_LABELS' keys

    def get_page_title(self):
        return ACTION_LABELS[self.action]

    def get_page_subtitle(self):
        return str(self.match)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            match=self.match,
            possible=self.action in match_actions(self.match),
            help=ACTION_HELP[self.action],
            label=ACTION_LABELS[self.action],
            back_url=reverse(self.edit_url_name, args=[self.match.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        match, by = self.match, request.user
        try:
            if self.action not in match_actions(match):
                raise ValidationError(ACTION_REFUSED)
            if self.action == MatchAction.OFFER:
                match_offer(match=match, by=by)
            elif self.action == MatchAction.WITHDRAW:
                match_withdraw(match=match, by=by)
            else:
                match_end(match=match, by=by, reason=EndReason.ORGANISER)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            done = Match.objects.get(pk=match.pk)
            messages.success(request, _("Done: %(match)s.") % {"match": done})
        return redirect(self.edit_url_name, match.pk)


ACTION_REFUSED = _("This match cannot take that step (any more).")


class MatchAdminForm(WagtailAdminModelForm):
    """A pair is chosen once, on creation (through `match_propose`'s checks); editing a match may
    correct its statement but never re-pair it, which would skip discretion and capacity."""

    PAIR_FIELDS = ("prisoner", "godparent", "run")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in self.PAIR_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
