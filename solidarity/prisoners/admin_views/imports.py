"""Admin pages of the defenders' list import: upload, review the dry run, apply, follow progress.

The pages are the staged-import kernel's (`common.staging_admin`); this adds the list's own
upload choices and what its dry run shows besides the rows (the summary of releases, deaths and
transfers, the records no longer listed). Who may import is decided by `can_import_prisoners`.
"""

from django.utils.translation import gettext_lazy as _

from solidarity.accounts.permissions import can_import_prisoners, can_manage_godparents
from solidarity.common.staging_admin import (
    StagedImportCreateView,
    StagedImportDetailView,
    StagedImportIndexView,
    StagedImportMixin,
    StagedImportViewSet,
)

from ..forms import ImportUploadForm
from ..importing.plan import RowAction
from ..importing.runs import PRISONER_LIST
from ..models import PrisonerImport

TITLE = _("Import the defenders' list")


class ImportPermissionMixin(StagedImportMixin):
    """Importing creates and changes records: it needs both permissions on prisoners."""

    stager = PRISONER_LIST
    allowed = staticmethod(can_import_prisoners)
    area_title = TITLE


class ImportIndexView(ImportPermissionMixin, StagedImportIndexView):
    template_name = "prisoners/admin/import_index.html"

    def heavy_fields(self) -> tuple[str, ...]:
        return ("missing", "summary")


class ImportCreateView(ImportPermissionMixin, StagedImportCreateView):
    template_name = "prisoners/admin/import_form.html"
    form_class = ImportUploadForm

    def upload_options(self, form) -> dict:
        return {
            "requested_language": form.cleaned_data["language"],
            "publicity": form.cleaned_data["publicity"],
        }


class ImportDetailView(ImportPermissionMixin, StagedImportDetailView):
    """The dry run opens with what the file changes (releases first) before the rows."""

    template_name = "prisoners/admin/import_detail.html"
    row_actions = RowAction
    row_tones = {RowAction.INVALID: "label", RowAction.NEW: "primary", RowAction.CHANGED: "primary"}
    warning_filter = True

    def get_context_data(self, **kwargs):
        record: PrisonerImport = self.object
        return super().get_context_data(
            summary=_summary_for(record.summary, self.request.user),
            missing=record.missing[:100],
            **kwargs,
        )


def _summary_for(summary: list[dict], user) -> list[dict]:
    """The dry run's summary for this reader: godparents' names only for those who manage
    godparents (defenders see records, never who supports whom; docs/import.md)."""
    if can_manage_godparents(user):
        return summary
    return [
        {**group, "people": [{**person, "godparents": []} for person in group["people"]],
         "concerns_godparents": False}
        for group in summary
    ]  # fmt: skip


class PrisonerImportViewSet(StagedImportViewSet):
    name = "prisoner_import"
    url_prefix = "prisoners/import"
    menu_label = _("Import the list")
    allowed = staticmethod(can_import_prisoners)
    pages = ImportPermissionMixin
    index_view = ImportIndexView
    add_view = ImportCreateView
    detail_view = ImportDetailView
