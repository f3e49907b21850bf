"""Admin pages after releases (issue 18): the release wave (organisers) and the needs of people
supported in exile (organisers and defenders, restricted like whereabouts)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import CreateView, EditView

from solidarity.accounts.permissions import can_manage_godparents
from solidarity.common.admin import PolicyAreaViewSet, PolicyViewMixin
from solidarity.common.audit import log_many
from solidarity.common.forms import form_add_service_errors
from solidarity.prisoners.admin_views.records import VIEW_RESTRICTED_ACTION

from ..exile import exile_need_record
from ..selectors import release_wave_people, release_wave_rows

WAVE_TITLE = _("Release waves")
WAVE_PER_PAGE = 100
WAVE_DAYS = 60  # the default period: the last two months of releases


class WavePeriodForm(forms.Form):
    since = forms.DateField(
        label=_("Released since"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )


class ReleaseWaveView(PolicyViewMixin, WagtailAdminTemplateMixin, TemplateView):
    """Everyone released since a date: where they are, their consent, their godparents and
    what each chose; the people nobody has asked about contact yet come first."""

    template_name = "matching/admin/release_wave.html"
    page_title = WAVE_TITLE
    header_icon = "group"
    allowed = staticmethod(can_manage_godparents)
    area_title = WAVE_TITLE

    def get_context_data(self, **kwargs):
        form = WavePeriodForm(self.request.GET or None)
        since = timezone.localdate() - datetime.timedelta(days=WAVE_DAYS)
        if form.is_valid() and form.cleaned_data.get("since"):
            since = form.cleaned_data["since"]
        page = Paginator(release_wave_people(since=since), WAVE_PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        rows = release_wave_rows(people=list(page.object_list))
        # Whereabouts are restricted: showing them is a read the audit log keeps (one INSERT).
        log_many(
            instances=[row.whereabouts for row in rows if row.whereabouts is not None],
            action=VIEW_RESTRICTED_ACTION,
            user=self.request.user,
            data=lambda index: {"page": "release_wave"},
        )
        return super().get_context_data(form=form, since=since, page=page, rows=rows, **kwargs)


class ReleaseWaveViewSet(PolicyAreaViewSet):
    name = "release_wave"
    url_prefix = "matching/releases"
    icon = "group"
    menu_icon = "group"
    menu_label = WAVE_TITLE
    allowed = staticmethod(can_manage_godparents)
    routes = {"index": (ReleaseWaveView, "")}


class ExileNeedSaveMixin:
    """Create and edit go through `exile_need_record` (one row per person and kind, audited)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form_add_service_errors(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def save_instance(self):
        data = self.form.cleaned_data
        return exile_need_record(
            prisoner=data.get("prisoner") or self.form.instance.prisoner,
            kind=data["kind"],
            status=data["status"],
            note=data.get("note", ""),
            by=self.request.user,
        )


class ExileNeedCreateView(ExileNeedSaveMixin, CreateView):
    pass


class ExileNeedEditView(ExileNeedSaveMixin, EditView):
    """A need's note is restricted information: each opening is audited."""

    def render_to_response(self, context, **response_kwargs):
        log(instance=self.object, action=VIEW_RESTRICTED_ACTION, user=self.request.user)
        return super().render_to_response(context, **response_kwargs)
