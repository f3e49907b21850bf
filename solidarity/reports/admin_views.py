"""Wagtail admin views for Congress reports: ask for one, watch it being made, download it.

A run's parameters are fixed once asked for (its files were made from them), so there is no edit
form: the edit URL shows the run, as the listing does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from django_countries import countries
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.views.snippets import CreateView, DeleteView, EditView, IndexView, InspectView

from solidarity.accounts.permissions import can_manage_godparents
from solidarity.common.idempotency import GuardedFormViewMixin, SubmissionReplayed
from solidarity.common.uploads import delete_files_on_commit, private_file_response
from solidarity.godparents.models import GodparentProfile, Parliament

from .models import ReportRun, ReportStatus
from .services import (
    FORMATS,
    report_file_open,
    report_period_validate,
    report_run_busy,
    report_run_request,
    report_run_retry,
    report_run_retryable,
)

if TYPE_CHECKING:
    from .builder import Scope

FORMAT_LABELS = {
    "html": _("Open the report (HTML)"),
    "pdf": _("Download the PDF"),
    "xlsx": _("Download the workbook (XLSX)"),
    "csv": _("Download the tables (CSV, zip)"),
}
REFRESH_SECONDS = 3


class ReportRunForm(WagtailAdminModelForm):
    """The scope is three lists of choices here, stored as `ReportRun.scope`."""

    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        required=False,
        help_text=_("Godparents from these countries' parliaments. None: every country."),
    )
    parliaments = forms.ModelMultipleChoiceField(
        label=_("Parliaments"),
        queryset=Parliament.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    groups = forms.MultipleChoiceField(label=_("Political groups"), required=False)

    class Meta:
        model = ReportRun
        fields = ["variant", "period_start", "period_end", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        used = Parliament.objects.exclude(country="").values_list("country", flat=True)
        self.fields["countries"].choices = sorted(
            ((code, countries.name(code)) for code in set(used)), key=lambda c: str(c[1])
        )
        groups = (
            GodparentProfile.objects.exclude(political_group="")
            .values_list("political_group", flat=True)
            .distinct()
            .order_by("political_group")
        )
        self.fields["groups"].choices = [(group, group) for group in groups]
        if not self.is_bound:
            self.initial.setdefault("language", (get_language() or "en")[:2])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end:
            try:
                report_period_validate(start, end)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field, messages)
        return cleaned

    def _post_clean(self):
        # The period's database constraint is checked above, with a sentence for people.
        if not self.errors:
            super()._post_clean()

    def scope(self) -> Scope:
        # The report's builder is imported when a report is asked for, not at start-up.
        from .builder import Scope

        data = self.cleaned_data
        return Scope(
            countries=tuple(data["countries"]),
            parliaments=tuple(parliament.pk for parliament in data["parliaments"]),
            groups=tuple(data["groups"]),
        )


class ReportRunCreateView(GuardedFormViewMixin, CreateView):
    """Asks the service for the run, which starts the background generation on commit."""

    success_message = _("The report is being generated. This page shows its progress.")
    inspect_url_name = ""
    submission_form = "report"

    def get_template_names(self):
        # The snippet form with its submission token: a double click asks for one report.
        return ["reports/admin/report_run_create.html"]

    def save_instance(self):
        form = self.form
        try:
            with self.guard.once() as once:
                run = report_run_request(
                    by=self.request.user,
                    variant=form.cleaned_data["variant"],
                    start=form.cleaned_data["period_start"],
                    end=form.cleaned_data["period_end"],
                    scope=form.scope(),
                    language=form.cleaned_data["language"],
                )
                once.answer(redirect(self.inspect_url_name, run.pk))
                return run
        except ValidationError as error:
            form.add_error(None, error)
            raise

    def form_valid(self, form):
        if not self.guard.check(form):
            return self.form_invalid(form)
        try:
            return super().form_valid(form)
        except SubmissionReplayed:
            return self.guard.replayed()
        except ValidationError:
            return self.form_invalid(form)

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])


class ReportRunIndexView(IndexView):
    def get_edit_url(self, instance):
        return None  # the title opens the run's page (progress and files)


class ReportRunEditView(EditView):
    """Redirects only after the permission check (in `dispatch`)."""

    def get(self, request, *args, **kwargs):
        return redirect(self.inspect_url_name, self.object.pk)

    post = get


class ReportRunInspectView(InspectView):
    """Progress while the report is made (the page reloads itself), then the files."""

    template_name = "reports/admin/report_run_inspect.html"
    download_url_name = ""
    retry_url_name = ""

    def get_fields(self):
        return [
            "variant",
            "period_start",
            "period_end",
            "language",
            "created_by",
            "created_at",
            "started_at",
            "finished_at",
        ]

    def get_context_data(self, **kwargs):
        run = self.object
        done = run.status == ReportStatus.DONE
        return super().get_context_data(
            run=run,
            running=report_run_busy(run),
            failed=run.status == ReportStatus.FAILED,
            retry_url=reverse(self.retry_url_name, args=[run.pk])
            if report_run_retryable(run)
            else "",
            scope=_scope_text(run),
            downloads=[
                (label, reverse(self.download_url_name, args=[run.pk, name]))
                for name, label in FORMAT_LABELS.items()
                if done and getattr(run, FORMATS[name][0])
            ],
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if report_run_busy(self.object):
            response["Refresh"] = str(REFRESH_SECONDS)
        return response


def _scope_text(run: ReportRun) -> str:
    from .builder import Scope
    from .document import scope_labels

    return ", ".join(scope_labels(Scope.from_json(run.scope)))


class ReportRunDeleteView(DeleteView):
    """The files go with the run, once its deletion is committed. A run being generated is not
    deleted: its worker would write files that no row points at (services._store deletes them,
    but the organiser would wonder)."""

    inspect_url_name = None

    def get(self, request, *args, **kwargs):
        # Here, not in dispatch: only after the permission check.
        if report_run_busy(self.object):
            messages.error(request, _("Wait until the report is ready, then delete it."))
            return redirect(self.inspect_url_name, self.object.pk)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if report_run_busy(self.object):
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def delete_action(self):
        names = [getattr(self.object, field).name for field, _ext, _type in FORMATS.values()]
        super().delete_action()
        delete_files_on_commit(storages["private"], names)


class ReportRetryView(View):
    """Generate a failed run again (POST from its page)."""

    inspect_url_name = ""

    def post(self, request, pk: int):
        if not can_manage_godparents(request.user):
            raise PermissionDenied
        run = get_object_or_404(ReportRun, pk=pk)
        try:
            report_run_retry(run=run, by=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The report is being generated again."))
        return redirect(self.inspect_url_name, run.pk)


class ReportDownloadView(View):
    """A finished run's file, for organisers; every opening is audited."""

    def get(self, request, pk: int, file_format: str):
        if not can_manage_godparents(request.user):
            raise PermissionDenied
        if file_format not in FORMATS:
            raise Http404
        run = get_object_or_404(ReportRun, pk=pk)
        stored = report_file_open(run=run, file_format=file_format, by=request.user)
        if stored is None:
            raise Http404
        content_type = FORMATS[file_format][2]
        name = f"congress-report-{run.period_start}-{run.period_end}-{run.variant}"
        return private_file_response(
            stored,
            download_name=name,
            content_type=content_type,
            inline=file_format == "html",
            styles=file_format == "html",
        )
