"""The "Activity" admin menu: letters and advocacy actions.

Organisers verify them, defenders only look (solidarity/accounts/roles.py); Wagtail's model
permission policy applies those group permissions. Private files (reply scans, evidence) are not
in these forms: they have no public URL and are served by checked views.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSetGroup

from solidarity.common.admin import GuardedSnippetViewSet
from solidarity.prisoners.views import PrisonerSearchMixin

from .forms import AdvocacyActionAdminForm
from .models import AdvocacyAction, Letter
from .views import LoggedByCreateView

_PRIVATE_FILES = ["reply_scan", "evidence_file"]


class LetterIndexView(PrisonerSearchMixin, IndexView):
    """Letters are found by any spelling of the prisoner's name or by the godparent's name."""


class ActionIndexView(PrisonerSearchMixin, IndexView):
    prisoner_lookup = "prisoners"


class LetterViewSet(GuardedSnippetViewSet):
    model = Letter
    icon = "mail"
    menu_label = _("Letters")
    index_view_class = LetterIndexView
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


class AdvocacyActionViewSet(GuardedSnippetViewSet):
    model = AdvocacyAction
    icon = "openquote"
    menu_label = _("Advocacy actions")
    index_view_class = ActionIndexView
    add_view_class = LoggedByCreateView
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
    edit_handler = ObjectList(
        [
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
                [
                    FieldPanel("is_public"),
                    FieldPanel("verification"),
                    FieldPanel("rejection_reason"),
                    FieldPanel("verified_by", read_only=True),
                    FieldPanel("verified_at", read_only=True),
                    FieldPanel("logged_by", read_only=True),
                ],
                heading=_("Publication and verification"),
            ),
        ],
        base_form_class=AdvocacyActionAdminForm,
    )


class ActivityGroup(SnippetViewSetGroup):
    menu_label = _("Activity")
    menu_icon = "mail"
    menu_order = 230
    items = (LetterViewSet, AdvocacyActionViewSet)


register_snippet(ActivityGroup)
