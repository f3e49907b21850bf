"""The participant's pages: registration from the invitation's link, the badge, pledges, and the
hall screen. Links are signed (`services.invitation_token`, `badge_token`): an invited person
needs no account to register, and a forged or altered link is a 404."""

import hashlib

import segno
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from solidarity.common.forms import form_add_service_errors

from .forms import PledgeForm, RegistrationForm
from .models import Congress, Declaration, Registration
from .selectors import congress_hall_counters, declaration_signatories
from .services import (
    REGISTRATION_SESSION_KEY,
    badge_token,
    congress_register,
    declaration_sign,
    invitation_from_token,
    invitation_godparent,
    pledge_make,
    registration_cancel,
    registration_from_badge,
)

HALL_REFRESH_SECONDS = 15
DECLARATION_PDF_SECONDS = 60 * 60


@never_cache
def register(request, token: str):
    """The invitation's form; the same link later shows and changes the registration."""
    invitation = invitation_from_token(token)
    if invitation is None:
        raise Http404
    congress = invitation.congress
    registration = Registration.objects.filter(invitation=invitation).first()
    godparent = invitation_godparent(invitation)
    form = RegistrationForm(
        request.POST or None,
        congress=congress,
        discreet=bool(godparent and godparent.is_discreet),
        initial=RegistrationForm.initial_from(registration, invitation),
    )
    if request.method == "POST" and "cancel" in request.POST and registration is not None:
        registration_cancel(
            registration=registration,
            user=request.user if request.user.is_authenticated else None,
        )
        messages.success(request, _("Your registration is cancelled."))
        return redirect("congress:register", token=token)
    if request.method == "POST" and form.is_valid():
        try:
            registration, created = congress_register(
                invitation=invitation,
                data=form.registration_data(),
                user=request.user if request.user.is_authenticated else None,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("You are registered. We have sent you a confirmation with your badge.")
                if created
                else _("Your registration is updated."),
            )
            request.session[REGISTRATION_SESSION_KEY] = registration.pk
            return redirect("congress:register", token=token)
    return render(
        request,
        "congress/register.html",
        {
            "congress": congress,
            "invitation": invitation,
            "registration": registration,
            "form": form,
            "closed": registration is None and not congress.registration_open,
            "token": token,
            "badge_path": reverse("congress:badge", args=[badge_token(registration)])
            if registration
            else "",
            "signup_url": _signup_url(invitation, registration),
        },
    )


def _signup_url(invitation, registration) -> str:
    """Not yet a godparent: the sign-up, with the address given; the profile step is then
    prefilled from the registration (portal, `REGISTRATION_SESSION_KEY`)."""
    if registration is None or registration.godparent_id is not None:
        return ""
    return f"{reverse('account_signup')}?{urlencode({'email': invitation.email})}"


@never_cache
def badge(request, token: str):
    """The badge shown at the door from a phone: the name and a QR code for the check-in."""
    registration = registration_from_badge(token)
    if registration is None or registration.is_cancelled:
        raise Http404
    check_in_url = request.build_absolute_uri(reverse("congress_desk:check_in_badge", args=[token]))
    qr = segno.make(check_in_url, error="m")
    return render(
        request,
        "congress/badge.html",
        {
            "registration": registration,
            "congress": registration.congress,
            # segno writes a self-contained SVG with no script; nothing in it comes from input
            # other than the signed URL, which it encodes as modules, not text.
            "qr_svg": mark_safe(  # noqa: S308
                qr.svg_inline(scale=6, title=_("Check-in code"), omitsize=True)
            ),
        },
    )


@never_cache
def pledge(request, token: str):
    """The participant pledges from the phone, during the Congress (the invitation's link)."""
    invitation = invitation_from_token(token)
    if invitation is None:
        raise Http404
    registration = Registration.objects.filter(invitation=invitation).first()
    if registration is None:
        return redirect("congress:register", token=token)
    current = getattr(registration, "pledge", None)
    form = PledgeForm(
        request.POST or None, initial={"prisoners": current.prisoners if current else 1}
    )
    if request.method == "POST" and form.is_valid():
        try:
            pledge_make(
                registration=registration,
                prisoners=form.cleaned_data["prisoners"],
                user=request.user if request.user.is_authenticated else None,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your pledge is counted."))
            return redirect("congress:pledge", token=token)
    return render(
        request,
        "congress/pledge.html",
        {
            "congress": registration.congress,
            "registration": registration,
            "pledge": current,
            "form": form,
            "token": token,
            "signup_url": _signup_url(invitation, registration),
        },
    )


@never_cache
def hall(request, congress_id: int):
    """The hall screen: large counters that refresh themselves (a meta refresh, no script)."""
    congress = get_object_or_404(Congress, pk=congress_id)
    return render(
        request,
        "congress/hall.html",
        {
            "congress": congress,
            "counters": congress_hall_counters(congress),
            "refresh": HALL_REFRESH_SECONDS,
        },
    )


@never_cache
def declaration(request, token: str):
    """The declaration from the invitation's link: read it in one's language, sign it (a POST;
    twice is once)."""
    invitation = invitation_from_token(token)
    if invitation is None:
        raise Http404
    text = Declaration.objects.filter(congress_id=invitation.congress_id).first()
    if text is None:
        raise Http404
    registration = Registration.objects.filter(invitation=invitation).first()
    if registration is None:
        return redirect("congress:register", token=token)
    if request.method == "POST":
        try:
            declaration_sign(
                registration=registration,
                user=request.user if request.user.is_authenticated else None,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you: you signed the declaration."))
        return redirect("congress:declaration", token=token)
    signed = text.signatures.filter(registration=registration).first()
    return render(
        request,
        "congress/declaration.html",
        {
            "declaration": text,
            "text": text.text_in(get_language() or ""),
            "congress": invitation.congress,
            "registration": registration,
            "signed": signed,
        },
    )


def declaration_pdf(request, congress_id: int):
    """The declaration with its named signatories, as a PDF: public facts only. Made once per
    state of the list and language (a render costs a second of WeasyPrint; anyone may ask)."""
    text = get_object_or_404(Declaration, congress_id=congress_id)
    if not text.is_public:
        raise Http404
    language = get_language() or ""
    signatories = declaration_signatories(text)
    key = (
        "declaration-pdf:"
        + hashlib.sha256(
            repr((text.pk, text.updated_at, language, signatories)).encode()
        ).hexdigest()
    )
    pdf = cache.get(key)
    if pdf is None:
        html = render_to_string(
            "congress/declaration_pdf.html",
            {
                "declaration": text,
                "text": text.text_in(language),
                "congress": text.congress,
                "signatories": signatories,
            },
            request=request,
        )
        from weasyprint import HTML  # imported here: it loads pango, which only this needs

        pdf = HTML(string=html).write_pdf()
        cache.set(key, pdf, DECLARATION_PDF_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="declaration.pdf"'
    return response
