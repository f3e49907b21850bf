"""Admin pages of the defenders' list import: upload, review the dry run, apply, follow progress.

Thin views over `importing.runs`; who may import is decided by `can_import_prisoners`.
"""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from solidarity.accounts.permissions import can_import_prisoners, can_manage_godparents
from solidarity.common.admin import PolicyAreaViewSet, PolicyViewMixin

from ..choices import ImportState
from ..forms import ImportUploadForm
from ..importing import ImportRefused
from ..importing.plan import RowAction
from ..importing.runs import (
    BACKGROUND_ROWS,
    import_expire_if_stale,
    import_progress,
    import_request_apply,
    import_upload,
    import_upload_again,
)
from ..models import PrisonerImport

ROWS_PER_PAGE = 100
# The badge of a row in the dry run: what will be written stands out, what is wrong is marked.
WARNING_FILTER = "warning"
ROW_TONES = {RowAction.INVALID: "label", RowAction.NEW: "primary", RowAction.CHANGED: "primary"}
TITLE = _("Import the defenders' list")


class ImportPermissionMixin(PolicyViewMixin):
    """Importing creates and changes records: it needs both permissions on prisoners."""

    allowed = staticmethod(can_import_prisoners)
    area_title = TITLE

    def get_object(self) -> PrisonerImport:
        return get_object_or_404(PrisonerImport.objects.defer("content"), pk=self.kwargs["pk"])


class ImportIndexView(ImportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "prisoners/admin/import_index.html"
    page_title = TITLE
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        imports = PrisonerImport.objects.defer("content", "rows", "missing").select_related(
            "created_by", "applied_by"
        )
        page = Paginator(imports, 25).get_page(self.request.GET.get("p"))
        return super().get_context_data(
            page=page,
            add_url=self.url("add"),
            detail_url_name=self.url_names["detail"],
            **kwargs,
        )


class ImportCreateView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "prisoners/admin/import_form.html"
    form_class = ImportUploadForm
    page_title = TITLE
    page_subtitle = _("New file")
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            index_url=self.url("index"), background_rows=BACKGROUND_ROWS, **kwargs
        )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            record = import_upload(
                content=upload.read(),
                filename=upload.name,
                language=form.cleaned_data["language"],
                publicity=form.cleaned_data["publicity"],
                user=self.request.user,
            )
        except ImportRefused as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect(self.url("detail", record.pk))


class ImportDetailView(ImportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """The dry run, row by row, with the one button that applies it."""

    template_name = "prisoners/admin/import_detail.html"
    header_icon = "upload"

    def get_page_title(self):
        return TITLE

    def get_page_subtitle(self):
        return self.object.filename

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        import_expire_if_stale(self.object)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        record = self.object
        shown = self.request.GET.get("action", "")
        if shown not in (*RowAction.values, WARNING_FILTER):
            shown = ""
        rows = _shown_rows(record.rows, shown)
        return super().get_context_data(
            record=record,
            summary=_summary_for(record.summary, self.request.user),
            progress=import_progress(record),
            actions=[
                *(
                    (action, label, record.counts.get(action, 0))
                    for action, label in RowAction.choices
                ),
                (WARNING_FILTER, _("With a warning"), record.counts.get(WARNING_FILTER, 0)),
            ],
            shown=shown,
            page=_shown_page(rows, self.request.GET.get("p")),
            missing=record.missing[:ROWS_PER_PAGE],
            urls={
                "index": self.url("index"),
                "apply": self.url("apply", record.pk),
                "again": self.url("again", record.pk),
                "status": self.url("status", record.pk),
                "add": self.url("add"),
                "detail": self.url("detail", record.pk),
            },
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


def _shown_rows(rows: list[dict], shown: str) -> list[dict]:
    if shown == WARNING_FILTER:
        return [row for row in rows if row.get("warnings") and row["action"] != RowAction.INVALID]
    return [row for row in rows if row["action"] == shown] if shown else rows


def _shown_page(rows: list[dict], number: str | None):
    """One page of the dry run, each row with its action's label and the tone of its badge."""
    page = Paginator(rows, ROWS_PER_PAGE).get_page(number)
    page.object_list = [
        {
            **row,
            "label": RowAction(row["action"]).label,
            "tone": ROW_TONES.get(row["action"], ""),
            "is_new": row["action"] == RowAction.NEW,
        }
        for row in page.object_list
    ]
    return page


class ImportApplyView(ImportPermissionMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        record = self.get_object()
        # The number of invalid rows the user saw and agreed to skip; none when not given.
        try:
            skip = int(request.POST.get("skip") or 0)
        except ValueError:
            skip = -1  # not a count: it confirms nothing
        if not import_request_apply(record=record, user=request.user, skip=skip):
            messages.error(request, _("This dry run cannot be applied (any more)."))
        elif record.state == ImportState.APPLIED:
            messages.success(request, _("The import was applied."))
        return redirect(self.url("detail", pk))


class ImportAgainView(ImportPermissionMixin, View):
    """A fresh dry run of the same file, e.g. when the records changed since the last one."""

    http_method_names = ["post"]

    def post(self, request, pk):
        record = get_object_or_404(PrisonerImport, pk=pk)
        try:
            again = import_upload_again(record=record, user=request.user)
        except ImportRefused as error:  # the limits may have changed since the upload
            messages.error(request, error.message)
            return redirect(self.url("detail", pk))
        return redirect(self.url("detail", again.pk))


class ImportStatusView(ImportPermissionMixin, View):
    """The progress bar's data, polled by a few lines of JavaScript (the page works without)."""

    http_method_names = ["get"]

    def get(self, request, pk):
        # Polled every few seconds: only what the progress bar needs, not the dry run's rows.
        fields = ("pk", "state", "row_count", "updated_at", "ui_language")
        record = PrisonerImport.objects.only(*fields).filter(pk=pk).first()
        if record is None:
            return JsonResponse({"error": "not found"}, status=404)
        import_expire_if_stale(record)
        return JsonResponse(import_progress(record))


class PrisonerImportViewSet(PolicyAreaViewSet):
    name = "prisoner_import"
    url_prefix = "prisoners/import"
    icon = "upload"
    menu_icon = "upload"
    menu_label = _("Import the list")
    allowed = staticmethod(can_import_prisoners)
    routes = {
        "index": (ImportIndexView, ""),
        "add": (ImportCreateView, "new/"),
        "detail": (ImportDetailView, "<int:pk>/"),
        "apply": (ImportApplyView, "<int:pk>/apply/"),
        "again": (ImportAgainView, "<int:pk>/again/"),
        "status": (ImportStatusView, "<int:pk>/status/"),
    }
