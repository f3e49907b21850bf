"""The "Activity" admin menu: letters and advocacy actions.

Organisers verify them, defenders only look (solidarity/accounts/roles.py); Wagtail's model
permission policy applies those group permissions. Private files (reply scans, evidence) are not
in these forms: they have no public URL and are served by checked views.
"""

from django.urls import path, re_path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSetGroup

from solidarity.accounts.permissions import can_view_letter_insight
from solidarity.common.admin import GuardedSnippetViewSet
from solidarity.prisoners.admin_views.records import PrisonerSearchMixin
from solidarity.prisoners.models import Prisoner

from .action_import import ACTIONS_IMPORTED_ACTION
from .admin_views.action_import import ActionImportViewSet
from .admin_views.decisions import (
    DECISION_LABELS,
    SCAN_READ_LOG,
    ActionDecisionView,
    ActionEvidenceView,
    LetterScanView,
    action_decisions,
)
from .admin_views.insight import LetterInsightViewSet
from .admin_views.snippets import LoggedByCreateView
from .forms import AdvocacyActionAdminForm
from .models import AdvocacyAction, Letter
from .services import ACTION_VERIFICATION_LOG

_PRIVATE_FILES = ["reply_scan", "evidence_file"]


class LetterIndexView(PrisonerSearchMixin, IndexView):
    """Letters are found by any spelling of the prisoner's name or by the godparent's name."""

    scan_url_name = ""


class LetterEditView(EditView):
    """The reply scan opens from the edit page's menu, through the audited view."""

    scan_url_name = ""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.reply_scan:
            url = reverse(self.scan_url_name, args=[self.object.pk])
            buttons.append(Button(_("Open the reply scan"), url=url, icon_name="doc-full"))
        return buttons


def _decision_buttons(action, url_name: str, button_class):
    return [
        button_class(
            DECISION_LABELS[decision],
            url=reverse(url_name, args=[action.pk, decision]),
            icon_name="check" if decision == "verify" else "cross",
            priority=30,
        )
        for decision in action_decisions(action)
    ]


class ActionIndexView(PrisonerSearchMixin, IndexView):
    prisoner_lookup = "prisoners"
    decision_url_name = ""

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *_decision_buttons(instance, self.decision_url_name, MenuItem),
        ]


class ActionEditView(EditView):
    """Verify and reject sit in the edit page's "more" menu: they go through the services."""

    decision_url_name = ""

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            *_decision_buttons(self.object, self.decision_url_name, Button),
        ]


class LetterViewSet(GuardedSnippetViewSet):
    model = Letter
    icon = "mail"
    menu_label = _("Letters")
    index_view_class = LetterIndexView
    edit_view_class = LetterEditView
    add_view_class = LoggedByCreateView
    list_display = ["prisoner", "godparent", "sent_on", "channel", "outcome", "facility"]
    list_filter = ["outcome", "channel", "sent_on", "language"]
    search_fields = ["godparent__full_name"]
    list_per_page = 50
    ordering = ["-sent_on", "-pk"]
    inspect_view_enabled = True
    inspect_view_fields_exclude = _PRIVATE_FILES
    copy_view_enabled = False
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("godparent"),
                FieldPanel("prisoner"),
                FieldPanel("match"),
                FieldPanel("facility"),
            ],
            heading=_("From and to"),
        ),
        MultiFieldPanel(
            [FieldPanel("sent_on"), FieldPanel("channel"), FieldPanel("language")],
            heading=_("Sending"),
        ),
        MultiFieldPanel(
            [FieldPanel("outcome"), FieldPanel("outcome_on"), FieldPanel("note")],
            heading=_("Outcome"),
        ),
        FieldPanel("logged_by", read_only=True),
    ]

    def get_queryset(self, request):
        return Letter.objects.select_related("prisoner", "godparent", "facility")

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(scan_url_name=self.get_url_name("scan"), **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("scan/<int:pk>/", LetterScanView.as_view(), name="scan"),
        ]


class AdvocacyActionViewSet(GuardedSnippetViewSet):
    model = AdvocacyAction
    icon = "openquote"
    menu_label = _("Advocacy actions")
    index_view_class = ActionIndexView
    add_view_class = LoggedByCreateView
    edit_view_class = ActionEditView
    list_display = [
        "title",
        "kind",
        "occurred_on",
        "verification",
        BooleanColumn("is_public", label=_("Public")),
    ]
    list_filter = ["kind", "verification", "is_public", "occurred_on"]
    search_fields = ["title", "description", "godparents__full_name"]
    list_per_page = 50
    ordering = ["-occurred_on", "-pk"]
    inspect_view_enabled = True
    inspect_view_fields_exclude = _PRIVATE_FILES
    copy_view_enabled = False
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("occurred_on"),
                FieldPanel("title"),
                FieldPanel("description"),
                FieldPanel("evidence_url"),
            ],
            heading=_("Action"),
        ),
        MultiFieldPanel(
            [FieldPanel("prisoners"), FieldPanel("godparents")],
            heading=_("Who"),
        ),
        MultiFieldPanel(
            # Decided only through Verify/Reject (services: stamped, audited, emailed).
            [
                FieldPanel("is_public"),
                FieldPanel("verification", read_only=True),
                FieldPanel("rejection_reason", read_only=True),
                FieldPanel("verified_by", read_only=True),
                FieldPanel("verified_at", read_only=True),
                FieldPanel("logged_by", read_only=True),
            ],
            heading=_("Publication and verification"),
        ),
    ]

    edit_handler = ObjectList(panels, base_form_class=AdvocacyActionAdminForm)

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            decision_url_name=self.get_url_name("decide"), **kwargs
        )

    def get_urlpatterns(self):
        view = self.construct_view(
            ActionDecisionView,
            index_url_name=self.get_url_name("list"),
            evidence_url_name=self.get_url_name("evidence"),
        )
        decisions = "|".join(DECISION_LABELS)
        return [
            *super().get_urlpatterns(),
            re_path(rf"^decide/(?P<pk>\d+)/(?P<decision>{decisions})/$", view, name="decide"),
            path("evidence/<int:pk>/", ActionEvidenceView.as_view(), name="evidence"),
        ]


class ActivityGroup(SnippetViewSetGroup):
    menu_label = _("Activity")
    menu_icon = "mail"
    menu_order = 230
    items = (LetterViewSet, AdvocacyActionViewSet)


register_snippet(ActivityGroup)


@hooks.register("register_log_actions")
def register_activity_log_actions(actions):
    label = _("Advocacy action verified or rejected")
    actions.register_action(ACTION_VERIFICATION_LOG, label, label)
    label = _("Reply scan opened")
    actions.register_action(SCAN_READ_LOG, label, label)
    actions.register_action(
        ACTIONS_IMPORTED_ACTION, _("Import advocacy actions"), _("Advocacy actions imported")
    )


# --- Letter insight: aggregates and an anonymised history, for defenders too -------------------


@hooks.register("register_admin_viewset")
def register_letter_insight():
    return LetterInsightViewSet()


@hooks.register("register_snippet_listing_buttons")
def letter_insight_button(snippet, user, next_url=None):
    """A prisoner's letter history, from the prisoners listing's "more" menu."""
    if not isinstance(snippet, Prisoner) or not can_view_letter_insight(user):
        return []
    url = reverse("letter_insight:prisoner", args=[snippet.pk])
    return [MenuItem(_("Letter insight"), url, icon_name="mail", priority=20)]


# --- Import of actions collected at an event: a menu item of its own, just after Activity ------


@hooks.register("register_admin_viewset")
def register_action_import():
    return ActionImportViewSet()
