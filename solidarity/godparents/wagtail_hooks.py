"""The "Godparents" admin menu: godparent profiles, parliaments and godparents' staff."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from solidarity.common.admin import GuardedSnippetViewSet

from .admin_views import VerificationQueueViewSet, verification_queue_panel
from .forms import GodparentProfileAdminForm
from .models import GodparentProfile, GodparentStaff, Parliament
from .services import VERIFICATION_ACTION


class GodparentProfileViewSet(GuardedSnippetViewSet):
    model = GodparentProfile
    icon = "user"
    menu_label = _("Godparent profiles")
    list_display = [
        "full_name",
        "parliament",
        "party",
        "verification_state",
        "capacity",
        BooleanColumn("is_discreet", label=_("Discreet")),
        UpdatedAtColumn(),
    ]
    list_filter = [
        "verification_state",
        "is_discreet",
        "public_listing_consent",
        "parliament__kind",
        "parliament__country",
    ]
    search_fields = ["full_name", "party", "political_group", "official_email", "user__email"]
    list_per_page = 50
    ordering = "full_name"
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("user"),
                    FieldPanel("full_name"),
                    FieldPanel("official_email"),
                    FieldPanel("languages"),
                ],
                heading=_("Person"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("parliament"),
                    FieldPanel("parliament_other"),
                    FieldPanel("party"),
                    FieldPanel("political_group"),
                    FieldPanel("role"),
                    FieldPanel("mandate_evidence_url"),
                    FieldPanel("mandate_ends_on"),
                    FieldPanel("left_office_on"),
                ],
                heading=_("Mandate"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("capacity"),
                    FieldPanel("preferred_backgrounds", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("preferred_regions"),
                    FieldPanel("preferred_gender"),
                ],
                heading=_("Godparenthood preferences"),
            ),
            MultiFieldPanel(
                [FieldPanel("public_listing_consent"), FieldPanel("is_discreet")],
                heading=_("Publicity"),
            ),
            MultiFieldPanel(
                [
                    # Decisions go through the verification queue (audited, emailed).
                    FieldPanel("verification_state", read_only=True),
                    FieldPanel("verification_note", read_only=True),
                    FieldPanel("verified_at", read_only=True),
                    FieldPanel("verified_by", read_only=True),
                ],
                heading=_("Verification"),
            ),
        ],
        base_form_class=GodparentProfileAdminForm,
    )

    def get_queryset(self, request):
        return GodparentProfile.objects.select_related("parliament")


class ParliamentViewSet(GuardedSnippetViewSet):
    model = Parliament
    icon = "site"
    list_display = [
        "name",
        "short_name",
        "chamber",
        "country",
        "kind",
        BooleanColumn("has_group", label=_("Group")),
        BooleanColumn("has_memorandum", label=_("Memorandum")),
    ]
    list_filter = ["kind", "country", "memorandum_signed_on"]
    search_fields = ["name", "short_name", "chamber"]
    list_per_page = 50
    ordering = ["country", "name", "chamber"]
    inspect_view_enabled = True
    copy_view_enabled = False
    panels = [
        FieldPanel("kind"),
        FieldPanel("country"),
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("chamber"),
        MultiFieldPanel(
            [
                FieldPanel("group_name"),
                FieldPanel("group_since"),
                FieldPanel("group_chair"),
                FieldPanel("group_contact"),
            ],
            heading=_("Group “For a Democratic Belarus”"),
        ),
        MultiFieldPanel(
            [FieldPanel("memorandum_signed_on"), FieldPanel("memorandum_url")],
            heading=_("Memorandum of cooperation"),
        ),
    ]


class GodparentStaffViewSet(GuardedSnippetViewSet):
    model = GodparentStaff
    icon = "group"
    menu_label = _("Staff members")
    list_display = ["invited_email", "godparent", "user", "accepted_at", "revoked_at"]
    list_filter = ["accepted_at", "revoked_at"]
    search_fields = ["invited_email", "godparent__full_name", "user__email"]
    list_per_page = 50
    ordering = ["godparent__full_name", "invited_email"]
    inspect_view_enabled = True
    copy_view_enabled = False
    panels = [
        FieldPanel("godparent"),
        FieldPanel("invited_email"),
        FieldPanel("user", read_only=True),
        FieldPanel("accepted_at", read_only=True),
        FieldPanel("revoked_at"),
    ]

    def get_queryset(self, request):
        return GodparentStaff.objects.select_related("godparent", "user")


class GodparentsGroup(SnippetViewSetGroup):
    menu_label = _("Godparents")
    menu_icon = "group"
    menu_order = 210
    items = (
        VerificationQueueViewSet,
        GodparentProfileViewSet,
        ParliamentViewSet,
        GodparentStaffViewSet,
    )


register_snippet(GodparentsGroup)


@hooks.register("register_log_actions")
def register_godparent_log_actions(actions):
    for action, label in (
        (VERIFICATION_ACTION, _("Godparent verification decided")),
        ("solidarity.staff_accepted", _("Staff invitation accepted")),
        ("solidarity.staff_revoked", _("Staff member revoked")),
        ("solidarity.account_deleted", _("Account deleted and profile anonymised")),
    ):
        actions.register_action(action, label, label)


@hooks.register("construct_homepage_panels")
def add_verification_queue_panel(request, panels):
    if panel := verification_queue_panel(request):
        panels.append(panel)
