"""The organisers' verification queue: godparents waiting, the evidence, and the decision.

Thin views over `services`; who may decide is `can_manage_godparents`. Decisions go through the
services only (the profile edit form shows the state read-only), so each is audited and emailed.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import ModelLogEntry

from solidarity.accounts.permissions import can_manage_godparents
from solidarity.common.admin import PolicyAreaViewSet, PolicyViewMixin

from .forms import LeftOfficeForm, VerificationDecisionForm
from .models import AWAITING_VERIFICATION, GodparentProfile, VerificationState
from .services import (
    VERIFICATION_ACTION,
    godparent_mark_left_office,
    godparent_reject,
    godparent_request_info,
    godparent_verify,
)

TITLE = _("Verification queue")
PER_PAGE = 50


class QueuePermissionMixin(PolicyViewMixin):
    allowed = staticmethod(can_manage_godparents)
    area_title = TITLE


class QueueIndexView(QueuePermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Waiting godparents, oldest first: "more information requested" ones are listed apart."""

    template_name = "godparents/admin/queue_index.html"
    page_title = TITLE
    header_icon = "tick-inverse"

    def get_context_data(self, **kwargs):
        waiting = (
            GodparentProfile.objects.filter(
                verification_state__in=AWAITING_VERIFICATION, deleted_at__isnull=True
            )
            .select_related("parliament", "user")
            .order_by("verification_state", "updated_at")
        )
        page = Paginator(waiting, PER_PAGE).get_page(self.request.GET.get("p"))
        return super().get_context_data(
            page=page, detail_url_name=self.url_names["decide"], **kwargs
        )


class DecideView(QueuePermissionMixin, WagtailAdminTemplateMixin, FormView):
    """One godparent's evidence, their history of decisions, and the decision form."""

    template_name = "godparents/admin/queue_decide.html"
    header_icon = "tick-inverse"
    form_class = VerificationDecisionForm
    page_title = TITLE

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            GodparentProfile.objects.select_related("parliament", "user", "verified_by"),
            pk=kwargs["pk"],
            deleted_at__isnull=True,
        )

    def get_page_subtitle(self):
        return self.object.full_name

    def get_form(self, form_class=None):
        if self.object.verification_state == VerificationState.VERIFIED:
            return LeftOfficeForm(**self.get_form_kwargs())
        return super().get_form(form_class)

    def get_context_data(self, **kwargs):
        history = (
            ModelLogEntry.objects.for_instance(self.object)
            .filter(action=VERIFICATION_ACTION)
            .select_related("user")
            .order_by("-timestamp")[:20]
        )
        return super().get_context_data(
            profile=self.object,
            history=history,
            can_decide=self.object.verification_state in AWAITING_VERIFICATION,
            can_mark_left=self.object.verification_state == VerificationState.VERIFIED,
            index_url=self.url("index"),
            **kwargs,
        )

    def form_valid(self, form):
        profile, user = self.object, self.request.user
        try:
            if isinstance(form, LeftOfficeForm):
                godparent_mark_left_office(
                    profile=profile,
                    by=user,
                    on=form.cleaned_data["left_office_on"],
                    note=form.cleaned_data["note"],
                )
                done = _("%(name)s is marked as having left office; their matches ended.")
            else:
                decide = {
                    VerificationState.VERIFIED: lambda m: godparent_verify(
                        profile=profile, by=user, note=m
                    ),
                    VerificationState.INFO_REQUESTED: lambda m: godparent_request_info(
                        profile=profile, by=user, message=m
                    ),
                    VerificationState.REJECTED: lambda m: godparent_reject(
                        profile=profile, by=user, reason=m
                    ),
                }[form.cleaned_data["decision"]]
                profile = decide(form.cleaned_data["message"])
                done = {
                    VerificationState.VERIFIED: _("%(name)s is verified and was told by email."),
                    VerificationState.INFO_REQUESTED: _(
                        "%(name)s was asked for more information by email."
                    ),
                    VerificationState.REJECTED: _("%(name)s was rejected and told why by email."),
                }[profile.verification_state]
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(self.request, done % {"name": profile.full_name})
        return redirect(self.url("index"))


class VerificationQueueViewSet(PolicyAreaViewSet):
    name = "godparent_verification"
    url_prefix = "godparents/verification"
    icon = "tick-inverse"
    menu_icon = "tick-inverse"
    menu_label = TITLE
    allowed = staticmethod(can_manage_godparents)
    routes = {"index": (QueueIndexView, ""), "decide": (DecideView, "<int:pk>/")}


class VerificationQueuePanel(Component):
    """On the admin's home page: how many godparents wait, and the way to the queue."""

    name = "godparent_verification"
    order = 50
    template_name = "godparents/admin/queue_panel.html"

    def __init__(self, waiting: int):
        self.waiting = waiting

    def get_context_data(self, parent_context=None):
        return {"waiting": self.waiting, "queue_url": reverse("godparent_verification:index")}


def verification_queue_panel(request) -> VerificationQueuePanel | None:
    if not can_manage_godparents(request.user):
        return None
    waiting = GodparentProfile.objects.filter(
        verification_state=VerificationState.UNVERIFIED, deleted_at__isnull=True
    ).count()
    return VerificationQueuePanel(waiting)
