"""Writing a letter and acting on a case: the composer's rules (docs/letters.md).

A letter is composed from vetted phrases and a little of the writer's own text, checked against
the defenders' censor list, then printed: printing records a `PreparedLetter`; "I posted it"
records the `activity.Letter` that every count reads, addressed where the printed envelope was.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from solidarity.accounts.models import User
from solidarity.activity.models import AdvocacyAction, Letter, LetterChannel
from solidarity.activity.services import action_log, letter_log
from solidarity.godparents.models import GodparentProfile
from solidarity.matching.models import Match, MatchStatus

from . import censor
from .models import (
    LETTER_LANGUAGES,
    LetterFormat,
    PhraseTopic,
    PreparedLetter,
    TemplateUse,
    printed_text,
)
from .selectors import (
    addressee,
    censor_rules,
    letter_check,
    phrase_options,
    toolkit_template,
)

# Short letters pass the censor more often; a postcard has room for a few lines only.
FREE_TEXT_MAX = 600
POSTCARD_MAX = 450

NOT_DELIVERABLE_ERROR = _("Letters cannot reach this person now.")
EMPTY_ERROR = _("Choose at least one phrase or write a few words.")
FLAGS_ERROR = _(
    "Some words may stop the letter at the censor (see below). Change them, or tick the box "
    "to print it as it is."
)
POSTCARD_TOO_LONG = _(
    "A postcard has room for about %(max)d characters; this text has %(count)d. Choose fewer "
    "phrases, or print a letter."
)
UNKNOWN_PHRASE_ERROR = _("A phrase you chose is no longer offered: choose again.")
NO_CYRILLIC_NAME_ERROR = _(
    "The defenders' list gives no Cyrillic name for this person, and a letter needs one: "
    "please tell the organisers."
)
SENDER_ERROR = _("Write your name in Cyrillic letters, as the person will read it.")
ADDRESS_CHANGED_ERROR = _(
    "The address changed after you printed this letter: the person was moved or released. "
    "Print it again for the new address; if it is already in the post, confirm that you "
    "posted it to the old address."
)
TOOLKIT_DISCREET_ERROR = _(
    "The family of this person refused publicity: only discreet texts can be used."
)

# Where in the letter each topic goes: greeting first, closing last, the writer's words before
# the encouragement, and birthday wishes right after the greeting on a birthday card.
_ORDER = [
    PhraseTopic.GREETING,
    PhraseTopic.BIRTHDAY,
    PhraseTopic.ABOUT_ME,
    PhraseTopic.MY_TOWN,
    PhraseTopic.SEASONS,
    PhraseTopic.BOOKS_FILMS,
    PhraseTopic.ANIMALS,
    "free_text",
    PhraseTopic.ENCOURAGEMENT,
    PhraseTopic.CLOSING,
]


@dataclass(frozen=True)
class Draft:
    """A letter as composed, before it is printed: its text and what the check found in it."""

    match: Match
    format: str
    language: str
    phrase_keys: list[str]
    free_text: str
    sender_name: str
    return_address: str
    body: str
    flags: list[censor.Flag]

    @property
    def printed_text(self) -> str:
        """What the paper says: the text, then the signature unless the closing has it."""
        return printed_text(self.body, self.sender_name)

    @property
    def flags_digest(self) -> str:
        """What the writer saw flagged: printing as it is accepts these flags, not others."""
        return flags_digest(self.flags)


def flags_digest(flags: list[censor.Flag]) -> str:
    seen = "\n".join(f"{flag.start}:{flag.end}:{flag.text}" for flag in flags)
    return hashlib.sha256(seen.encode()).hexdigest()[:16]


def letter_compose(
    *,
    match: Match,
    format: str,
    language: str,
    phrase_keys: list[str],
    free_text: str,
    sender_name: str,
    return_address: str = "",
    ui_language: str = "en",
) -> Draft:
    """The letter's text from the chosen phrases and the writer's words, and its check.

    Raises ValidationError for what cannot be printed at all (no phrase and no text, a phrase
    that no longer exists, a postcard too long); the censor's flags are returned, not raised:
    the writer decides.
    """
    if language not in dict(LETTER_LANGUAGES):
        raise ValidationError({"language": _("Choose Russian or Belarusian.")})
    if format not in LetterFormat.values:
        raise ValidationError({"format": _("Choose a format.")})
    free_text = free_text.strip()
    if len(free_text) > FREE_TEXT_MAX:
        raise ValidationError(
            {
                "free_text": _("Keep your own words under %(max)d characters.")
                % {"max": FREE_TEXT_MAX}
            }
        )
    sender_name = " ".join(sender_name.split())
    if not sender_name:
        raise ValidationError({"sender_name": SENDER_ERROR})
    if not match.prisoner.cyrillic_name:
        raise ValidationError(NO_CYRILLIC_NAME_ERROR)
    options = {
        option.key: option
        for topic_options in phrase_options(letter_language=language, language=ui_language).values()
        for option in topic_options
    }
    if any(key not in options for key in phrase_keys):
        raise ValidationError({"phrases": UNKNOWN_PHRASE_ERROR})
    if not phrase_keys and not free_text:
        raise ValidationError(EMPTY_ERROR)
    values = {
        "addressee": addressee(match.prisoner, letter_language=language),
        "sender": sender_name,
    }
    chosen: dict[str, list[str]] = {}
    for key in phrase_keys:
        option = options[key]
        chosen.setdefault(option.topic, []).append(_fill(option.letter_text, values))
    if free_text:
        chosen["free_text"] = [free_text]
    paragraphs = []
    for topic in _ORDER:
        texts = chosen.get(topic, [])
        if not texts:
            continue
        # Closing lines stand on their own lines ("С теплом," / "Анна"); the rest run on.
        paragraphs.append("\n".join(texts) if topic == PhraseTopic.CLOSING else " ".join(texts))
    body = "\n\n".join(paragraphs)
    printed = printed_text(body, sender_name)
    if format != LetterFormat.LETTER and len(printed) > POSTCARD_MAX:
        raise ValidationError(POSTCARD_TOO_LONG % {"max": POSTCARD_MAX, "count": len(printed)})
    flags = letter_check(printed, rules=censor_rules(language=ui_language))
    return Draft(
        match=match,
        format=format,
        language=language,
        phrase_keys=list(phrase_keys),
        free_text=free_text,
        sender_name=sender_name,
        return_address=return_address.strip(),
        body=body,
        flags=flags,
    )


def _fill(text: str, values: dict[str, str]) -> str:
    """A phrase with the names in; a phrase saved with odd braces is used as written."""
    try:
        return text.format_map(values)
    except (ValueError, KeyError, IndexError):
        return text


def letter_prepare(
    *,
    draft: Draft,
    by: User,
    accepted_flags: str = "",
    replaces: PreparedLetter | None = None,
) -> PreparedLetter:
    """Print the letter: record it as prepared, with the envelope it is printed for.

    Refused while letters cannot reach the person, and while the check found words to change
    that the writer did not accept as they saw them (`accepted_flags` is the `flags_digest` of
    the check they read: text changed since, with new flags, needs a new look). A print made
    again (a new address) `replaces` the unposted one it was made from: that one is discarded
    in the same transaction.
    """
    if draft.flags and accepted_flags != draft.flags_digest:
        raise ValidationError(FLAGS_ERROR)
    with transaction.atomic():
        match = Match.objects.select_related("prisoner__facility").get(pk=draft.match.pk)
        prisoner = match.prisoner
        if match.status != MatchStatus.ACTIVE:
            raise ValidationError(_("You can write only to prisoners you currently support."))
        if not prisoner.letters_deliverable:
            raise ValidationError(prisoner.letters_notice or NOT_DELIVERABLE_ERROR)
        prepared = PreparedLetter(
            godparent_id=match.godparent_id,
            prisoner=prisoner,
            match=match,
            facility=prisoner.facility,
            envelope="\n".join(prisoner.envelope_lines),
            format=draft.format,
            language=draft.language,
            phrases=draft.phrase_keys,
            free_text=draft.free_text,
            body=draft.body,
            sender_name=draft.sender_name,
            return_address=draft.return_address,
            kept_flags=[flag.text for flag in draft.flags],
            prepared_by=by,
        )
        prepared.full_clean()
        prepared.save()
        log(instance=prepared, action="wagtail.create", user=by)
        if replaces is not None and replaces.match_id == match.pk:
            old = PreparedLetter.objects.select_for_update().filter(
                pk=replaces.pk, letter__isnull=True
            )
            for row in old:
                log(instance=row, action="wagtail.delete", user=by)
                row.delete()
    return prepared


def letter_mark_posted(
    *,
    prepared: PreparedLetter,
    by: User,
    posted_on: datetime.date,
    to_old_address: bool = False,
) -> Letter:
    """ "I posted it": the letter is sent, addressed where the printed envelope said.

    Twice is once (a double tap returns the same letter). If the person's envelope changed since
    printing (a transfer, a release), the writer is warned first: a letter to a pre-trial
    facility stays there after a transfer, so a new print is usually better.
    """
    with transaction.atomic():
        prepared = (
            PreparedLetter.objects.select_for_update(of=("self",))
            .select_related("prisoner__facility", "match__prisoner")
            .get(pk=prepared.pk)
        )
        if prepared.letter_id is not None:
            return Letter.objects.get(pk=prepared.letter_id)
        if posted_on < timezone.localdate(prepared.created_at):
            raise ValidationError({"posted_on": _("This is before you printed the letter.")})
        if prepared.address_changed and not to_old_address:
            raise ValidationError(ADDRESS_CHANGED_ERROR)
        if prepared.match is None:
            raise ValidationError(_("You can log letters only to prisoners you currently support."))
        letter = letter_log(
            match=prepared.match,
            logged_by=by,
            sent_on=posted_on,
            channel=LetterChannel.POST,
            language=prepared.language,
            facility_id=prepared.facility_id,
        )
        prepared.letter = letter
        prepared.save(update_fields=["letter", "updated_at"])
    return letter


def prepared_letter_discard(*, prepared: PreparedLetter, by: User) -> None:
    """A print the writer will not post: removed (a posted one stays, it is the record)."""
    with transaction.atomic():
        prepared = PreparedLetter.objects.select_for_update().get(pk=prepared.pk)
        if prepared.letter_id is not None:
            raise ValidationError(_("This letter was posted: it stays in your letters."))
        log(instance=prepared, action="wagtail.delete", user=by)
        prepared.delete()


def prepared_letters_forget(*, godparent: GodparentProfile) -> int:
    """Account deletion: the texts, names and return addresses go; the letters posted remain
    as anonymised `Letter` rows (portal.services.account_delete)."""
    deleted, _per_model = PreparedLetter.objects.filter(godparent=godparent).delete()
    return deleted


def toolkit_action_log(
    *,
    match: Match,
    key: str,
    by: User,
    language: str,
    occurred_on: datetime.date | None = None,
) -> AdvocacyAction:
    """ "Log this action" under a toolkit text: an action of the template's kind, public only
    when both the template and the person's publicity allow it, waiting for verification."""
    template = toolkit_template(key=key, language=language)
    prisoner = match.prisoner
    if template is None or not prisoner.is_detained:
        raise ValidationError(_("This text is no longer offered."))
    if not prisoner.is_public and template.use != TemplateUse.DISCREET:
        raise ValidationError(TOOLKIT_DISCREET_ERROR)
    return action_log(
        godparent=match.godparent,
        logged_by=by,
        prisoners=[prisoner],
        kind=template.action_kind,
        occurred_on=occurred_on or timezone.localdate(),
        title=f"{template.title}: {prisoner.display_name}"[:255],
        description="",
        evidence_url="",
        is_public=prisoner.is_public and template.use == TemplateUse.PUBLIC,
    )
