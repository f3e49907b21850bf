"""The "Matching" admin menu: matches and the organiser-reviewed matching runs."""

from django.urls import re_path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSetGroup

from solidarity.common.admin import GuardedSnippetViewSet
from solidarity.prisoners.admin_views.records import PrisonerSearchMixin

from .admin_views.exile import ExileNeedCreateView, ExileNeedEditView, ReleaseWaveViewSet
from .admin_views.matches import (
    ACTION_LABELS,
    MatchActionView,
    MatchAdminForm,
    MatchCreateView,
    MatchingRunCreateView,
    match_actions,
)
from .admin_views.runs import MatchingRunAreaViewSet
from .exile import EXILE_NEED_ACTION, RELEASE_CHOICE_ACTION
from .models import ExileNeed, Match, MatchingRun


def _action_buttons(match, url_name: str, button_class):
    return [
        button_class(
            ACTION_LABELS[action],
            url=reverse(url_name, args=[match.pk, action]),
            icon_name="arrow-right",
            priority=30,
        )
        for action in match_actions(match)
    ]


class MatchIndexView(PrisonerSearchMixin, IndexView):
    """Matches are found by any spelling of the prisoner's name or by the godparent's name."""

    action_url_name = ""

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *_action_buttons(instance, self.action_url_name, MenuItem),
        ]


class MatchEditView(EditView):
    """The lifecycle steps an organiser may take sit in the edit page's "more" menu."""

    action_url_name = ""

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            *_action_buttons(self.object, self.action_url_name, Button),
        ]


class ExileNeedIndexView(PrisonerSearchMixin, IndexView):
    """Searched by any spelling of the person's name, like the other records of a person."""


class MatchViewSet(GuardedSnippetViewSet):
    model = Match
    icon = "link"
    menu_label = _("Matches")
    index_view_class = MatchIndexView
    add_view_class = MatchCreateView
    edit_view_class = MatchEditView
    list_display = ["prisoner", "godparent", "status", "score", "run", UpdatedAtColumn()]
    list_filter = ["status", "support", "release_choice", "decline_choice", "end_reason", "run"]
    search_fields = ["godparent__full_name"]
    list_per_page = 50
    ordering = "-created_at"
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["score_breakdown"]
    copy_view_enabled = False
    panels = [
        MultiFieldPanel(
            [FieldPanel("prisoner"), FieldPanel("godparent"), FieldPanel("run")],
            heading=_("Pair"),
        ),
        MultiFieldPanel(
            # The lifecycle changes only through the matching services (validated, stamped,
            # audited): the offer/withdraw/end steps are in the edit page's and listing's menus.
            [
                FieldPanel("status", read_only=True),
                FieldPanel("offered_at", read_only=True),
                FieldPanel("responded_at", read_only=True),
                FieldPanel("decline_choice", read_only=True),
                FieldPanel("decline_reason", read_only=True),
                FieldPanel("ended_at", read_only=True),
                FieldPanel("end_reason", read_only=True),
                FieldPanel("support", read_only=True),
                FieldPanel("release_choice", read_only=True),
                FieldPanel("release_choice_at", read_only=True),
            ],
            heading=_("Progress"),
        ),
        FieldPanel("public_statement"),
        MultiFieldPanel(
            [
                FieldPanel("score", read_only=True),
                FieldPanel("score_breakdown", read_only=True),
                FieldPanel("proposed_by", read_only=True),
                FieldPanel("offered_by", read_only=True),
                FieldPanel("ended_by", read_only=True),
            ],
            heading=_("Score and audit"),
        ),
    ]
    edit_handler = ObjectList(panels, base_form_class=MatchAdminForm)

    def get_queryset(self, request):
        return Match.objects.select_related("prisoner", "godparent", "run")

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(action_url_name=self.get_url_name("action"), **kwargs)

    def get_urlpatterns(self):
        view = self.construct_view(MatchActionView)
        actions = "|".join(ACTION_LABELS)
        return [
            *super().get_urlpatterns(),
            re_path(rf"^action/(?P<pk>\d+)/(?P<action>{actions})/$", view, name="action"),
        ]


class MatchingRunViewSet(GuardedSnippetViewSet):
    model = MatchingRun
    icon = "resubmit"
    menu_label = _("Run records")
    add_view_class = MatchingRunCreateView
    list_display = ["__str__", "status", "progress", "created_by", "created_at", "approved_at"]
    list_filter = ["status"]
    search_fields = ["name"]
    list_per_page = 50
    ordering = "-created_at"
    inspect_view_enabled = True
    copy_view_enabled = False
    panels = [
        FieldPanel("name"),
        FieldPanel("parameters", read_only=True),  # what a swap rescores with
        MultiFieldPanel(
            [
                FieldPanel("status", read_only=True),
                FieldPanel("results", read_only=True),
                FieldPanel("error", read_only=True),
                FieldPanel("started_at", read_only=True),
                FieldPanel("finished_at", read_only=True),
                FieldPanel("approved_by", read_only=True),
                FieldPanel("approved_at", read_only=True),
            ],
            heading=_("Progress and review"),
        ),
    ]

    def get_queryset(self, request):
        return MatchingRun.objects.select_related("created_by", "approved_by", "job")


class ExileNeedViewSet(GuardedSnippetViewSet):
    """The needs of people supported in exile (issue 18): organisers and defenders; the note is
    read in the edit view only, which logs each opening, as for whereabouts."""

    model = ExileNeed
    icon = "help"
    menu_label = _("Needs in exile")
    index_view_class = ExileNeedIndexView
    add_view_class = ExileNeedCreateView
    edit_view_class = ExileNeedEditView
    list_display = ["prisoner", "kind", "status", UpdatedAtColumn()]
    list_filter = ["kind", "status"]
    search_fields = ["prisoner__external_id"]  # never the note
    list_per_page = 50
    ordering = ["status", "-updated_at"]
    copy_view_enabled = False
    panels = [FieldPanel("prisoner"), FieldPanel("kind"), FieldPanel("status"), FieldPanel("note")]

    def get_queryset(self, request):
        return ExileNeed.objects.select_related("prisoner")


class MatchingGroup(SnippetViewSetGroup):
    menu_label = _("Matching")
    menu_icon = "link"
    menu_order = 220
    items = (
        MatchingRunAreaViewSet,
        MatchViewSet,
        MatchingRunViewSet,
        ReleaseWaveViewSet,
        ExileNeedViewSet,
    )


register_snippet(MatchingGroup)


@hooks.register("register_log_actions")
def register_match_log_actions(actions):
    actions.register_action(
        "solidarity.match_transition", _("Match status changed"), _("Match status changed")
    )
    for action, label in (
        ("solidarity.run_approved", _("Matching run approved: offers made")),
        ("solidarity.run_cancelled", _("Matching run cancelled")),
        (RELEASE_CHOICE_ACTION, _("Godparent's choice after a release recorded")),
        (EXILE_NEED_ACTION, _("Need in exile recorded")),
    ):
        actions.register_action(action, label, label)
