"""A godparent's own data: export everything the platform holds about them, or erase it.

Deletion keeps the rows that the programme's figures count (letters, actions, matches) on an
anonymised profile: a report may say "a godparent from Lithuania wrote 12 letters", never who.
"""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, FileField, Model, QuerySet
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from solidarity.accounts.models import User
from solidarity.activity.models import AdvocacyAction, Letter
from solidarity.common.uploads import delete_files_on_commit
from solidarity.congress.services import congress_forget
from solidarity.godparents.models import GodparentProfile, GodparentStaff
from solidarity.matching.models import Match
from solidarity.matching.services import match_close_all_for_godparent
from solidarity.writing.services import prepared_letters_forget

ERASED_NAME = "—"


def account_export(*, user: User) -> dict[str, object]:
    """Everything about the user, as JSON-ready data (GDPR art. 15 and 20)."""
    profile = GodparentProfile.objects.filter(user=user).select_related("parliament").first()
    data: dict[str, object] = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.preferred_language,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user)
            ],
            # Which second factors exist, never their secrets.
            "second_factors": sorted(
                Authenticator.objects.filter(user=user).values_list("type", flat=True)
            ),
        },
        "godparent_profile": _profile_data(profile) if profile else None,
        "staff_of": [
            {
                "godparent": staff.godparent.full_name,
                "invited_email": staff.invited_email,
                "accepted_at": _iso(staff.accepted_at),
                "revoked_at": _iso(staff.revoked_at),
            }
            for staff in GodparentStaff.objects.filter(user=user).select_related("godparent")
        ],
    }
    return data


def _profile_data(profile: GodparentProfile) -> dict[str, object]:
    letters = Letter.objects.filter(godparent=profile).select_related("prisoner")
    actions = AdvocacyAction.objects.filter(godparents=profile).prefetch_related("prisoners")
    # Proposals never offered are the organisers' deliberations, not something the godparent was
    # told: they may name a prisoner whose family refused publicity.
    matches = list(
        Match.objects.filter(godparent=profile, offered_at__isnull=False).select_related("prisoner")
    )
    offered_prisoners = {match.prisoner_id for match in matches}
    return {
        "full_name": profile.full_name,
        "parliament": profile.parliament_label,
        "party": profile.party,
        "political_group": profile.political_group,
        "role": profile.role,
        "official_email": profile.official_email,
        "mandate_evidence_url": profile.mandate_evidence_url,
        "mandate_ends_on": _iso(profile.mandate_ends_on),
        "languages": profile.languages,
        "capacity": profile.capacity,
        "preferred_backgrounds": [b.slug for b in profile.preferred_backgrounds.all()],
        "preferred_regions": profile.preferred_regions,
        "preferred_gender": profile.preferred_gender,
        "public_listing_consent": profile.public_listing_consent,
        "is_discreet": profile.is_discreet,
        "verification_state": profile.verification_state,
        "verification_note": profile.verification_note,
        "verified_at": _iso(profile.verified_at),
        "left_office_on": _iso(profile.left_office_on),
        "created_at": _iso(profile.created_at),
        "matches": [
            {
                "prisoner": match.prisoner.display_name,
                "status": match.status,
                "offered_at": _iso(match.offered_at),
                "answered_at": _iso(match.responded_at),
                "ended_at": _iso(match.ended_at),
                "public_statement": match.public_statement,
                "decline_choice": match.decline_choice,
                "decline_reason": match.decline_reason,
            }
            for match in matches
        ],
        "letters": [
            {
                "prisoner": letter.prisoner.display_name,
                "sent_on": _iso(letter.sent_on),
                "channel": letter.channel,
                "language": letter.language,
                "outcome": letter.outcome,
                "outcome_on": _iso(letter.outcome_on),
                "note": letter.note,
            }
            for letter in letters
        ],
        "printed_letters": [
            {
                "prisoner": prepared.prisoner.display_name,
                "printed_at": _iso(prepared.created_at),
                "format": prepared.format,
                "language": prepared.language,
                "text": prepared.body,
                "sender_name": prepared.sender_name,
                "return_address": prepared.return_address,
                "posted_on": _iso(prepared.letter.sent_on) if prepared.letter else None,
            }
            for prepared in profile.prepared_letters.select_related("prisoner", "letter")
        ],
        "actions": [
            {
                "kind": action.kind,
                "occurred_on": _iso(action.occurred_on),
                "title": action.title,
                "description": action.description,
                "evidence_url": action.evidence_url,
                # Only prisoners this godparent was offered: a shared action may also name
                # another godparent's prisoner whose family refused publicity.
                "prisoners": [
                    p.display_name
                    for p in action.prisoners.all()
                    if p.is_public or p.pk in offered_prisoners
                ],
                "public": action.is_public,
                "verification": action.verification,
            }
            for action in actions
        ],
        "staff": [
            {
                "email": staff.invited_email,
                "accepted_at": _iso(staff.accepted_at),
                "revoked_at": _iso(staff.revoked_at),
            }
            for staff in profile.staff.all()
        ],
    }


def account_delete(*, user: User) -> None:
    """Erase the person; keep anonymised counts (letters, actions, matches) for the figures.

    The profile loses every personal field but keeps its parliament (a country and an assembly
    are not personal). Letter notes and reply scans, which may quote the person, are erased.
    """
    with transaction.atomic():
        profile = GodparentProfile.objects.select_for_update().filter(user=user).first()
        # The Congress's registrations keep no name, address or needs, and name nobody.
        congress_forget(godparent=profile, email=user.email)
        if profile is not None:
            # Printed letters hold the person's own words, name and return address.
            prepared_letters_forget(godparent=profile)
            match_close_all_for_godparent(godparent=profile, by=None)
            _anonymise(profile)
            log(instance=profile, action="solidarity.account_deleted", user=None)
        user.delete()


def _anonymise(profile: GodparentProfile) -> None:
    letters = Letter.objects.filter(godparent=profile)
    _delete_files_after_commit(letters.exclude(reply_scan=""), "reply_scan")
    letters.update(note="", reply_scan="")
    _anonymise_own_actions(profile)
    Match.objects.filter(godparent=profile).update(public_statement="", decline_reason="")
    profile.staff.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    profile.staff.update(invited_email="")
    _erase_log_labels(profile)
    profile.full_name = ERASED_NAME
    for field in (
        "parliament_other",
        "party",
        "political_group",
        "role",
        "mandate_evidence_url",
        "official_email",
        "verification_note",
    ):
        setattr(profile, field, "")
    profile.languages, profile.preferred_regions, profile.preferred_gender = [], [], ""
    profile.public_listing_consent = False
    profile.mandate_ends_on = None
    profile.user = None
    profile.deleted_at = timezone.now()
    profile.save()
    profile.preferred_backgrounds.clear()


def _anonymise_own_actions(profile: GodparentProfile) -> None:
    """Actions of this godparent alone often name them ("Speech by J. Doe"): keep only the kind
    and the date. Actions shared with other godparents stay as they are (theirs too)."""
    # Counted over all godparents: filtering on the same join would count this one only.
    theirs = AdvocacyAction.objects.filter(godparents=profile).values("pk")
    own = (
        AdvocacyAction.objects.filter(pk__in=theirs)
        .annotate(godparent_count=Count("godparents"))
        .filter(godparent_count=1)
    )
    _delete_files_after_commit(own.exclude(evidence_file=""), "evidence_file")
    for action in own:
        action.title = str(action.get_kind_display())
        action.description, action.evidence_url, action.evidence_file = "", "", ""
    AdvocacyAction.objects.bulk_update(
        own, ["title", "description", "evidence_url", "evidence_file"]
    )


def _delete_files_after_commit(queryset: QuerySet[Model], field: str) -> None:
    file_field = queryset.model._meta.get_field(field)
    assert isinstance(file_field, FileField)
    delete_files_on_commit(file_field.storage, [getattr(row, field).name for row in queryset])


def _erase_log_labels(profile: GodparentProfile) -> None:
    """Audit entries keep what was done, but their labels copied the name at the time."""
    objects = {
        GodparentProfile: [profile.pk],
        Letter: list(Letter.objects.filter(godparent=profile).values_list("pk", flat=True)),
        Match: list(Match.objects.filter(godparent=profile).values_list("pk", flat=True)),
        GodparentStaff: list(profile.staff.values_list("pk", flat=True)),
        AdvocacyAction: list(
            AdvocacyAction.objects.filter(godparents=profile).values_list("pk", flat=True)
        ),
    }
    for model, pks in objects.items():
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in pks],
        ).update(label=ERASED_NAME)


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None
