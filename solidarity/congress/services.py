"""What organisers and participants do for the Congress: invite, register, check in, pledge.

Every write is one transaction and idempotent: inviting a list twice invites each address once,
a registration sent twice is one registration (the second updates it), a second scan of the same
badge checks nobody in twice, a second pledge replaces the first.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from solidarity.accounts.models import User
from solidarity.godparents.models import GodparentProfile, Parliament, VerificationState
from solidarity.matching.models import Match, MatchingRun, MatchStatus
from solidarity.matching.runs import matching_run_start
from solidarity.notifications.services import OutgoingEmail, email_enqueue_many, email_language

from .models import (
    Congress,
    Declaration,
    Invitation,
    InvitationKind,
    Pledge,
    Registration,
    RegistrationStatus,
    Signature,
)

INVITATION_SALT = "solidarity.congress.invitation"
INVITATION_MAX_AGE = 60 * 60 * 24 * 365  # the link works until well after the Congress
BADGE_SALT = "solidarity.congress.badge"
REMIND_AFTER = datetime.timedelta(days=7)
REGISTRATION_SESSION_KEY = "congress_registration"  # the godparent sign-up after it reads it
MAX_GUESTS = 2000  # one pasted list; more is a mistake, not a guest list

INVITED_ACTION = "solidarity.congress_invited"
REGISTERED_ACTION = "solidarity.congress_registered"
CHECKED_IN_ACTION = "solidarity.congress_checked_in"
PLEDGED_ACTION = "solidarity.congress_pledged"
CANCELLED_ACTION = "solidarity.congress_cancelled"
ERASED = _("Erased participant")

REGISTRATION_CLOSED = _("Registration for this Congress is closed.")
PLEDGES_CLOSED = _("Pledges open during the Congress.")
CANCELLED_ERROR = _("This registration was cancelled.")
PLEDGE_RANGE = _("Pledge between one and ten prisoners.")
LANGUAGE_NOT_OFFERED = _("Choose among the languages of interpretation offered.")

_GUEST_LINE = re.compile(r"^\s*(?:(?P<name>[^<>]*?)\s*<(?P<bracketed>[^<>]+)>|(?P<bare>\S+))\s*$")


@dataclass(frozen=True)
class Guest:
    email: str
    name: str = ""


@dataclass
class GuestList:
    """A pasted list read line by line: the guests, and the lines that are not an address."""

    guests: list[Guest] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, the line)
    duplicates: int = 0


def guest_list_parse(text: str) -> GuestList:
    """Read "Name <email>", "email", or "email, Name"/"email; Name" lines (as spreadsheets paste
    them). Blank lines are skipped; a repeated address counts once."""
    parsed = GuestList()
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, email = "", ""
        parts = re.split(r"[,;\t]", line, maxsplit=1)
        if len(parts) == 2 and "@" in parts[0] and "<" not in line:
            email, name = parts[0].strip(), parts[1].strip()
        elif match := _GUEST_LINE.match(line):
            email = (match["bracketed"] or match["bare"] or "").strip()
            name = (match["name"] or "").strip().strip('"')
        try:
            validate_email(email)
        except ValidationError:
            parsed.errors.append((number, line.strip()[:200]))
            continue
        if email.lower() in seen:
            parsed.duplicates += 1
            continue
        seen.add(email.lower())
        parsed.guests.append(Guest(email=email, name=name[:200]))
    return parsed


@dataclass(frozen=True)
class InviteOutcome:
    invited: int  # new invitations, each emailed
    already: int  # addresses invited before: not emailed again (a reminder does that)
    without_email: int  # godparents with no address to write to


def _address_digest(email: str) -> str:
    """The address in the token, not readable: a signed token is only base64 (it would show
    the address in every URL, log line and browser history), and a digest still voids the
    link once the invitation's address changes."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:16]


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(
        {"i": invitation.pk, "a": _address_digest(invitation.email)}, salt=INVITATION_SALT
    )


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link names, or None: forged, expired, or for an address since changed."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    invitation = (
        Invitation.objects.select_related("congress", "godparent", "parliament")
        .filter(pk=data.get("i"))
        .first()
    )
    if invitation is None or _address_digest(invitation.email) != data.get("a"):
        return None
    return invitation


def godparent_by_address(email: str) -> GodparentProfile | None:
    """The (not erased) godparent whose account or official address this is: a guest list may
    hold a godparent's address, and a discreet godparent must be known as one wherever they
    were invited from."""
    if not email:
        return None
    return (
        GodparentProfile.objects.filter(deleted_at__isnull=True)
        .filter(Q(user__email__iexact=email) | Q(official_email__iexact=email))
        .select_related("parliament")
        .order_by("pk")
        .first()
    )


def invitation_godparent(invitation: Invitation) -> GodparentProfile | None:
    """Who the invited person is among godparents, if anyone: the invitation's godparent, else
    the godparent with the invited address."""
    if invitation.godparent_id and invitation.godparent and not invitation.godparent.deleted_at:
        return invitation.godparent
    return godparent_by_address(invitation.email)


def badge_token(registration: Registration) -> str:
    """What the badge's QR code carries: a signed registration, the same every time (no
    timestamp: a badge printed early still scans at the door, and the code does not change
    between the email and the page)."""
    return signing.Signer(salt=BADGE_SALT).sign_object({"r": registration.pk}, compress=True)


def registration_from_badge(token: str) -> Registration | None:
    try:
        data = signing.Signer(salt=BADGE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    return Registration.objects.select_related("congress").filter(pk=data.get("r")).first()


def congress_invite(
    *,
    congress: Congress,
    by: User | None,
    all_godparents: bool = False,
    godparents: Iterable[GodparentProfile] = (),
    parliaments: Iterable[Parliament] = (),
    guests: Sequence[Guest] = (),
) -> InviteOutcome:
    """Invite godparents, the verified godparents of `parliaments`, and guests by address.

    An address already invited to this Congress is not invited again (case-insensitive), so an
    organiser may invite "all verified godparents" after inviting two parliaments. One
    transaction; the emails leave after the commit, each in its recipient's language.
    """
    wanted: dict[str, Invitation] = {}
    without_email = 0
    chosen = GodparentProfile.objects.filter(
        verification_state=VerificationState.VERIFIED, deleted_at__isnull=True
    ).select_related("user", "parliament")
    if not all_godparents:
        chosen = chosen.filter(
            Q(pk__in=[godparent.pk for godparent in godparents])
            | Q(parliament__in=[parliament.pk for parliament in parliaments])
        )
    for godparent in chosen:
        email = (godparent.user.email if godparent.user else "") or godparent.official_email
        if not email:
            without_email += 1
            continue
        wanted.setdefault(
            email.lower(),
            Invitation(
                congress=congress,
                email=email,
                name=godparent.full_name,
                kind=InvitationKind.GODPARENT,
                godparent=godparent,
                parliament=godparent.parliament,
                language=godparent.language,
                invited_by=by,
            ),
        )
    for guest in guests:
        known = godparent_by_address(guest.email)  # a godparent's address in the guest list
        wanted.setdefault(
            guest.email.lower(),
            Invitation(
                congress=congress,
                email=guest.email,
                name=guest.name or (known.full_name if known else ""),
                kind=InvitationKind.GUEST,
                godparent=known,
                parliament=known.parliament if known else None,
                language=known.language if known else "",
                invited_by=by,
            ),
        )
    with transaction.atomic():
        Congress.objects.select_for_update().get(pk=congress.pk)  # two organisers at once
        existing = {
            email.lower()
            for email in Invitation.objects.filter(congress=congress).values_list(
                "email", flat=True
            )
        }
        new = [invitation for key, invitation in wanted.items() if key not in existing]
        for invitation in new:
            invitation.full_clean(exclude=["congress", "godparent", "parliament", "invited_by"])
        created = Invitation.objects.bulk_create(new)
        email_enqueue_many([_invitation_email(invitation) for invitation in created])
        if created:
            log(
                instance=congress,
                action=INVITED_ACTION,
                user=by,
                data={"invited": len(created)},
            )
    return InviteOutcome(
        invited=len(created), already=len(wanted) - len(created), without_email=without_email
    )


def congress_remind(
    *, congress: Congress, by: User | None, now: datetime.datetime | None = None
) -> int:
    """Remind every invitation without a registration that was not reminded in the last week
    (nor sent in it). How many reminders were written."""
    now = now or timezone.now()
    if not congress.registration_open or congress.ends_on < timezone.localdate(now):
        return 0  # nobody is asked to register for a closed or past Congress
    with transaction.atomic():
        due = list(
            Invitation.objects.select_for_update(of=("self",))
            .filter(
                congress=congress, registration__isnull=True, created_at__lte=now - REMIND_AFTER
            )
            .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMIND_AFTER))
            .select_related("congress")
        )
        for invitation in due:
            invitation.reminded_at = now
        Invitation.objects.bulk_update(due, ["reminded_at"])
        email_enqueue_many(
            [_invitation_email(invitation, reminder=now.date()) for invitation in due]
        )
    return len(due)


def _invitation_email(
    invitation: Invitation, *, reminder: datetime.date | None = None
) -> OutgoingEmail:
    language = email_language(invitation.language)
    congress = invitation.congress
    with translation.override(language):
        context = {
            "name": invitation.name,
            "congress": congress.title,
            "starts_on": congress.starts_on,
            "ends_on": congress.ends_on,
            "place": congress.place,
            "online": congress.online,
            "reminder": reminder is not None,
            "register_path": reverse("congress:register", args=[invitation_token(invitation)]),
        }
    suffix = f"-reminder-{reminder.isoformat()}" if reminder else ""
    return OutgoingEmail(
        template="congress_invitation",
        to=[invitation.email],
        context=context,
        language=language,
        key=f"congress-invitation-{invitation.pk}{suffix}",
    )


@dataclass(frozen=True)
class RegistrationData:
    """What the form asks (the invitation gives the congress and the address)."""

    full_name: str
    attendance: str
    country: str = ""
    parliament: Parliament | None = None
    organisation: str = ""
    delegation: str = ""
    languages: tuple[str, ...] = ()
    accessibility_needs: str = ""
    listed: bool = False


def congress_register(
    *, invitation: Invitation, data: RegistrationData, user: User | None
) -> tuple[Registration, bool]:
    """Register the invited person, or update their registration (a second submission, a change
    of mind from online to in person). Returns the registration and whether it is new; the
    confirmation (with the badge's QR code) is emailed once, for a new registration."""
    congress = invitation.congress
    unknown = set(data.languages) - set(congress.languages)
    if unknown:
        raise ValidationError({"languages": LANGUAGE_NOT_OFFERED})
    with transaction.atomic():
        # The invitation is the lock: the same form sent twice at once waits here.
        Invitation.objects.select_for_update().get(pk=invitation.pk)
        congress = Congress.objects.get(pk=congress.pk)
        registration = (
            Registration.objects.select_for_update().filter(invitation=invitation).first()
        )
        created = registration is None
        coming_back = registration is not None and registration.is_cancelled
        if (created or coming_back) and not congress.registration_open:
            raise ValidationError(REGISTRATION_CLOSED)
        if created:
            registration = Registration(
                congress=congress, invitation=invitation, email=invitation.email
            )
        assert registration is not None
        godparent = invitation_godparent(invitation) or _own_godparent(user, invitation)
        registration.godparent = godparent
        registration.full_name = data.full_name.strip()
        registration.attendance = data.attendance
        registration.parliament = data.parliament or (godparent.parliament if godparent else None)
        registration.organisation = data.organisation.strip()
        registration.country = data.country or (
            registration.parliament.country.code if registration.parliament else ""
        )
        registration.delegation = data.delegation.strip()
        registration.languages = list(dict.fromkeys(data.languages))
        registration.accessibility_needs = data.accessibility_needs.strip()
        registration.listed = data.listed and not (godparent and godparent.is_discreet)
        registration.status = RegistrationStatus.REGISTERED
        if not congress.online and not registration.in_person:
            raise ValidationError({"attendance": _("This Congress is in person only.")})
        registration.full_clean(exclude=["congress", "invitation", "godparent", "parliament"])
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:  # the same form sent twice at once: the other request won
            registration = Registration.objects.get(invitation=invitation)
            return registration, False
        if created:
            log(instance=registration, action=REGISTERED_ACTION, user=user, data={})
            email_enqueue_many([_confirmation_email(registration)])
    return registration, created


def _own_godparent(user: User | None, invitation: Invitation) -> GodparentProfile | None:
    """The signed-in godparent, only if the invitation is for their own address (an assistant
    or a colleague on the same browser must not take it over)."""
    if user is None or not user.is_authenticated:
        return None
    if user.email.strip().lower() != invitation.email.strip().lower():
        return None
    return GodparentProfile.objects.filter(user=user, deleted_at__isnull=True).first()


def _confirmation_email(registration: Registration) -> OutgoingEmail:
    invitation = registration.invitation
    language = email_language(invitation.language)
    congress = registration.congress
    with translation.override(language):
        context = {
            "name": registration.full_name,
            "congress": congress.title,
            "starts_on": congress.starts_on,
            "ends_on": congress.ends_on,
            "place": congress.place,
            "in_person": registration.in_person,
            "register_path": reverse("congress:register", args=[invitation_token(invitation)]),
            "badge_path": reverse("congress:badge", args=[badge_token(registration)]),
        }
    return OutgoingEmail(
        template="congress_registered",
        to=[registration.email],
        context=context,
        language=language,
        key=f"congress-registered-{registration.pk}",
    )


def registration_cancel(*, registration: Registration, user: User | None) -> None:
    """Cancel (twice is once; audited). Coming back later is a new registration: refused once
    registration has closed."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != RegistrationStatus.CANCELLED:
            registration.status = RegistrationStatus.CANCELLED
            registration.save(update_fields=["status", "updated_at"])
            log(instance=registration, action=CANCELLED_ACTION, user=user, data={})


def congress_forget(*, godparent: GodparentProfile | None, email: str) -> int:
    """A person deleted their account: their registrations keep no name, address or needs, are
    never listed, and their invitations keep no address (the counts stay). How many rows."""
    registrations = Registration.objects.filter(
        Q(email__iexact=email) | Q(godparent=godparent) if godparent else Q(email__iexact=email)
    )
    invitations = Invitation.objects.filter(
        Q(email__iexact=email) | Q(godparent=godparent) if godparent else Q(email__iexact=email)
    )
    erased = 0
    for registration in registrations.select_related("invitation"):
        registration.full_name = str(ERASED)
        registration.email = f"erased-{registration.pk}@erased.invalid"
        registration.delegation = registration.accessibility_needs = ""
        registration.listed = False
        registration.save()
        erased += 1
    for invitation in invitations:
        invitation.email = f"erased-{invitation.pk}@erased.invalid"
        invitation.name = ""
        invitation.save(update_fields=["email", "name", "updated_at"])
        erased += 1
    return erased


def registration_check_in(*, registration: Registration, by: User) -> bool:
    """Check the participant in at the door; False if they already were (a second scan)."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.is_cancelled:
            raise ValidationError(CANCELLED_ERROR)
        if registration.checked_in_at is not None:
            return False
        registration.checked_in_at, registration.checked_in_by = timezone.now(), by
        registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
        log(instance=registration, action=CHECKED_IN_ACTION, user=by, data={})
    return True


def pledge_make(*, registration: Registration, prisoners: int, user: User | None) -> Pledge:
    """Pledge to take `prisoners` prisoners; a second pledge replaces the first."""
    if not 1 <= prisoners <= 10:
        raise ValidationError({"prisoners": PLEDGE_RANGE})
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("congress")
            .get(pk=registration.pk)
        )
        if registration.is_cancelled:
            raise ValidationError(CANCELLED_ERROR)
        if not registration.congress.pledges_open:
            raise ValidationError(PLEDGES_CLOSED)
        pledge, _created = Pledge.objects.update_or_create(
            registration=registration, defaults={"prisoners": prisoners}
        )
        log(instance=registration, action=PLEDGED_ACTION, user=user, data={"prisoners": prisoners})
    return pledge


def registration_link_godparent(
    *, registration_id: int, godparent: GodparentProfile
) -> Registration | None:
    """A guest who registered, then signed up as a godparent: their registration (and so their
    pledge) is now the godparent's. Only a registration with the godparent's own address and no
    godparent yet; None otherwise."""
    email = godparent.user.email if godparent.user else ""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .filter(pk=registration_id, godparent__isnull=True, email__iexact=email)
            .first()
        )
        if registration is None or not email:
            return None
        registration.godparent = godparent
        registration.save(update_fields=["godparent", "updated_at"])
        Invitation.objects.filter(pk=registration.invitation_id, godparent__isnull=True).update(
            godparent=godparent
        )
    return registration


def registration_prefill(*, registration_id: int, email: str) -> dict[str, object]:
    """What the godparent sign-up's profile step may take from the registration of the same
    address: the name and the parliament."""
    registration = (
        Registration.objects.filter(pk=registration_id, email__iexact=email)
        .values("full_name", "parliament_id", "organisation")
        .first()
    )
    if registration is None:
        return {}
    return {
        "full_name": registration["full_name"],
        "parliament": registration["parliament_id"],
        "parliament_other": "" if registration["parliament_id"] else registration["organisation"],
    }


CONGRESS_RUN_NOTHING = _(
    "Nobody has a pledge left to match: pledges count once the participant is a verified "
    "godparent, and places already offered since the pledge are taken off."
)


def congress_pledged_slots(congress: Congress) -> dict[int, int]:
    """What each verified godparent pledged at `congress` and has not been offered yet: the
    pledge minus the godparenthoods proposed, offered or begun since it was made (a second run
    proposes only the rest)."""
    pledges = (
        Pledge.objects.filter(
            registration__congress=congress,
            registration__status=RegistrationStatus.REGISTERED,
            registration__godparent__verification_state=VerificationState.VERIFIED,
            registration__godparent__deleted_at__isnull=True,
        )
        .values_list("registration__godparent_id", "prisoners", "created_at")
        .order_by("created_at")
    )
    wanted: dict[int, tuple[int, datetime.datetime]] = {}
    for godparent_id, prisoners, created_at in pledges:
        # Two registrations of one godparent (two invitations): the larger pledge, the earlier date.
        if godparent_id not in wanted or prisoners > wanted[godparent_id][0]:
            since = wanted[godparent_id][1] if godparent_id in wanted else created_at
            wanted[godparent_id] = (prisoners, since)
    if not wanted:
        return {}
    since_first = min(since for _prisoners, since in wanted.values())
    taken: dict[int, int] = {}
    for godparent_id, created_at in Match.objects.filter(
        godparent_id__in=wanted,
        created_at__gte=since_first,
        status__in=(
            MatchStatus.PROPOSED,
            MatchStatus.OFFERED,
            MatchStatus.ACTIVE,
            MatchStatus.ENDED,
        ),
    ).values_list("godparent_id", "created_at"):
        if created_at >= wanted[godparent_id][1]:
            taken[godparent_id] = taken.get(godparent_id, 0) + 1
    return {
        godparent_id: prisoners - taken.get(godparent_id, 0)
        for godparent_id, (prisoners, _since) in wanted.items()
        if prisoners > taken.get(godparent_id, 0)
    }


def congress_matching_start(*, congress: Congress, by: User) -> MatchingRun:
    """A matching run restricted to those who pledged at the Congress, each with as many places
    as they pledged and were not yet offered; reviewed and approved like any run."""
    slots = congress_pledged_slots(congress)
    if not slots:
        raise ValidationError(CONGRESS_RUN_NOTHING)
    return matching_run_start(
        created_by=by,
        name=str(_("%(congress)s: pledges") % {"congress": congress.title})[:200],
        godparent_slots=slots,
    )


SIGNING_CLOSED = _("The declaration is not open for signatures.")
SIGNED_ACTION = "solidarity.congress_signed"


def declaration_sign(*, registration: Registration, user: User | None) -> tuple[Signature, bool]:
    """Sign the Congress's declaration; signing twice is one signature. Returns it and whether
    it is new."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("congress")
            .get(pk=registration.pk)
        )
        declaration = Declaration.objects.filter(congress_id=registration.congress_id).first()
        if declaration is None or not declaration.signing_open:
            raise ValidationError(SIGNING_CLOSED)
        if registration.is_cancelled:
            raise ValidationError(CANCELLED_ERROR)
        signature, created = Signature.objects.get_or_create(
            declaration=declaration, registration=registration
        )
        if created:
            log(instance=registration, action=SIGNED_ACTION, user=user, data={})
    return signature, created
