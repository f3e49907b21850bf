"""The letter composer, print-ready letters, "I posted it", and the advocacy toolkit.

Godparents and their staff, on a phone: the rules are in `solidarity.writing.services`; these
views parse, ask who may act for whom (`godparents.permissions`), and answer 404 otherwise.
"""

import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from solidarity.common.forms import form_add_service_errors
from solidarity.common.idempotency import SubmissionGuard, SubmissionReplayed
from solidarity.godparents.permissions import can_act_for_godparent
from solidarity.matching.models import Match, MatchStatus
from solidarity.writing.documents import prepared_letter_pdf
from solidarity.writing.models import PhraseTopic, PreparedLetter
from solidarity.writing.selectors import (
    PhraseOption,
    addressee,
    compose_presets,
    delivery_expectation,
    phrase_options,
    toolkit_templates,
    unposted_print,
)
from solidarity.writing.services import (
    letter_compose,
    letter_mark_posted,
    letter_prepare,
    prepared_letter_discard,
    toolkit_action_log,
)

from ..forms import ComposeForm, PostedForm
from .dashboard import back_to_dashboard
from .letters import match_for


def _active_match(request, match_id: int) -> Match:
    """A godparenthood the user acts for, while it is active (404 otherwise)."""
    match = match_for(request, match_id)
    if match.status != MatchStatus.ACTIVE:
        raise Http404
    return match


def _own_prepared(request, prepared_id: int) -> PreparedLetter:
    prepared = (
        PreparedLetter.objects.select_related("godparent", "prisoner__facility", "match", "letter")
        .filter(pk=prepared_id)
        .first()
    )
    if prepared is None or not can_act_for_godparent(request.user, prepared.godparent):
        raise Http404
    return prepared


def _ui_language() -> str:
    return (get_language() or "en")[:2]


def _compose_initial(match: Match, request) -> dict:
    again = unposted_print(match=match, pk=request.GET.get("again", ""))
    return compose_presets(match=match, requested_format=request.GET.get("format", ""), again=again)


@login_required
@never_cache
def letter_compose_view(request, match_id: int):
    """Compose, check, print. "Check" only shows the result; "Print" records the letter as
    prepared (once per rendered form) and opens its page with the PDF."""
    match = _active_match(request, match_id)
    prisoner = match.prisoner
    guard = SubmissionGuard(request, form="compose")
    if replay := guard.replay():
        return replay
    language = _ui_language()
    letter_language = request.POST.get("language") or _compose_initial(match, request)["language"]
    if letter_language not in ("ru", "be"):
        letter_language = "ru"
    options = phrase_options(letter_language=letter_language, language=language)
    keys = [option.key for topic in options.values() for option in topic]
    form = ComposeForm(
        request.POST or None,
        phrase_keys=keys,
        initial=_compose_initial(match, request) if request.method == "GET" else None,
    )
    for name in ("free_text", "sender_name"):  # read aloud in the letter's language
        form.fields[name].widget.attrs["lang"] = letter_language
    draft = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            draft = letter_compose(
                match=match,
                format=data["format"],
                language=data["language"],
                phrase_keys=data["phrases"],
                free_text=data["free_text"],
                sender_name=data["sender_name"],
                return_address=data["return_address"],
                ui_language=language,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        if draft is not None and "print" in request.POST and guard.check(form):
            try:
                with guard.once() as once:
                    prepared = letter_prepare(
                        draft=draft,
                        by=request.user,
                        accepted_flags=data["keep_flagged"],
                        replaces=unposted_print(match=match, pk=data["replaces"] or ""),
                    )
                    response = once.answer(
                        redirect("portal:prepared_letter", prepared_id=prepared.pk)
                    )
            except SubmissionReplayed:
                return guard.replayed()
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Your letter is ready: download it, print it and post it.")
                )
                return response
    chosen = set(form["phrases"].value() or [])
    names = _shown_names(match, form)
    topics = []
    for topic, label in PhraseTopic.choices:
        offered = [
            (_named(option, names), option.key in chosen) for option in options.get(topic, [])
        ]
        if offered:
            topics.append((topic, label, offered, sum(checked for _option, checked in offered)))
    return render(
        request,
        "portal/letter_compose.html",
        {
            "form": form,
            "match": match,
            "prisoner": prisoner,
            "topics": topics,
            "draft": draft,
            "preview": _marked(draft) if draft else [],
            "delivery": delivery_expectation(prisoner=prisoner, today=timezone.localdate()),
            "back_url": back_to_dashboard(request, match.godparent).url,
            **guard.context(),
        },
    )


def _shown_names(match: Match, form: ComposeForm) -> dict[str, dict[str, str]]:
    """The names the phrases are shown with, per language: the person's as each letter
    language greets them, the writer's as typed (or as suggested)."""
    sender = (form["sender_name"].value() or "").strip() or "…"
    ru = addressee(match.prisoner, letter_language="ru")
    be = addressee(match.prisoner, letter_language="be")
    return {
        "ru": {"addressee": ru, "sender": sender},
        "be": {"addressee": be, "sender": sender},
        "meaning": {"addressee": ru, "sender": sender},
    }


def _named(option: PhraseOption, names: dict[str, dict[str, str]]) -> PhraseOption:
    def fill(text: str, values: dict[str, str]) -> str:
        try:
            return text.format_map(values)
        except (ValueError, KeyError, IndexError):
            return text

    return dataclasses.replace(
        option,
        meaning=fill(option.meaning, names["meaning"]),
        ru=fill(option.ru, names["ru"]),
        be=fill(option.be, names["be"]),
    )


def _marked(draft) -> list[tuple[str, object]]:
    """The letter as pieces of text, each flagged piece with its flag (rendered as <mark>)."""
    text = draft.printed_text
    pieces: list[tuple[str, object]] = []
    at = 0
    for flag in draft.flags:
        if flag.start < at:
            continue
        pieces.append((text[at : flag.start], None))
        pieces.append((text[flag.start : flag.end], flag))
        at = flag.end
    pieces.append((text[at:], None))
    return [piece for piece in pieces if piece[0]]


@login_required
@never_cache
def prepared_letter(request, prepared_id: int):
    """A printed letter: the PDF, the envelope, and "I posted it" (with a warning after a
    transfer)."""
    prepared = _own_prepared(request, prepared_id)
    form = PostedForm(request.POST or None)
    guard = SubmissionGuard(request, form="posted")
    if replay := guard.replay():
        return replay
    if request.method == "POST" and form.is_valid() and guard.check(form):
        try:
            with guard.once() as once:
                letter_mark_posted(
                    prepared=prepared,
                    by=request.user,
                    posted_on=form.cleaned_data["posted_on"],
                    to_old_address=form.cleaned_data["to_old_address"],
                )
                response = once.answer(back_to_dashboard(request, prepared.godparent))
        except SubmissionReplayed:
            return guard.replayed()
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you: the letter is logged as sent. When an answer comes, or the "
                    "letter comes back, say so in your letters."
                ),
            )
            return response
    return render(
        request,
        "portal/prepared_letter.html",
        {
            "prepared": prepared,
            "form": form,
            "back_url": back_to_dashboard(request, prepared.godparent).url,
            "match_active": prepared.is_active,
            "compose_url": reverse("portal:letter_compose", args=[prepared.match_id])
            + f"?again={prepared.pk}"
            if prepared.is_active
            else "",
            **guard.context(),
        },
    )


@login_required
@never_cache
def prepared_letter_file(request, prepared_id: int):
    """The PDF, made from the stored text each time (nothing is kept on disk)."""
    prepared = _own_prepared(request, prepared_id)
    pdf = prepared_letter_pdf(prepared, language=_ui_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"letter-{prepared.created_at:%Y-%m-%d}-{prepared.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def prepared_letter_remove(request, prepared_id: int):
    prepared = _own_prepared(request, prepared_id)
    try:
        prepared_letter_discard(prepared=prepared, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("portal:prepared_letter", prepared_id=prepared.pk)
    messages.success(request, _("The printed letter was discarded."))
    return back_to_dashboard(request, prepared.godparent)


@login_required
@never_cache
def toolkit(request, match_id: int):
    """Case texts with the record's facts, each with "log this action" (a form and a token
    each, so that logging one is not a replay of another)."""
    match = _active_match(request, match_id)
    prisoner = match.prisoner
    if request.method == "POST":
        guard = SubmissionGuard(request, form="toolkit")
        if replay := guard.replay():
            return replay
        if guard.error is not None:
            messages.error(request, guard.error)
            return redirect("portal:toolkit", match_id=match.pk)
        try:
            with guard.once() as once:
                toolkit_action_log(
                    match=match,
                    key=request.POST.get("template", ""),
                    by=request.user,
                    language=_ui_language(),
                )
                response = once.answer(redirect("portal:toolkit", match_id=match.pk))
        except SubmissionReplayed:
            return guard.replayed()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("portal:toolkit", match_id=match.pk)
        messages.success(
            request, _("Action logged. An organiser will verify it before it is counted.")
        )
        return response
    templates = toolkit_templates(
        prisoner=prisoner,
        godparent=match.godparent,
        language=_ui_language(),
        today=timezone.localdate(),
    )
    return render(
        request,
        "portal/toolkit.html",
        {
            "match": match,
            "prisoner": prisoner,
            "templates": [
                (template, SubmissionGuard(request, form="toolkit").token) for template in templates
            ],
            "back_url": back_to_dashboard(request, match.godparent).url,
        },
    )
