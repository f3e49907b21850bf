"""Admin pages of a staged import, the same for every kind: the list of imports, the upload, the
dry run (summary, counts, rows page by page, the one button that applies it), progress.

A kind of import subclasses the views to set its `stager`, its row actions and its templates
(which extend `common/admin/staged_import/*.html` and fill its blocks), and declares a
`StagedImportViewSet`. Who may enter is the kind's policy (`allowed`), as in every custom area.
"""

from typing import Any, ClassVar

from django.core.paginator import Page, Paginator
from django.db import models
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .admin import PolicyAreaViewSet, PolicyViewMixin
from .models import ImportState, StagedImport
from .staging import Stager
from .tables import ImportRefused

ROWS_PER_PAGE = 100
WARNING_FILTER = "warning"
CANNOT_APPLY_ERROR = _("This dry run cannot be applied (any more).")
APPLIED_MESSAGE = _("The import was applied.")
ALREADY_APPLIED_MESSAGE = _("This import was already applied (or is being applied): once.")


class StagedImportMixin(PolicyViewMixin, WagtailAdminTemplateMixin):
    stager: ClassVar[Stager]
    header_icon = "upload"

    def get_page_title(self):
        return self.area_title

    def get_object(self) -> StagedImport:
        # Called after PolicyViewMixin.dispatch: who may not enter never learns if an id exists.
        return get_object_or_404(
            self.stager.model._default_manager.defer("content").select_related("job"),
            pk=self.kwargs["pk"],
        )


class StagedImportIndexView(StagedImportMixin, TemplateView):
    """Every import of the kind, newest first, with its state."""

    template_name = "common/admin/staged_import/index.html"

    def get_context_data(self, **kwargs):
        imports = self.stager.model._default_manager.defer(
            "content", "rows", *self.heavy_fields()
        ).select_related("created_by", "applied_by")
        return super().get_context_data(
            page=Paginator(imports, 25).get_page(self.request.GET.get("p")),
            add_url=self.url("add"),
            detail_url_name=self.url_names["detail"],
            **kwargs,
        )

    def heavy_fields(self) -> tuple[str, ...]:
        """The kind's large columns, not needed in a list of imports."""
        return ()


class StagedImportCreateView(StagedImportMixin, FormView):
    """The upload form; a file the kind cannot read at all is refused here and not stored."""

    template_name = "common/admin/staged_import/form.html"
    page_subtitle = _("New file")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            index_url=self.url("index"), background_rows=self.stager.background_rows, **kwargs
        )

    def upload_options(self, form) -> dict[str, Any]:
        """The kind's own choices made on the form (language, publicity of new records...)."""
        return {}

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            record = self.stager.upload(
                content=upload.read(),
                filename=upload.name,
                user=self.request.user,
                **self.upload_options(form),
            )
        except ImportRefused as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect(self.url("detail", record.pk))


class StagedImportDetailView(StagedImportMixin, TemplateView):
    """The dry run, row by row, with the one button that applies it, then the outcome."""

    template_name = "common/admin/staged_import/detail.html"
    row_actions: ClassVar[type[models.TextChoices]]
    # The badge of a row: what will be written stands out, what is wrong is marked.
    row_tones: ClassVar[dict[str, str]] = {}
    # Offer a filter of the rows that import with a warning.
    warning_filter: ClassVar[bool] = False
    warning_filter_label: ClassVar[str | Promise] = _("With a warning")

    def get_page_subtitle(self):
        return self.object.filename

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        record = self.object
        shown = self.request.GET.get("action", "")
        counts = record.counts
        filters = [
            (value, label, counts.get(value, 0)) for value, label in self.row_actions.choices
        ]
        if self.warning_filter:
            filters.append(
                (WARNING_FILTER, self.warning_filter_label, counts.get(WARNING_FILTER, 0))
            )
        if shown not in {action for action, _label, _count in filters}:
            shown = ""
        return super().get_context_data(
            record=record,
            progress=self.stager.progress(record),
            actions=filters,
            shown=shown,
            page=self.rows_page(self.shown_rows(record, shown), self.request.GET.get("p")),
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

    def shown_rows(self, record: StagedImport, shown: str) -> list[dict]:
        invalid = record.INVALID_ACTION
        if shown == WARNING_FILTER:
            return [r for r in record.rows if r.get("warnings") and r["action"] != invalid]
        return [r for r in record.rows if r["action"] == shown] if shown else record.rows

    def rows_page(self, rows: list[dict], number: str | None) -> Page:
        """One page of the dry run, each row with its action's label and its badge's tone."""
        page = Paginator(rows, ROWS_PER_PAGE).get_page(number)
        page.object_list = [
            {
                **row,
                "label": self.row_actions(row["action"]).label,
                "tone": self.row_tones.get(row["action"], ""),
                "is_new": row["action"] == "new",
            }
            for row in page.object_list
        ]
        return page


class StagedImportApplyView(StagedImportMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        record = self.get_object()
        # The number of invalid rows the user saw and agreed to skip; none when not given.
        try:
            skip = int(request.POST.get("skip") or 0)
        except ValueError:
            skip = -1  # not a count: it confirms nothing
        if not self.stager.request_apply(record=record, user=request.user, skip=skip):
            record.refresh_from_db(fields=["state"])
            if record.is_applied or record.state == ImportState.APPLYING:
                # Applied once by its state machine (PLANNED → APPLYING is a conditional
                # update): a second click, or a retried post, is told so, not shown an error.
                messages.info(request, ALREADY_APPLIED_MESSAGE)
            else:
                messages.error(request, CANNOT_APPLY_ERROR)
        elif record.is_applied:
            messages.success(request, APPLIED_MESSAGE)
        return redirect(self.url("detail", pk))


class StagedImportAgainView(StagedImportMixin, View):
    """A fresh dry run of the same file, e.g. when the records changed since the last one."""

    http_method_names = ["post"]

    def post(self, request, pk):
        record = get_object_or_404(self.stager.model, pk=pk)
        if not record.content:
            messages.error(request, CANNOT_APPLY_ERROR)  # applied or refused: the file is gone
            return redirect(self.url("detail", pk))
        try:
            again = self.stager.upload_again(record=record, user=request.user)
        except ImportRefused as error:  # the limits may have changed since the upload
            messages.error(request, error.message)
            return redirect(self.url("detail", pk))
        return redirect(self.url("detail", again.pk))


class StagedImportStatusView(StagedImportMixin, View):
    """The progress bar's data, polled by a few lines of JavaScript (the page works without)."""

    http_method_names = ["get"]

    def get(self, request, pk):
        # Polled every few seconds: only what the progress bar needs, not the dry run's rows.
        fields = ("pk", "state", "row_count", "job")
        record = self.stager.model._default_manager.only(*fields).filter(pk=pk).first()
        if record is None:
            return JsonResponse({"error": "not found"}, status=404)
        return JsonResponse(self.stager.progress(record))


class StagedImportViewSet(PolicyAreaViewSet):
    """The routes of a staged import. A kind sets `pages` (its mixin: stager, policy, title),
    its index, upload and detail views (with their templates), and may add routes; applying,
    running again and progress are the kernel's views as they are."""

    icon = "upload"
    menu_icon = "upload"
    pages: ClassVar[type[StagedImportMixin]]
    index_view: ClassVar[type[View]]
    add_view: ClassVar[type[View]]
    detail_view: ClassVar[type[View]]
    extra_routes: ClassVar[dict[str, tuple]] = {}

    @property
    def routes(self):
        return {
            "index": (self.index_view, ""),
            "add": (self.add_view, "new/"),
            "detail": (self.detail_view, "<int:pk>/"),
            "apply": (self._kind_view(StagedImportApplyView), "<int:pk>/apply/"),
            "again": (self._kind_view(StagedImportAgainView), "<int:pk>/again/"),
            "status": (self._kind_view(StagedImportStatusView), "<int:pk>/status/"),
            **self.extra_routes,
        }

    def _kind_view(self, view: type[View]) -> type[View]:
        """A kernel view with the kind's stager, policy and title."""
        return type(f"{self.pages.__name__}{view.__name__}", (self.pages, view), {})
