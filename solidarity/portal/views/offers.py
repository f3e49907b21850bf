"""Answering an offer: on the dashboard, or from the offer email's link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from solidarity.godparents.permissions import (
    can_manage_godparent_profile,
)
from solidarity.matching.models import DeclineReason, Match, MatchStatus
from solidarity.matching.services import match_accept, match_decline, match_from_offer_token

from ..selectors import offer_cards


@login_required
@require_POST
def offer_answer(request, match_id: int):
    match = get_object_or_404(Match.objects.select_related("godparent", "prisoner"), pk=match_id)
    if not can_manage_godparent_profile(request.user, match.godparent):
        raise Http404
    try:
        if request.POST.get("answer") == "accept":
            match_accept(
                match=match,
                by=request.user,
                public_statement=request.POST.get("public_statement", "").strip()[:2000],
            )
            messages.success(
                request,
                _("Thank you: %(name)s is now on your list.") % {"name": match.prisoner},
            )
        elif request.POST.get("answer") == "decline":
            choice = request.POST.get("decline_choice", "")
            match_decline(
                match=match,
                by=request.user,
                reason=request.POST.get("reason", "").strip()[:2000],
                choice=choice if choice in DeclineReason.values else "",
            )
            messages.info(request, _("You declined this offer. Thank you for telling us."))
        else:
            return HttpResponse(status=400)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("portal:dashboard")


@login_required
def offer_link(request, token: str):
    """The offer email's link: shows the offer; answering is a POST (mail scanners only GET)."""
    match = match_from_offer_token(token)
    if match is None or not can_manage_godparent_profile(request.user, match.godparent):
        raise Http404
    if match.status != MatchStatus.OFFERED:
        messages.info(request, _("This offer has already been answered."))
        return redirect("portal:dashboard")
    [offer] = offer_cards(matches=[match], locale=Locale.get_active())
    return render(
        request, "portal/offer.html", {"offer": offer, "decline_choices": DeclineReason.choices}
    )
