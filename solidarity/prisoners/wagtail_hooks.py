"""The "Prisoners" admin menu: records, facilities, articles, backgrounds, restricted information.

Prisoner is not a Wagtail search-indexed model and must stay so: the listings search the stored
name keys instead (search.py), so no restricted data ever reaches a search index.
"""

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, UpdatedAtColumn
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSetGroup

from solidarity.common.admin import GuardedSnippetViewSet

from .admin_views.imports import PrisonerImportViewSet
from .admin_views.records import (
    VIEW_RESTRICTED_ACTION,
    PrisonerChooserViewSet,
    PrisonerEditView,
    PrisonerIndexView,
    PrisonerSearchMixin,
    PrisonerStatusChangeView,
    RestrictedInformationCreateView,
    RestrictedInformationEditView,
    WhereaboutsCreateView,
    WhereaboutsEditView,
)
from .choices import LANGUAGES, Status
from .forms import PrisonerAdminForm
from .importing.runs import IMPORT_APPLIED_ACTION
from .models import (
    Background,
    Charge,
    CriminalArticle,
    Facility,
    Prisoner,
    PrisonerConfidential,
    StatusChange,
    Whereabouts,
)
from .services import PUBLICITY_RAISED_ACTION, STATUS_CHANGE_ACTION, WHEREABOUTS_ACTION
from .tasks import enqueue_refresh_search_keys

_WRITE_ACTIONS = frozenset({"add", "change", "delete"})


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Rows written only by services (history): the admin may list and inspect, never write."""

    def user_has_permission(self, user, action):
        return action not in _WRITE_ACTIONS and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - _WRITE_ACTIONS)


# A charge is part of the prisoner's record: whoever may edit records edits its charges.
register_permission_policy(Charge, ModelPermissionPolicy(Charge, auth_model=Prisoner))
register_permission_policy(StatusChange, ReadOnlyPermissionPolicy(StatusChange))


class PrisonerRelatedIndexView(PrisonerSearchMixin, IndexView):
    """Listings of rows about a prisoner, searchable by any spelling of the name."""


# The facts each version of the list writes in its own language, one panel per fact.
PER_LANGUAGE_HEADINGS = (
    ("sentence_text", _("Sentence as published, in each language")),
    ("charges_text", _("Charges as published, when not read into articles")),
    ("judge", _("Judge, as each version spells the name")),
    ("prosecutor", _("Prosecutor, as each version spells the name")),
    ("source_url", _("Source: the list's page in each language")),
    ("recognition_statement_url", _("Recognition statement in each language")),
)


class PrisonerViewSet(GuardedSnippetViewSet):
    model = Prisoner
    icon = "user"
    menu_label = _("Prisoners")
    index_view_class = PrisonerIndexView
    edit_view_class = PrisonerEditView
    chooser_viewset_class = PrisonerChooserViewSet
    list_display = ["display_name", "status", "publicity", "facility", "region", UpdatedAtColumn()]
    list_filter = ["status", "publicity", "region", "gender", "penalty_type", "facility__kind"]
    search_fields = ["external_id"]  # enables search; PrisonerIndexView matches every spelling
    list_per_page = 50
    ordering = "sort_name"
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["search_keys", "sort_name"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("name_be"), FieldPanel("name_ru"), FieldPanel("name_latin")],
                heading=_("Name in each spelling"),
                help_text=_("Fill in every spelling you know: each one finds the person."),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("birth_date"),
                    FieldPanel("birth_date_precision"),
                    FieldPanel("gender"),
                    FieldPanel("region"),
                    FieldPanel("occupation"),
                    FieldPanel("backgrounds", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("languages"),
                    FieldPanel("interests"),
                ],
                heading=_("Person"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("status_changed_on"),
                    FieldPanel("detained_on"),
                    FieldPanel("verdict_date"),
                    FieldPanel("sentence_months"),
                    FieldPanel("penalty_type"),
                    FieldPanel("expected_release_on"),
                    FieldPanel("released_on"),
                    FieldPanel("died_on"),
                    FieldPanel("facility"),
                ],
                heading=_("Case"),
                help_text=_(
                    "Criminal code articles are edited under Prisoners › Charges; "
                    "status changes through “Record a status change” in the header."
                ),
            ),
            *(
                MultiFieldPanel(
                    [FieldPanel(f"{fact}_{code}") for code in LANGUAGES],
                    heading=heading,
                    classname="collapsed",
                )
                for fact, heading in PER_LANGUAGE_HEADINGS
            ),
            MultiFieldPanel(
                [FieldPanel("external_id"), FieldPanel("last_verified_on")],
                heading=_("Sources"),
            ),
            MultiFieldPanel(
                [FieldPanel("publicity"), FieldPanel("publicity_reason")], heading=_("Publicity")
            ),
        ],
        base_form_class=PrisonerAdminForm,
    )

    def get_queryset(self, request):
        return Prisoner.objects.select_related("facility")

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            status_change_url_name=self.get_url_name("status_change"), **kwargs
        )

    @property
    def status_change_view(self):
        return self.construct_view(PrisonerStatusChangeView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("status-change/<int:pk>/", self.status_change_view, name="status_change"),
        ]


class ChargeViewSet(GuardedSnippetViewSet):
    model = Charge
    icon = "tag"
    menu_label = _("Charges")
    index_view_class = PrisonerRelatedIndexView
    list_display = ["prisoner", "article", "part"]
    list_filter = ["article"]
    search_fields = ["article__number"]
    list_per_page = 50
    ordering = ["prisoner__sort_name", "article__sort_key"]
    copy_view_enabled = False
    panels = [FieldPanel("prisoner"), FieldPanel("article"), FieldPanel("part")]

    def get_queryset(self, request):
        return Charge.objects.select_related("prisoner", "article")


class FacilityViewSet(GuardedSnippetViewSet):
    model = Facility
    icon = "site"
    list_display = ["name", "name_be", "name_latin", "kind", "region", "city"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "name_be", "name_latin", "city", "postal_address"]
    list_per_page = 50
    ordering = "name"
    inspect_view_enabled = True
    copy_view_enabled = False
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("name_be"),
                FieldPanel("name_latin"),
                FieldPanel("kind"),
            ],
            heading=_("Facility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("region"),
                FieldPanel("city"),
                FieldPanel("postal_address"),
                FieldPanel("postal_code"),
            ],
            heading=_("Address for letters"),
        ),
    ]


class CriminalArticleViewSet(GuardedSnippetViewSet):
    model = CriminalArticle
    icon = "openquote"
    list_display = ["number", "title_en", "title_ru"]
    search_fields = ["number", "title_en", "title_be", "title_ru"]
    list_per_page = 50
    ordering = ["sort_key", "number"]
    copy_view_enabled = False
    panels = [
        FieldPanel("number"),
        FieldPanel("title_en"),
        FieldPanel("title_be"),
        FieldPanel("title_ru"),
    ]


class BackgroundViewSet(GuardedSnippetViewSet):
    model = Background
    icon = "pick"
    list_display = ["name_en", "name_be", "name_ru", "slug"]
    search_fields = ["name_en", "name_be", "name_ru", "slug"]
    list_per_page = 50
    ordering = "name_en"
    copy_view_enabled = False
    panels = [
        FieldPanel("name_en"),
        FieldPanel("name_be"),
        FieldPanel("name_ru"),
        FieldPanel("slug"),
    ]


class RestrictedInformationViewSet(GuardedSnippetViewSet):
    """Health, family contacts, internal notes: listed by prisoner and flag only, reads audited.

    No inspect view, no export and no other column: the only way to read the fields is the edit
    view, which logs every opening.
    """

    model = PrisonerConfidential
    icon = "lock"
    menu_label = _("Restricted information")
    index_view_class = PrisonerRelatedIndexView
    add_view_class = RestrictedInformationCreateView
    edit_view_class = RestrictedInformationEditView
    list_display = ["prisoner", BooleanColumn("health_at_risk", label=_("Health at risk"))]
    list_filter = ["health_at_risk"]
    search_fields = ["prisoner__external_id"]  # never a restricted field
    list_per_page = 50
    ordering = ["prisoner__sort_name"]
    copy_view_enabled = False
    panels = [
        FieldPanel("prisoner"),
        FieldPanel("health_at_risk"),
        FieldPanel("health"),
        FieldPanel("family_contacts"),
        FieldPanel("internal_notes"),
    ]

    def get_queryset(self, request):
        return PrisonerConfidential.objects.select_related("prisoner")


class WhereaboutsViewSet(GuardedSnippetViewSet):
    """Where released people are now and whether they agree to further contact (issue 18).

    Listed by prisoner, situation and consent; the country and notes are read in the edit view
    only, which logs each opening, as for restricted information.
    """

    model = Whereabouts
    icon = "site"
    menu_label = _("Whereabouts after release")
    index_view_class = PrisonerRelatedIndexView
    add_view_class = WhereaboutsCreateView
    edit_view_class = WhereaboutsEditView
    list_display = ["prisoner", "situation", "consent", "since"]
    list_filter = ["situation", "consent"]
    search_fields = ["prisoner__external_id"]  # never the country or the notes
    list_per_page = 50
    ordering = ["prisoner__sort_name"]
    copy_view_enabled = False
    panels = [
        FieldPanel("prisoner"),
        FieldPanel("situation"),
        FieldPanel("country"),
        FieldPanel("since"),
        FieldPanel("consent"),
        FieldPanel("safe_to_publish"),
        FieldPanel("notes"),
    ]

    def get_queryset(self, request):
        return Whereabouts.objects.select_related("prisoner")


class StatusChangeViewSet(GuardedSnippetViewSet):
    """The history of each case, read-only: only `prisoner_status_change` writes it."""

    model = StatusChange
    icon = "history"
    index_view_class = PrisonerRelatedIndexView
    list_display = ["prisoner", "to_status", "from_status", "effective_on", "recorded_by"]
    list_filter = ["to_status", "from_status", "effective_on"]
    search_fields = ["source"]
    list_per_page = 50
    ordering = ["-effective_on", "-recorded_at"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return StatusChange.objects.select_related("prisoner", "facility", "recorded_by")


class PrisonersGroup(SnippetViewSetGroup):
    menu_label = _("Prisoners")
    menu_icon = "user"
    menu_order = 200
    items = (
        PrisonerViewSet,
        FacilityViewSet,
        CriminalArticleViewSet,
        ChargeViewSet,
        BackgroundViewSet,
        RestrictedInformationViewSet,
        WhereaboutsViewSet,
        StatusChangeViewSet,
        PrisonerImportViewSet,
    )


register_snippet(PrisonersGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def refresh_prisoner_search_keys(request, instance):
    """Names may have changed: recompute the search keys once the edit is committed."""
    if isinstance(instance, Prisoner):
        enqueue_refresh_search_keys(instance.pk)


class StatusChangeFormatter(LogFormatter):
    label = _("Record a status change")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Status changed from “%(from)s” to “%(to)s”, effective %(date)s") % {
            "from": _status_label(data.get("from")),
            "to": _status_label(data.get("to")),
            "date": data.get("effective_on", "?"),
        }


def _status_label(value: str | None) -> str:
    if value is None:
        return "—"
    try:
        return str(Status(value).label)
    except ValueError:
        return value or "—"


@hooks.register("register_log_actions")
def register_prisoner_log_actions(actions):
    actions.register_action(STATUS_CHANGE_ACTION)(StatusChangeFormatter)
    actions.register_action(
        IMPORT_APPLIED_ACTION,
        _("Import the defenders' list"),
        _("Defenders' list imported"),
    )
    actions.register_action(
        PUBLICITY_RAISED_ACTION,
        _("Make a record public again"),
        _("Made public again, with a reason"),
    )
    actions.register_action(
        VIEW_RESTRICTED_ACTION,
        _("View restricted information"),
        _("Restricted information opened"),
    )
    actions.register_action(
        WHEREABOUTS_ACTION,
        _("Record whereabouts after release"),
        _("Whereabouts after release recorded"),
    )
