"""Admin pages of matching runs: start one, follow it, review its proposals, approve or cancel.

Thin views over `runs`; who may run matching is `can_manage_godparents` (organisers, admins).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from solidarity.accounts.permissions import can_manage_godparents
from solidarity.common.admin import PolicyAreaViewSet, PolicyViewMixin
from solidarity.common.idempotency import GuardedFormViewMixin, SubmissionReplayed
from solidarity.prisoners.models import Prisoner

from ..models import Match, MatchingRun, MatchStatus, RunStatus
from ..runs import (
    DEFAULT_THRESHOLD,
    SWAP_CHOICE_ERROR,
    matching_run_approve,
    matching_run_cancel,
    matching_run_remove_proposal,
    matching_run_retry,
    matching_run_start,
    matching_run_swap,
)
from ..scoring import FACTORS, Weights

TITLE = _("Run matching")
PER_PAGE = 100
FACTOR_LABELS = {
    "coverage": _("Coverage need"),
    "urgency": _("Urgency"),
    "affinity": _("Affinity"),
    "diversity": _("Diversity of countries"),
    "host": _("Host country"),
}
# What raised a factor (scoring._reasons); unknown codes are shown as they are.
FACTOR_REASON_LABELS = {
    "no_godparent": _("no godparent yet"),
    "has_godparents": _("already has godparents"),
    "lost_godparent": _("lost a godparent recently"),
    "incommunicado": _("incommunicado"),
    "long_sentence": _("long sentence ahead"),
    "language": _("shared language"),
    "background": _("preferred background"),
    "region": _("preferred region"),
    "gender": _("preferred gender"),
    "new_country": _("a new country among the godparents"),
    "host_country": _("lives in the godparent's country"),
}
REASON_LABELS = {
    "no_compatible_godparent": _("No compatible godparent with a free slot"),
    "below_threshold": _("No pair reaches the minimum score"),
    "not_enough_slots": _("Others came first for the slots there were"),
}


def _weight_field(factor: str, help_text) -> forms.FloatField:
    return forms.FloatField(
        label=FACTOR_LABELS[factor],
        initial=getattr(Weights, factor),
        min_value=0,
        max_value=10,
        help_text=help_text,
    )


class RunForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    coverage = _weight_field(
        "coverage", _("Prisoners without godparents first (and those who just lost one).")
    )
    urgency = _weight_field(
        "urgency", _("Health at risk, incommunicado, a long remaining sentence.")
    )
    affinity = _weight_field(
        "affinity", _("Shared language, background, region, preferred gender.")
    )
    diversity = _weight_field("diversity", _("A country not yet among the prisoner's godparents."))
    host = _weight_field(
        "host",
        _(
            "A released person abroad who asked for support, and a godparent of the parliament "
            "of the country where they live."
        ),
    )
    threshold = forms.FloatField(
        label=_("Minimum score"),
        initial=DEFAULT_THRESHOLD,
        min_value=0,
        help_text=_("Pairs below it are not proposed; the prisoner is listed as unmatched."),
    )
    godparents_verified_since = forms.DateField(
        label=_("Only godparents verified since"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text=_("E.g. the first day of the Congress. Empty: every eligible godparent."),
    )


class RunPermissionMixin(PolicyViewMixin):
    allowed = staticmethod(can_manage_godparents)
    area_title = TITLE

    def get_run(self) -> MatchingRun:
        return get_object_or_404(MatchingRun.objects.select_related("job"), pk=self.kwargs["pk"])


class RunIndexView(RunPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "matching/admin/run_index.html"
    page_title = TITLE
    header_icon = "resubmit"

    def get_context_data(self, **kwargs):
        runs = MatchingRun.objects.select_related("created_by", "approved_by", "job").defer(
            "results"
        )
        return super().get_context_data(
            page=Paginator(runs, 25).get_page(self.request.GET.get("p")),
            add_url=self.url("add"),
            detail_url_name=self.url_names["detail"],
            **kwargs,
        )


class RunCreateView(GuardedFormViewMixin, RunPermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "matching/admin/run_form.html"
    form_class = RunForm
    page_title = TITLE
    page_subtitle = _("New run")
    header_icon = "resubmit"

    # A double click starts one run, and its replay shows that run, not "another run is still
    # open".
    submission_form = "matching-run"

    def form_valid(self, form):
        data = form.cleaned_data
        if not self.guard.check(form):
            return self.form_invalid(form)
        try:
            with self.guard.once() as once:
                run = matching_run_start(
                    created_by=self.request.user,
                    name=data["name"],
                    weights=Weights(**{name: data[name] for name in FACTORS}),
                    threshold=data["threshold"],
                    godparents_verified_since=data["godparents_verified_since"],
                )
                return once.answer(redirect(self.url("detail", run.pk)))
        except SubmissionReplayed:
            return self.guard.replayed()
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)


class RunDetailView(RunPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Progress while computing; then every proposal with each factor's contribution."""

    template_name = "matching/admin/run_detail.html"
    header_icon = "resubmit"
    page_title = TITLE

    def get_page_subtitle(self):
        return str(self.run)

    def get(self, request, *args, **kwargs):
        self.run = self.get_run()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        run = self.run
        proposals = (
            run.matches.filter(status__in=(MatchStatus.PROPOSED, MatchStatus.OFFERED))
            .select_related("prisoner", "godparent", "godparent__parliament")
            .order_by("-score", "pk")
        )
        page = Paginator(proposals, PER_PAGE).get_page(self.request.GET.get("p"))
        unmatched = list((run.results.get("unmatched") or {}).items())
        shown = dict(unmatched[:PER_PAGE])
        names = Prisoner.objects.filter(pk__in=[int(pk) for pk in shown]).only(
            "pk", "name_latin", "name_ru", "name_be"
        )
        return super().get_context_data(
            run=run,
            running=run.status in (RunStatus.PENDING, RunStatus.RUNNING),
            reviewing=run.status == RunStatus.READY,
            page=page,
            rows=[_row(match) for match in page.object_list],
            factor_labels=[FACTOR_LABELS[name] for name in FACTORS],
            unmatched=[
                (prisoner, REASON_LABELS.get(shown[str(prisoner.pk)], shown[str(prisoner.pk)]))
                for prisoner in names
            ],
            unmatched_count=len(unmatched),
            urls={
                "approve": self.url("approve", run.pk),
                "cancel": self.url("cancel", run.pk),
                "retry": self.url("retry", run.pk),
                "remove": self.url_names["remove"],
                "swap": self.url("swap", run.pk),
                "index": self.url("index"),
            },
            **kwargs,
        )


def _row(match: Match) -> dict:
    factors = (match.score_breakdown or {}).get("factors", {})
    return {
        "match": match,
        "contributions": [factors.get(name, {}).get("contribution", 0) for name in FACTORS],
        "reasons": [
            FACTOR_REASON_LABELS.get(reason, reason)
            for name in FACTORS
            for reason in factors.get(name, {}).get("reasons", [])
        ],
    }


class RunActionView(RunPermissionMixin, View):
    http_method_names = ["post"]
    action = ""

    def post(self, request, pk):
        run = self.get_run()
        try:
            if self.action == "approve":
                count = matching_run_approve(run=run, by=request.user)
                messages.success(
                    request,
                    ngettext(
                        "%(count)s offer made: the godparents are told by email.",
                        "%(count)s offers made: the godparents are told by email.",
                        count,
                    )
                    % {"count": count},
                )
            elif self.action == "retry":
                matching_run_retry(run=run, by=request.user)
                messages.success(request, _("The run is being computed again."))
            else:
                matching_run_cancel(run=run, by=request.user)
                messages.success(request, _("The run was cancelled."))
        except ValidationError as error:
            if self.action == "approve" and _approved(run):
                # A double click, or a second organiser: the run was approved once (the
                # service locks it and approves only a run under review).
                messages.info(request, _("This run was already approved: its offers were made."))
            else:
                messages.error(request, " ".join(error.messages))
        return redirect(self.url("detail", pk))


def _approved(run: MatchingRun) -> bool:
    return MatchingRun.objects.filter(pk=run.pk, status=RunStatus.APPROVED).exists()


class RemoveProposalView(RunPermissionMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, match_pk):
        match = get_object_or_404(Match.objects.select_related("run"), pk=match_pk, run_id=pk)
        try:
            matching_run_remove_proposal(match=match, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(self.url("detail", pk))


class SwapProposalsView(RunPermissionMixin, View):
    """Two ticked proposals exchange their prisoners (the checkboxes name this form)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        run = self.get_run()
        chosen = [value for value in request.POST.getlist("pair") if value.isdigit()]
        try:
            if len(chosen) != 2:
                raise ValidationError(SWAP_CHOICE_ERROR)
            first, second = (Match(pk=int(value)) for value in chosen)
            new = matching_run_swap(run=run, first=first, second=second, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Swapped: %(first)s and %(second)s have new proposals.")
                % {"first": new[0].godparent.full_name, "second": new[1].godparent.full_name},
            )
        return redirect(self.url("detail", pk))


class MatchingRunAreaViewSet(PolicyAreaViewSet):
    name = "matching_runs"
    url_prefix = "matching/runs"
    icon = "resubmit"
    menu_icon = "resubmit"
    menu_label = TITLE
    allowed = staticmethod(can_manage_godparents)
    routes = {
        "index": (RunIndexView, ""),
        "add": (RunCreateView, "new/"),
        "detail": (RunDetailView, "<int:pk>/"),
        "approve": (RunActionView, "<int:pk>/approve/", {"action": "approve"}),
        "cancel": (RunActionView, "<int:pk>/cancel/", {"action": "cancel"}),
        "retry": (RunActionView, "<int:pk>/retry/", {"action": "retry"}),
        "remove": (RemoveProposalView, "<int:pk>/remove/<int:match_pk>/"),
        "swap": (SwapProposalsView, "<int:pk>/swap/"),
    }
