"""The "Congress reports" admin menu: ask for a report, watch its progress, download its files.

The produced files live in private storage without a public URL, so they are not in these forms
or the inspect view; a checked, audited download view serves them to organisers.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from solidarity.common.admin import GuardedSnippetViewSet

from .admin_views import (
    ReportDownloadView,
    ReportRetryView,
    ReportRunCreateView,
    ReportRunDeleteView,
    ReportRunEditView,
    ReportRunForm,
    ReportRunIndexView,
    ReportRunInspectView,
)
from .models import ReportRun
from .services import DOWNLOAD_LOG


class ReportRunViewSet(GuardedSnippetViewSet):
    model = ReportRun
    icon = "doc-full"
    menu_label = _("Report runs")
    index_view_class = ReportRunIndexView
    add_view_class = ReportRunCreateView
    edit_view_class = ReportRunEditView
    inspect_view_class = ReportRunInspectView
    delete_view_class = ReportRunDeleteView
    list_display = [
        "__str__",
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
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("variant"),
                    FieldPanel("period_start"),
                    FieldPanel("period_end"),
                    FieldPanel("language"),
                ],
                heading=_("Report"),
            ),
            MultiFieldPanel(
                [FieldPanel("countries"), FieldPanel("parliaments"), FieldPanel("groups")],
                heading=_("Scope: leave empty for the whole programme"),
            ),
        ],
        base_form_class=ReportRunForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            download_url_name=self.get_url_name("download"),
            retry_url_name=self.get_url_name("retry"),
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "download/<int:pk>/<str:file_format>/",
                ReportDownloadView.as_view(),
                name="download",
            ),
            path(
                "retry/<int:pk>/",
                ReportRetryView.as_view(inspect_url_name=self.get_url_name("inspect")),
                name="retry",
            ),
        ]

    def get_queryset(self, request):
        return ReportRun.objects.select_related("created_by", "job")


class ReportsGroup(SnippetViewSetGroup):
    # Not "Reports": Wagtail's own Reports menu (site history, locked pages) has that name.
    menu_label = _("Congress reports")
    menu_icon = "doc-full"
    menu_order = 240
    items = (ReportRunViewSet,)


register_snippet(ReportsGroup)


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    label = _("Report file opened")
    actions.register_action(DOWNLOAD_LOG, label, label)
