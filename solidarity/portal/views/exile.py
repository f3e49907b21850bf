"""After a release abroad: the godparent's choice (from the email's signed link) and the needs
of a person supported in exile (issue 18, docs/matching.md "After a release")."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarity.godparents.permissions import can_act_for_godparent, can_manage_godparent_profile
from solidarity.matching.exile import (
    exile_need_record,
    match_from_release_choice_token,
    match_release_choose,
    released_abroad,
)
from solidarity.matching.models import Match, MatchStatus, ReleaseChoice, Support
from solidarity.matching.selectors import exile_needs_of

from ..forms import ExileNeedForm


class ReleaseChoiceForm(forms.Form):
    choice = forms.ChoiceField(
        label=gettext_lazy("What would you like to do?"),
        choices=ReleaseChoice.choices,
        widget=forms.RadioSelect,
    )


@login_required
def release_choice(request, token: str):
    """The release email's link: the three answers; choosing is a POST (mail scanners GET)."""
    match = match_from_release_choice_token(token)
    if match is None or not can_manage_godparent_profile(request.user, match.godparent):
        raise Http404
    if not released_abroad(match.prisoner):
        raise Http404  # released inside Belarus: nothing to choose, for the person's safety
    initial = {"choice": match.release_choice or request.GET.get("choice", "")}
    form = ReleaseChoiceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = match_release_choose(
                match=match, choice=form.cleaned_data["choice"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _choice_message(outcome.match.release_choice, outcome))
            if outcome.exile_match is not None:
                return redirect("portal:exile_needs", match_id=outcome.exile_match.pk)
            return redirect("portal:dashboard")
    return render(request, "portal/release_choice.html", {"form": form, "match": match})


def _choice_message(choice: str, outcome) -> str:
    if choice == ReleaseChoice.CONTINUE and outcome.waiting_for_consent:
        return _(
            "Thank you. You will support this person in exile as soon as they agree to further "
            "contact: human rights defenders are asking them."
        )
    if choice == ReleaseChoice.CONTINUE:
        return _("Thank you: you support this person in exile. Tell us what they need below.")
    if choice == ReleaseChoice.HAND_OVER:
        return _(
            "Thank you. If the person asks for support, the organisers will propose them to a "
            "parliamentarian of the country where they live."
        )
    return _("Thank you for your support. Your place is free for the next prisoner.")


@login_required
def exile_needs(request, match_id: int):
    """The needs of a person supported in exile: read and recorded by their godparent (or the
    godparent's staff); organisers and defenders see the same list in the admin."""
    match = get_object_or_404(
        Match.objects.select_related("godparent", "prisoner"),
        pk=match_id,
        support=Support.IN_EXILE,
        status=MatchStatus.ACTIVE,
    )
    if not can_act_for_godparent(request.user, match.godparent):
        raise Http404
    form = ExileNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            exile_need_record(prisoner=match.prisoner, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The need is recorded."))
            return redirect("portal:exile_needs", match_id=match.pk)
    return render(
        request,
        "portal/exile_needs.html",
        {
            "match": match,
            "needs": exile_needs_of(prisoner=match.prisoner),
            "form": form,
        },
    )
