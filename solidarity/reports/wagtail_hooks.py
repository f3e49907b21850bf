"""The "Reports" admin menu: Congress report runs with their parameters and progress.

The produced files live in private storage without a public URL, so they are not in these forms
or the inspect view; a checked download view serves them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from solidarity.common.admin import GuardedSnippetViewSet

from .models import ReportRun
from .views import ReportRunCreateView


class ReportRunViewSet(GuardedSnippetViewSet):
    model = ReportRun
    icon = "doc-full"
    menu_label = _("Report runs")
    add_view_class = ReportRunCreateView
    list_display = [
        "__str__",
        "variant",
        "status",
        "progress",
        "created_by",
        "created_at",
        "finished_at",
    ]
    list_filter = ["status", "variant", "created_at"]
    list_per_page = 50
    ordering = "-created_at"
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["html_file", "pdf_file", "xlsx_file", "csv_zip_file"]
    copy_view_enabled = False
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("variant"),
                FieldPanel("period_start"),
                FieldPanel("period_end"),
                FieldPanel("scope"),
            ],
            heading=_("Parameters"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status", read_only=True),
                FieldPanel("progress", read_only=True),
                FieldPanel("error", read_only=True),
                FieldPanel("started_at", read_only=True),
                FieldPanel("finished_at", read_only=True),
            ],
            heading=_("Progress"),
        ),
    ]

    def get_queryset(self, request):
        return ReportRun.objects.select_related("created_by")


class ReportsGroup(SnippetViewSetGroup):
    # Not "Reports": Wagtail's own Reports menu (site history, locked pages) has that name.
    menu_label = _("Congress reports")
    menu_icon = "doc-full"
    menu_order = 240
    items = (ReportRunViewSet,)


register_snippet(ReportsGroup)
