"""The organisers' desk for the Congress: invite, remind, see who comes, check in at the door.

Registrations themselves (with filters and the CSV/XLSX exports for badges and interpretation)
are the snippet listing in `wagtail_hooks.py`; these pages do what a listing cannot.
"""

import segno
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from solidarity.accounts.permissions import can_run_congress
from solidarity.common.admin import PolicyAreaViewSet, PolicyViewMixin
from solidarity.common.languages import LANGUAGE_NAMES
from solidarity.godparents.models import Parliament

from .models import Congress, Registration, RegistrationStatus
from .selectors import congress_current, congress_hall_counters
from .services import (
    MAX_GUESTS,
    badge_token,
    congress_invite,
    congress_matching_start,
    congress_pledged_slots,
    congress_remind,
    guest_list_parse,
    registration_check_in,
    registration_from_badge,
)

DESK_TITLE = _("Congress desk")
CHECK_IN_RESULTS = 20


class InviteForm(forms.Form):
    congress = forms.ModelChoiceField(label=_("Congress"), queryset=Congress.objects.all())
    all_godparents = forms.BooleanField(
        label=_("All verified godparents"),
        required=False,
        help_text=_("Each address is invited once, however often you send invitations."),
    )
    parliaments = forms.ModelMultipleChoiceField(
        label=_("The verified godparents of these parliaments"),
        queryset=Parliament.objects.order_by("country", "name", "chamber"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    guests = forms.CharField(
        label=_("Guests, one address per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            'E.g. "Jana Nováková <jana.novakova@psp.cz>" or "jana.novakova@psp.cz, Jana '
            'Nováková", as a spreadsheet column pastes.'
        ),
    )

    def clean(self):
        data = super().clean()
        parsed = guest_list_parse(data.get("guests", ""))
        if parsed.errors:
            lines = "; ".join(f"{number}: {line}" for number, line in parsed.errors[:10])
            self.add_error(
                "guests",
                ngettext(
                    "This line is not an email address (nobody was invited, fix it and send "
                    "again): %(lines)s",
                    "These lines are not email addresses (nobody was invited, fix them and "
                    "send again): %(lines)s",
                    len(parsed.errors),
                )
                % {"lines": lines},
            )
        if len(parsed.guests) > MAX_GUESTS:
            self.add_error(
                "guests", _("At most %(count)s guests at a time.") % {"count": MAX_GUESTS}
            )
        if not (data.get("all_godparents") or data.get("parliaments") or parsed.guests):
            self.add_error(None, _("Choose whom to invite."))
        data["guest_list"] = parsed.guests
        return data


class CongressAreaMixin(PolicyViewMixin, WagtailAdminTemplateMixin):
    allowed = staticmethod(can_run_congress)
    area_title = DESK_TITLE
    header_icon = "calendar"

    def congress(self) -> Congress:
        chosen = self.request.GET.get("congress") or self.request.POST.get("congress")
        congress = (
            Congress.objects.filter(pk=chosen).first()
            if chosen and str(chosen).isdigit()
            else congress_current()
        )
        if congress is None:
            raise Http404
        return congress


class DeskView(CongressAreaMixin, TemplateView):
    """Registrations by status, attendance, country and parliament; links to everything else."""

    template_name = "congress/admin/desk.html"
    page_title = DESK_TITLE

    def get(self, request, *args, **kwargs):
        if congress_current() is None:
            return self.render_to_response(self.get_context_data(congress=None))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        """ "Run the Congress matching": a run over the pledges, reviewed like any run."""
        congress = self.congress()
        try:
            run = congress_matching_start(congress=congress, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(f"{self.url('index')}?congress={congress.pk}")
        return redirect("matching_runs:detail", run.pk)

    def get_context_data(self, **kwargs):
        if "congress" in kwargs:
            return super().get_context_data(**kwargs)
        congress = self.congress()
        registrations = Registration.objects.filter(congress=congress)
        registered = registrations.filter(status=RegistrationStatus.REGISTERED)
        by_country = (
            registered.values("country")
            .annotate(
                total=Count("pk"),
                in_person=Count("pk", filter=Q(attendance="in_person")),
                checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
            )
            .order_by("-total", "country")
        )
        by_parliament = (
            registered.values("parliament__name", "parliament__chamber", "organisation")
            .annotate(total=Count("pk"))
            .order_by("-total", "parliament__name", "organisation")
        )
        invitations = congress.invitations.aggregate(
            total=Count("pk"), answered=Count("pk", filter=Q(registration__isnull=False))
        )
        return super().get_context_data(
            congress=congress,
            congresses=Congress.objects.all(),
            counters=congress_hall_counters(congress),
            cancelled=registrations.filter(status=RegistrationStatus.CANCELLED).count(),
            by_country=list(by_country),
            by_parliament=list(by_parliament[:200]),
            invitations=invitations,
            pledged_slots=sum(congress_pledged_slots(congress).values()),
            **kwargs,
        )


class InviteView(CongressAreaMixin, TemplateView):
    template_name = "congress/admin/invite.html"
    page_title = _("Invite to the Congress")

    def get_context_data(self, **kwargs):
        kwargs.setdefault(
            "form",
            InviteForm(initial={"congress": congress_current()}),
        )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        if "remind" in request.POST:
            congress = self.congress()
            reminded = congress_remind(congress=congress, by=request.user)
            messages.success(
                request,
                ngettext(
                    "%(count)s reminder written to the outbox.",
                    "%(count)s reminders written to the outbox.",
                    reminded,
                )
                % {"count": reminded},
            )
            return redirect(self.url("invite"))
        form = InviteForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        outcome = congress_invite(
            congress=data["congress"],
            by=request.user,
            all_godparents=data["all_godparents"],
            parliaments=data["parliaments"],
            guests=data["guest_list"],
        )
        messages.success(
            request,
            _(
                "Invited: %(invited)s. Already invited before: %(already)s. Godparents without "
                "an address: %(without)s."
            )
            % {
                "invited": outcome.invited,
                "already": outcome.already,
                "without": outcome.without_email,
            },
        )
        return redirect(self.url("index"))


class CheckInView(CongressAreaMixin, TemplateView):
    """At the door, from a phone: search by name, or the badge's QR code opens `token`."""

    template_name = "congress/admin/check_in.html"
    page_title = _("Check-in")

    def get_context_data(self, **kwargs):
        token = self.kwargs.get("token")
        found = None
        results: list[Registration] = []
        query = self.request.GET.get("q", "").strip()
        if token:
            found = registration_from_badge(token)
            if found is None:
                raise Http404
            congress = found.congress
        else:
            congress = self.congress()
            if query:
                results = list(
                    Registration.objects.filter(congress=congress)
                    .filter(Q(full_name__icontains=query) | Q(email__iexact=query))
                    .select_related("parliament")
                    .order_by("full_name")[:CHECK_IN_RESULTS]
                )
        return super().get_context_data(
            congress=congress, found=found, results=results, query=query, **kwargs
        )

    def post(self, request, *args, **kwargs):
        registration = Registration.objects.filter(pk=request.POST.get("registration")).first()
        if registration is None:
            raise Http404
        try:
            new = registration_check_in(registration=registration, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if new:
                messages.success(
                    request, _("%(name)s is checked in.") % {"name": registration.full_name}
                )
            else:
                messages.warning(
                    request,
                    _("%(name)s was already checked in.") % {"name": registration.full_name},
                )
        return redirect(f"{self.url('check_in')}?congress={registration.congress_id}")


class PrintView(CongressAreaMixin, View):
    """A PDF for the door: the participant list (by country, then name) or the name badges
    (eight to an A4 sheet, each with its check-in QR code). Registered people only; no
    accessibility needs, no email addresses."""

    document = "participants"

    def get(self, request, *args, **kwargs):
        congress = self.congress()
        people = list(
            Registration.objects.filter(congress=congress, status=RegistrationStatus.REGISTERED)
            .select_related("parliament")
            .order_by("country", "full_name")
        )
        for person in people:
            person.language_labels = ", ".join(
                str(LANGUAGE_NAMES.get(code, code)) for code in person.languages
            )
        if self.document == "badges":
            for person in people:
                url = request.build_absolute_uri(
                    reverse("congress_desk:check_in_badge", args=[badge_token(person)])
                )
                person.qr_svg = mark_safe(  # noqa: S308 (segno's SVG of a signed URL)
                    segno.make(url, error="m").svg_inline(scale=3, omitsize=True)
                )
        html = render_to_string(
            f"congress/admin/{self.document}_pdf.html",
            {"congress": congress, "people": people},
            request=request,
        )
        from weasyprint import HTML  # imported here: it loads pango, which only this needs

        response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="congress-{self.document}.pdf"'
        return response


class CongressDeskViewSet(PolicyAreaViewSet):
    name = "congress_desk"
    url_prefix = "congress/desk"
    icon = "calendar"
    menu_icon = "calendar"
    menu_label = DESK_TITLE
    allowed = staticmethod(can_run_congress)
    routes = {
        "index": (DeskView, ""),
        "invite": (InviteView, "invite/"),
        "check_in": (CheckInView, "check-in/"),
        "check_in_badge": (CheckInView, "check-in/<str:token>/"),
        "participants_pdf": (PrintView, "participants.pdf", {"document": "participants"}),
        "badges_pdf": (PrintView, "badges.pdf", {"document": "badges"}),
    }
