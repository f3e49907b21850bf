"""Admin pages of the letter insight: per facility (table and chart) and per prisoner.

Thin views over `insight`; who may see them is `can_view_letter_insight` (defenders, organisers,
admins). Nothing here names a godparent.
"""

import datetime
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from solidarity.accounts.permissions import can_open_reply_scans, can_view_letter_insight
from solidarity.common.admin import PolicyAreaViewSet, PolicyViewMixin
from solidarity.prisoners.models import Prisoner

from ..insight import (
    MIN_LETTERS_RANKED,
    ORDERINGS,
    FacilityInsight,
    default_since,
    facility_letter_insight,
    letter_history_entries,
    prisoner_letter_history,
    prisoner_letter_summary,
)

TITLE = _("Letter insight")
HISTORY_PER_PAGE = 100
CHART_MAX_BARS = 40
# The chart's geometry, in pixels: a label line above each bar.
BAR_PITCH, BAR_OFFSET, BAR_HEIGHT, LABEL_OFFSET = 40, 18, 16, 13
# (ordering key, column heading) in the table's order; the first column is the facility.
COLUMNS = [
    ("name", _("Facility")),
    ("sent", _("Letters sent")),
    ("replies", _("Replies")),
    ("returned", _("Returned")),
    ("no_news", _("No news")),
    ("reply_rate", _("Reply rate")),
    ("return_rate", _("Return rate")),
    ("last_reply", _("Last reply")),
    ("days_since_reply", _("Days since the last reply")),
]


class InsightPeriodForm(forms.Form):
    since = forms.DateField(
        label=_("Letters sent since"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )


class InsightPermissionMixin(PolicyViewMixin):
    allowed = staticmethod(can_view_letter_insight)
    area_title = TITLE


class FacilityInsightView(InsightPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Per facility: how many letters got a reply or came back, withholding facilities first."""

    template_name = "activity/admin/insight_facilities.html"
    page_title = TITLE
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        form, since = self._period(today)
        ordering = self.request.GET.get("ordering", "")
        if ordering.removeprefix("-") not in ORDERINGS:
            ordering = ""
        rows = facility_letter_insight(since=since, today=today, ordering=ordering)
        return super().get_context_data(
            form=form,
            since=since,
            ordering=ordering,
            rows=rows,
            columns=_columns(since=since.isoformat(), ordering=ordering),
            default_order_url="?" + urlencode({"since": since.isoformat()}),
            chart=_chart(rows[:CHART_MAX_BARS]),
            chart_cut=len(rows) > CHART_MAX_BARS,
            chart_max_bars=CHART_MAX_BARS,
            min_letters=MIN_LETTERS_RANKED,
            **kwargs,
        )

    def _period(self, today: datetime.date) -> tuple[InsightPeriodForm, datetime.date]:
        """The period's start, and the form that shows it (or why the date was refused)."""
        form = InsightPeriodForm(self.request.GET)
        if not form.is_valid():
            return form, default_since(today=today)
        since = form.cleaned_data["since"] or default_since(today=today)
        return InsightPeriodForm(initial={"since": since}), since


def _columns(*, since: str, ordering: str) -> list[dict]:
    """Each heading with the link that sorts by it (ascending first, then descending)."""
    columns = []
    for key, label in COLUMNS:
        current = ordering.removeprefix("-") == key
        descending = ordering.startswith("-")
        target = f"-{key}" if current and not descending else key
        sort = ("descending" if descending else "ascending") if current else ""
        url = "?" + urlencode({"since": since, "ordering": target})
        columns.append({"key": key, "label": label, "url": url, "sort": sort})
    return columns


def _chart(rows: list[FacilityInsight]) -> dict:
    """Geometry of the stacked bars (replies, returned, no news), as SVG attribute strings."""
    bars = []
    for index, row in enumerate(rows):
        # Every row has letters, so its rates are numbers.
        reply, returned = (row.reply_rate or 0) * 100, (row.return_rate or 0) * 100
        top = index * BAR_PITCH
        bars.append(
            {
                "row": row,
                "label_y": top + LABEL_OFFSET,
                "bar_y": top + BAR_OFFSET,
                "reply_width": f"{reply:.2f}%",
                "returned_x": f"{reply:.2f}%",
                "returned_width": f"{returned:.2f}%",
                "no_news_x": f"{reply + returned:.2f}%",
                "no_news_width": f"{max(0.0, 100 - reply - returned):.2f}%",
            }
        )
    return {"bars": bars, "height": len(rows) * BAR_PITCH, "bar_height": BAR_HEIGHT}


class PrisonerInsightView(InsightPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """One prisoner's letters: when, how, where to and what came of them; never who wrote."""

    template_name = "activity/admin/insight_prisoner.html"
    page_title = TITLE
    header_icon = "mail"

    def get(self, request, *args, **kwargs):
        names = ("name_be", "name_ru", "name_latin")
        self.prisoner = get_object_or_404(Prisoner.objects.only(*names), pk=kwargs["prisoner_id"])
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.prisoner.display_name

    def get_context_data(self, **kwargs):
        prisoner_id = self.prisoner.pk
        history = prisoner_letter_history(prisoner_id=prisoner_id)
        page = Paginator(history, HISTORY_PER_PAGE).get_page(self.request.GET.get("p"))
        return super().get_context_data(
            prisoner=self.prisoner,
            summary=prisoner_letter_summary(prisoner_id=prisoner_id, today=timezone.localdate()),
            page=page,
            letters=letter_history_entries(page.object_list),
            index_url=self.url("index"),
            # Defenders see that a reply came, not the reply: no link they would be refused.
            can_open_scans=can_open_reply_scans(self.request.user),
            **kwargs,
        )


class LetterInsightViewSet(PolicyAreaViewSet):
    name = "letter_insight"
    url_prefix = "insight"
    icon = "mail"
    menu_icon = "mail"
    menu_label = TITLE
    menu_order = 232  # after the Activity menu (230) and the import of actions (231)
    add_to_admin_menu = True
    allowed = staticmethod(can_view_letter_insight)
    routes = {
        "index": (FacilityInsightView, ""),
        "prisoner": (PrisonerInsightView, "prisoners/<int:prisoner_id>/"),
    }
