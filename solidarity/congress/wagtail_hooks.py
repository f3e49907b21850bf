"""The "Congress" admin menu: the desk, the congresses, invitations and registrations."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from solidarity.common.admin import GuardedSnippetViewSet
from solidarity.common.languages import LANGUAGE_NAMES

from .admin_views import CongressDeskViewSet
from .models import Congress, Declaration, Invitation, Registration
from .services import (
    CANCELLED_ACTION,
    CHECKED_IN_ACTION,
    INVITED_ACTION,
    PLEDGED_ACTION,
    REGISTERED_ACTION,
    SIGNED_ACTION,
)

NATIVE_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CongressAdminForm(WagtailAdminModelForm):
    """The languages of interpretation as boxes to tick, not a JSON list to type."""

    languages = forms.MultipleChoiceField(
        label=_("Languages of interpretation"),
        choices=[(code, name) for code, name in LANGUAGE_NAMES.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class CongressViewSet(GuardedSnippetViewSet):
    model = Congress
    icon = "calendar"
    menu_label = _("Congresses")
    list_display = ["title", "starts_on", "place", BooleanColumn("registration_open")]
    ordering = "-starts_on"
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            MultiFieldPanel(
                [
                    # The browser's own date input: it works on an organiser's phone and with a
                    # keyboard, where the admin's picker covers the form.
                    FieldPanel("starts_on", widget=NATIVE_DATE),
                    FieldPanel("ends_on", widget=NATIVE_DATE),
                    FieldPanel("place"),
                ],
                heading=_("When and where"),
            ),
            FieldPanel("online"),
            FieldPanel("languages"),
            MultiFieldPanel(
                [FieldPanel("registration_open"), FieldPanel("pledges_open")],
                heading=_("Registration and pledges"),
            ),
        ],
        base_form_class=CongressAdminForm,
    )


class DeclarationViewSet(GuardedSnippetViewSet):
    model = Declaration
    icon = "doc-full"
    menu_label = _("Joint declarations")
    list_display = ["title", "congress", BooleanColumn("signing_open")]
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [
        FieldPanel("congress"),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("text_be"),
        FieldPanel("text_ru"),
        FieldPanel("signing_open"),
    ]


class InvitationViewSet(GuardedSnippetViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    list_display = ["email", "name", "kind", "parliament", DateColumn("created_at"), "reminded_at"]
    list_filter = ["congress", "kind"]
    search_fields = ["email", "name"]
    list_per_page = 100
    ordering = "email"
    add_view_enabled = False  # invitations are sent from the desk, which emails them
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [FieldPanel("name"), FieldPanel("language")]

    def get_queryset(self, request):
        return Invitation.objects.select_related("parliament")


class RegistrationViewSet(GuardedSnippetViewSet):
    """Registrations with the exports for badges and interpretation. Accessibility needs are on
    the inspect page only, never in the exports, which travel to printers and interpreters."""

    model = Registration
    icon = "user"
    menu_label = _("Registrations")
    list_display = [
        "full_name",
        Column("parliament_label", label=_("Parliament or organisation")),
        "country",
        "attendance",
        "status",
        BooleanColumn("checked_in", label=_("Checked in")),
    ]
    list_filter = ["congress", "status", "attendance", "country", "listed"]
    search_fields = ["full_name", "email", "organisation"]
    list_per_page = 100
    ordering = "full_name"
    add_view_enabled = False  # people register from their invitation's link
    copy_view_enabled = False
    inspect_view_enabled = True
    list_export = [
        "full_name",
        "email",
        "country",
        "parliament_label",
        "delegation",
        "attendance",
        "languages",
        "listed",
        "status",
        "checked_in_at",
    ]
    export_headings = {
        "parliament_label": _("Parliament or organisation"),
        "languages": _("Languages of interpretation"),
    }
    export_filename = "congress-registrations"
    panels = [
        FieldPanel("full_name"),
        FieldPanel("attendance"),
        FieldPanel("delegation"),
        FieldPanel("languages"),
        FieldPanel("accessibility_needs"),
        FieldPanel("listed"),
        FieldPanel("status"),
    ]

    def get_queryset(self, request):
        return Registration.objects.select_related("parliament", "congress")


class CongressGroup(SnippetViewSetGroup):
    menu_label = _("Congress")
    menu_icon = "calendar"
    menu_order = 240
    items = (
        CongressDeskViewSet,
        CongressViewSet,
        InvitationViewSet,
        RegistrationViewSet,
        DeclarationViewSet,
    )


register_snippet(CongressGroup)


@hooks.register("register_log_actions")
def register_congress_log_actions(actions):
    for action, label in (
        (INVITED_ACTION, _("Invited to the Congress")),
        (REGISTERED_ACTION, _("Registered for the Congress")),
        (CHECKED_IN_ACTION, _("Checked in at the Congress")),
        (PLEDGED_ACTION, _("Pledged at the Congress")),
        (SIGNED_ACTION, _("Signed the Congress's declaration")),
        (CANCELLED_ACTION, _("Cancelled the Congress registration")),
    ):
        actions.register_action(action, label, label)
