"""Wagtail admin views for prisoner records. Thin: they validate, call one service, render."""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView

from solidarity.accounts.permissions import can_view_restricted_prisoner_data
from solidarity.common.admin import GuardedChooseResultsView as ChooseResultsView
from solidarity.common.admin import GuardedChooseView as ChooseView
from solidarity.common.admin import GuardedSnippetChooserViewSet
from solidarity.common.forms import form_add_service_errors

from ..forms import StatusChangeForm
from ..models import Prisoner, PrisonerConfidential, Whereabouts
from ..search import prisoner_search
from ..services import WhereaboutsRequest, prisoner_status_change, whereabouts_record

VIEW_RESTRICTED_ACTION = "solidarity.view_restricted"
STATUS_CHANGE_LABEL = _("Record a status change")


class PrisonerSearchMixin:
    """Index views about prisoners: any spelling of the prisoner's name finds their rows.

    `prisoner_lookup` is the path from the listed model to Prisoner; the view's own
    `search_fields` are matched as well (case-insensitive substring).
    """

    prisoner_lookup = "prisoner"
    # Set by Wagtail's IndexView, which this mixin comes before.
    is_searching: bool
    search_query: str
    search_fields: list[str] | None

    def search_queryset(self, queryset: QuerySet) -> QuerySet:
        if not self.is_searching:
            return queryset
        prisoners = prisoner_search(queryset=Prisoner.objects.all(), query=self.search_query)
        condition = Q(**{f"{self.prisoner_lookup}__in": prisoners.values("pk")})
        for field in self.search_fields or []:
            condition |= Q(**{f"{field}__icontains": self.search_query})
        # A subquery keeps many-to-many lookups from duplicating rows.
        matching = queryset.model._default_manager.filter(condition).values("pk")
        return queryset.filter(pk__in=matching)


class PrisonerIndexView(IndexView):
    """The prisoners listing: spelling-tolerant search and a status-change row action."""

    status_change_url_name = None

    def search_queryset(self, queryset: QuerySet[Prisoner]) -> QuerySet[Prisoner]:
        if not self.is_searching:
            return queryset
        return prisoner_search(queryset=queryset, query=self.search_query)

    def _get_title_column(self, field_name, *args, **kwargs):
        # The display name follows the admin language; sorting uses the folded Latin name.
        column = super()._get_title_column(field_name, *args, **kwargs)
        column.label = _("Name")
        column.sort_key = "sort_name"
        return column

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.status_change_url_name and self.user_has_permission("change"):
            url = reverse(self.status_change_url_name, args=(quote(instance.pk),))
            buttons.append(MenuItem(STATUS_CHANGE_LABEL, url, icon_name="history", priority=15))
        return buttons


class PrisonerEditView(EditView):
    """The record's edit page, with its status change and restricted information in the header."""

    status_change_url_name = None

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.status_change_url_name and self.user_has_permission("change"):
            url = reverse(self.status_change_url_name, args=(quote(self.object.pk),))
            buttons.append(Button(STATUS_CHANGE_LABEL, url=url, icon_name="history", priority=5))
        if url := self._restricted_information_url():
            buttons.append(
                Button(_("Restricted information"), url=url, icon_name="lock", priority=6)
            )
        return buttons

    def _restricted_information_url(self) -> str | None:
        viewset = getattr(PrisonerConfidential, "snippet_viewset", None)
        user = self.request.user
        if viewset is None or not can_view_restricted_prisoner_data(user):
            return None
        confidential = PrisonerConfidential.objects.filter(prisoner=self.object).first()
        if confidential is not None:
            return reverse(viewset.get_url_name("edit"), args=(quote(confidential.pk),))
        return f"{reverse(viewset.get_url_name('add'))}?prisoner={self.object.pk}"


class PrisonerStatusChangeView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Record a status change through `prisoner_status_change`, the only writer of history.

    Recording a change edits the record, so it needs the permission to change prisoners.
    """

    model = Prisoner
    permission_required = "change"
    form_class = StatusChangeForm
    template_name = "wagtailadmin/generic/form.html"
    page_title = STATUS_CHANGE_LABEL
    header_icon = "history"
    index_url_name = None
    edit_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.prisoner = get_object_or_404(Prisoner, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.prisoner)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": Prisoner._meta.verbose_name_plural},
            {"url": self._edit_url(), "label": str(self.prisoner)},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.request.path
        context["submit_button_label"] = _("Record the change")
        context["submit_button_active_label"] = _("Recording…")
        context["media"] = context["form"].media
        return context

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["status"].help_text = _("Current status: %(status)s.") % {
            "status": self.prisoner.get_status_display()
        }
        return form

    def form_valid(self, form):
        try:
            prisoner_status_change(
                prisoner=self.prisoner,
                status=form.cleaned_data["status"],
                effective_on=form.cleaned_data["effective_on"],
                source=form.cleaned_data["source"],
                note=form.cleaned_data["note"],
                facility=form.cleaned_data["facility"],
                recorded_by=self.request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Status change recorded for “%(name)s”.") % {"name": self.prisoner}
        )
        return redirect(self._edit_url())

    def form_invalid(self, form):
        messages.validation_error(self.request, _("The status change could not be recorded."), form)
        return super().form_invalid(form)

    def _edit_url(self) -> str:
        return reverse(self.edit_url_name, args=(quote(self.prisoner.pk),))


class RestrictedInformationCreateView(CreateView):
    """Pre-selects the prisoner when opened from a prisoner's page (`?prisoner=<id>`)."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        prisoner_id = self.request.GET.get("prisoner", "")
        if prisoner_id.isdigit() and (
            prisoner := Prisoner.objects.filter(pk=int(prisoner_id)).first()
        ):
            instance.prisoner = prisoner
        return instance


class RestrictedInformationEditView(EditView):
    """Opening restricted information is a read of special-category data: it is audited."""

    def render_to_response(self, context, **response_kwargs):
        # Every page that shows the fields counts, including a form re-shown after an error.
        log(instance=self.object, action=VIEW_RESTRICTED_ACTION, user=self.request.user)
        return super().render_to_response(context, **response_kwargs)


class WhereaboutsSaveMixin:
    """Create and edit of whereabouts go through `whereabouts_record`: its rules (a country
    only abroad, "safe to publish" only inside Belarus, released people only) and its stamps
    of who recorded the consent apply to the admin as to any other caller."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form_add_service_errors(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def save_instance(self):
        data = self.form.cleaned_data
        prisoner = data.get("prisoner") or self.form.instance.prisoner
        return whereabouts_record(
            prisoner=prisoner,
            request=WhereaboutsRequest(
                situation=data["situation"],
                country=str(data.get("country") or ""),
                since=data.get("since"),
                consent=data["consent"],
                safe_to_publish=bool(data.get("safe_to_publish")),
                notes=data.get("notes", ""),
            ),
            by=self.request.user,
        )


class WhereaboutsCreateView(WhereaboutsSaveMixin, RestrictedInformationCreateView):
    """Pre-selects the prisoner when opened from a prisoner's page (`?prisoner=<id>`)."""


class WhereaboutsEditView(WhereaboutsSaveMixin, RestrictedInformationEditView):
    """Where a released person lives is restricted: each opening is audited."""

    model = Whereabouts


class PrisonerChooserFilterForm(BaseFilterForm):
    """The chooser's search box: any spelling of the name, like the listing."""

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Any spelling of the name")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        if query := self.cleaned_data.get("q"):
            objects = prisoner_search(queryset=objects, query=query)
            self.is_searching, self.search_query = True, query
        return objects


class PrisonerChooseView(ChooseView):
    filter_form_class = PrisonerChooserFilterForm


class PrisonerChooseResultsView(ChooseResultsView):
    filter_form_class = PrisonerChooserFilterForm


class PrisonerChooserViewSet(GuardedSnippetChooserViewSet):
    """Choosing a prisoner in a form (charges, matches, letters) searches without an index."""

    choose_view_class = PrisonerChooseView
    choose_results_view_class = PrisonerChooseResultsView
