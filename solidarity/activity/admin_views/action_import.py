"""Admin pages of the import of advocacy actions collected at an event: upload, dry run, apply.

Thin views over `action_import`; who may import is decided by `can_manage_godparents` (it
credits godparents and verifies actions, which is organisers' work).
"""

import csv
import io

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from solidarity.accounts.permissions import can_manage_godparents
from solidarity.common.admin import PolicyAreaViewSet, PolicyViewMixin
from solidarity.common.tables import validate_table_upload

from ..action_import import (
    TEMPLATE_HEADER,
    ImportRefused,
    RowStatus,
    action_import_plan,
    action_import_run,
    action_import_upload,
)
from ..models import ActionImport, AdvocacyAction

TITLE = _("Import actions")
TEMPLATE_FILENAME = "advocacy-actions.csv"
TEMPLATE_EXAMPLE = [
    "2026-03-15",
    "Parliamentary question",
    "Written question on the health of political prisoners",
    "Asked during the solidarity event in the plenary week.",
    "https://example.org/questions/123",
    "1001; Мария Колесникова",
    "anna.abgeordnete@example.org",
    "no",
]


class ActionImportUploadForm(forms.Form):
    """The file only: every choice (kind, publicity...) is made per row, in the file."""

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV or XLSX, one action per row, with the columns of the template. At most 2,000 rows."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_table_upload(upload)
        return upload


class ActionImportMixin(PolicyViewMixin, WagtailAdminTemplateMixin):
    allowed = staticmethod(can_manage_godparents)
    area_title = TITLE
    page_title = TITLE
    header_icon = "upload"

    def get_object(self) -> ActionImport:
        # Called after PolicyViewMixin.dispatch: who may not enter never learns if an id exists.
        return get_object_or_404(ActionImport, pk=self.kwargs["pk"])


class ActionImportIndexView(ActionImportMixin, TemplateView):
    template_name = "activity/admin/action_import_index.html"

    def get_context_data(self, **kwargs):
        imports = ActionImport.objects.defer("content").select_related("created_by", "applied_by")
        return super().get_context_data(
            page=Paginator(imports, 25).get_page(self.request.GET.get("p")),
            add_url=self.url("add"),
            template_url=self.url("template"),
            detail_url_name=self.url_names["detail"],
            **kwargs,
        )


class ActionImportCreateView(ActionImportMixin, FormView):
    template_name = "activity/admin/action_import_form.html"
    form_class = ActionImportUploadForm
    page_subtitle = _("New file")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            index_url=self.url("index"), template_url=self.url("template"), **kwargs
        )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            record = action_import_upload(
                content=upload.read(), filename=upload.name, by=self.request.user
            )
        except ImportRefused as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect(self.url("detail", record.pk))


class ActionImportDetailView(ActionImportMixin, TemplateView):
    """The dry run, planned afresh from the stored file on every visit (at most 2,000 rows),
    so that it shows duplicates as of now, in the reader's language."""

    template_name = "activity/admin/action_import_detail.html"

    def get_page_subtitle(self):
        return self.object.filename

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_applied:
            return redirect(self.url("result", self.object.pk))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        record = self.object
        try:
            plan = action_import_plan(content=bytes(record.content), filename=record.filename)
        except ImportRefused as error:  # the limits may have changed since the upload
            return super().get_context_data(record=record, refused=error.message, **kwargs)
        shown = self.request.GET.get("status", "")
        if shown not in RowStatus.values:
            shown = ""
        return super().get_context_data(
            record=record,
            plan=plan,
            counts=[(status, label, plan.counts[status]) for status, label in RowStatus.choices],
            shown=shown,
            rows=[row for row in plan.rows if row.status == shown] if shown else plan.rows,
            urls={"apply": self.url("apply", record.pk), "add": self.url("add")},
            **kwargs,
        )


class ActionImportApplyView(ActionImportMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        record = self.get_object()
        try:
            action_import_run(
                record=record, fingerprint=request.POST.get("fingerprint", ""), by=request.user
            )
        except ImportRefused as error:
            messages.error(request, error.message)
            return redirect(self.url("detail", pk))
        return redirect(self.url("result", pk))


class ActionImportResultView(ActionImportMixin, TemplateView):
    template_name = "activity/admin/action_import_result.html"

    def get_page_subtitle(self):
        return self.object.filename

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.is_applied:
            return redirect(self.url("detail", self.object.pk))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        listing = reverse(AdvocacyAction.snippet_viewset.get_url_name("list"))
        return super().get_context_data(
            record=self.object, listing_url=listing, add_url=self.url("add"), **kwargs
        )


class ActionImportTemplateView(PolicyViewMixin, View):
    """An empty list to fill in: the header row and one example row (UTF-8 with a BOM, so that
    spreadsheet programs read the Cyrillic example correctly)."""

    allowed = staticmethod(can_manage_godparents)
    http_method_names = ["get"]

    def get(self, request):
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerows([TEMPLATE_HEADER, TEMPLATE_EXAMPLE])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
        return response


class ActionImportViewSet(PolicyAreaViewSet):
    name = "action_import"
    url_prefix = "activity/import-actions"
    icon = "upload"
    menu_icon = "upload"
    menu_label = _("Import actions")
    menu_order = 231  # just below the Activity menu (230)
    add_to_admin_menu = True
    allowed = staticmethod(can_manage_godparents)
    routes = {
        "index": (ActionImportIndexView, ""),
        "add": (ActionImportCreateView, "new/"),
        "template": (ActionImportTemplateView, "template.csv"),
        "detail": (ActionImportDetailView, "<int:pk>/"),
        "apply": (ActionImportApplyView, "<int:pk>/apply/"),
        "result": (ActionImportResultView, "<int:pk>/result/"),
    }
