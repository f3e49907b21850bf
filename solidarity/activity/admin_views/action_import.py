"""Admin pages of the import of advocacy actions collected at an event: upload, dry run, apply.

The pages are the staged-import kernel's (`common.staging_admin`) with the action list's own
rows, template file and links; who may import is decided by `can_manage_godparents` (it
credits godparents and verifies actions, which is organisers' work).
"""

import csv
import io

from django import forms
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from solidarity.accounts.permissions import can_manage_godparents
from solidarity.common.admin import PolicyViewMixin
from solidarity.common.staging_admin import (
    StagedImportCreateView,
    StagedImportDetailView,
    StagedImportIndexView,
    StagedImportMixin,
    StagedImportViewSet,
)
from solidarity.common.tables import validate_table_upload

from ..action_import import ACTION_IMPORTS, TEMPLATE_HEADER, RowStatus
from ..models import AdvocacyAction

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


class ActionImportMixin(StagedImportMixin):
    stager = ACTION_IMPORTS
    allowed = staticmethod(can_manage_godparents)
    area_title = TITLE


class ActionImportIndexView(ActionImportMixin, StagedImportIndexView):
    template_name = "activity/admin/action_import_index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(template_url=self.url("template"), **kwargs)


class ActionImportCreateView(ActionImportMixin, StagedImportCreateView):
    template_name = "activity/admin/action_import_form.html"
    form_class = ActionImportUploadForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(template_url=self.url("template"), **kwargs)


class ActionImportDetailView(ActionImportMixin, StagedImportDetailView):
    """The stored dry run; applying re-plans the file, so that actions recorded since are
    skipped as duplicates and a row that became invalid refuses the file."""

    template_name = "activity/admin/action_import_detail.html"
    row_actions = RowStatus
    row_tones = {RowStatus.ERROR: "label", RowStatus.NEW: "primary"}

    def get_context_data(self, **kwargs):
        listing = reverse(AdvocacyAction.snippet_viewset.get_url_name("list"))
        return super().get_context_data(listing_url=listing, **kwargs)


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


class ActionImportViewSet(StagedImportViewSet):
    name = "action_import"
    url_prefix = "activity/import-actions"
    menu_label = _("Import actions")
    menu_order = 231  # just below the Activity menu (230)
    add_to_admin_menu = True
    allowed = staticmethod(can_manage_godparents)
    pages = ActionImportMixin
    index_view = ActionImportIndexView
    add_view = ActionImportCreateView
    detail_view = ActionImportDetailView
    extra_routes = {"template": (ActionImportTemplateView, "template.csv")}
