"""One sign-in per role for trying the site, made or repaired on every run.

The passwords and the staff accounts' authenticator secrets are public (printed and documented):
these accounts exist for local demos only. Staff need a second factor to use the admin, so the
demo staff come with TOTP set up: add the printed secret to any authenticator app.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from solidarity.accounts.models import User
from solidarity.accounts.roles import GROUP_NAMES, Role
from solidarity.godparents.models import GodparentProfile, Parliament, VerificationState
from solidarity.matching.models import OPEN_MATCH_STATUSES, Match, MatchStatus
from solidarity.prisoners.choices import DETAINED_STATUSES, PUBLIC_PUBLICITY
from solidarity.prisoners.models import Prisoner
from solidarity.writing.models import LetterFormat, PreparedLetter
from solidarity.writing.selectors import phrase_options
from solidarity.writing.services import letter_compose, letter_prepare
from solidarity.writing.translit import cyrillic_guess

from .prisoners import DEMO_PREFIX

DEMO_GODPARENT_MATCHES = 2


@dataclass(frozen=True)
class DemoAccount:
    role: Role
    email: str
    password: str
    totp_secret: str = ""  # base32, for an authenticator app; staff only

    @property
    def username(self) -> str:
        return f"demo-{self.role}"


DEMO_ACCOUNTS = (
    DemoAccount(Role.ADMIN, "admin@solidarity.test", "demo-admin-2026", "SOLIDARITYDEMOADMINSTAFF"),
    DemoAccount(
        Role.ORGANISER,
        "organiser@solidarity.test",
        "demo-organiser-2026",
        "SOLIDARITYDEMOORGANISERS",
    ),
    DemoAccount(
        Role.DEFENDER, "defender@solidarity.test", "demo-defender-2026", "SOLIDARITYDEMODEFENDERSS"
    ),
    DemoAccount(Role.GODPARENT, "godparent@solidarity.test", "demo-godparent-2026"),
)


def demo_accounts_ensure(*, anchor: datetime.date) -> list[DemoAccount]:
    """Create or repair the four demo accounts; the godparent gets a profile and two matches."""
    with transaction.atomic():
        for account in DEMO_ACCOUNTS:
            user = _user(account)
            if account.role == Role.GODPARENT:
                profile = _godparent_profile(user=user, anchor=anchor)
                _godparent_matches(profile=profile, anchor=anchor)
                _godparent_printed_letter(profile=profile)
    return list(DEMO_ACCOUNTS)


def _user(account: DemoAccount) -> User:
    """Superuser only for admin; Wagtail admin access comes from the group's permission, so
    nobody needs is_staff (admin keeps it as createsuperuser would set it)."""
    user = (
        User.objects.filter(email__iexact=account.email).first()
        or User.objects.filter(username=account.username).first()
        or User(username=account.username)
    )
    user.email = account.email
    user.first_name, user.last_name = "Demo", str(Role(account.role).label)
    user.is_active = True
    user.is_superuser = user.is_staff = account.role == Role.ADMIN
    if not user.check_password(account.password):
        user.set_password(account.password)
    user.save()
    user.groups.set([Group.objects.get(name=GROUP_NAMES[account.role])])
    EmailAddress.objects.filter(user=user).exclude(email__iexact=account.email).update(
        primary=False
    )
    EmailAddress.objects.update_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    if account.totp_secret:
        _totp_ensure(user, account.totp_secret)
    return user


def _totp_ensure(user: User, secret: str) -> None:
    """The account's authenticator uses the published secret (replaced if someone changed it)."""
    current = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if current is not None and decrypt(current.data["secret"]) == secret:
        return
    if current is not None:
        current.delete()
    TOTP.activate(user, secret)


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=ZoneInfo(settings.TIME_ZONE))


def _godparent_profile(*, user: User, anchor: datetime.date) -> GodparentProfile:
    profile, _created = GodparentProfile.objects.get_or_create(
        user=user,
        defaults={
            "full_name": "Greta Demo",
            "parliament": Parliament.objects.filter(short_name="Bundestag").first(),
            "party": "Demo party",
            "role": "Member of Parliament",
            "languages": ["de", "en", "ru"],
            "capacity": 3,
            "public_listing_consent": True,
        },
    )
    if profile.verification_state != VerificationState.VERIFIED or profile.is_discreet:
        profile.verification_state = VerificationState.VERIFIED
        profile.verified_at = profile.verified_at or _at(anchor - datetime.timedelta(days=120))
        profile.is_discreet = False
        profile.capacity = max(profile.capacity, DEMO_GODPARENT_MATCHES)
        profile.full_clean()
        profile.save()
    return profile


def _godparent_matches(*, profile: GodparentProfile, anchor: datetime.date) -> None:
    """Two active matches with public detained demo prisoners, unless the godparent has them."""
    missing = DEMO_GODPARENT_MATCHES - profile.matches.filter(status=MatchStatus.ACTIVE).count()
    if missing <= 0:
        return
    already = Match.objects.filter(godparent=profile, status__in=OPEN_MATCH_STATUSES)
    candidates = (
        Prisoner.objects.filter(
            external_id__startswith=DEMO_PREFIX,
            publicity__in=PUBLIC_PUBLICITY,
            status__in=DETAINED_STATUSES,
        )
        .exclude(pk__in=already.values("prisoner_id"))
        .order_by("external_id")[:missing]
    )
    offered_at = _at(anchor - datetime.timedelta(days=60))
    for prisoner in candidates:
        match = Match(
            godparent=profile,
            prisoner=prisoner,
            status=MatchStatus.ACTIVE,
            offered_at=offered_at,
            responded_at=offered_at + datetime.timedelta(days=2),
            public_statement="Demo statement: I stand with my godchild.",
        )
        match.full_clean()
        match.save()


def _godparent_printed_letter(*, profile: GodparentProfile) -> None:
    """One letter printed from the composer and not yet posted, so that "My prisoners" shows
    the step between printing and posting (docs/letters.md); made once."""
    if PreparedLetter.objects.filter(godparent=profile).exists():
        return
    match = next(
        (
            match
            for match in profile.matches.filter(status=MatchStatus.ACTIVE)
            .select_related("prisoner__facility")
            .order_by("pk")
            if match.prisoner.letters_deliverable
        ),
        None,
    )
    if match is None or profile.user is None:
        return
    options = phrase_options(letter_language="ru", language="en")
    keys = [options[topic][0].key for topic in ("greeting", "animals", "closing") if options[topic]]
    draft = letter_compose(
        match=match,
        format=LetterFormat.LETTER,
        language="ru",
        phrase_keys=keys,
        free_text="",
        sender_name=cyrillic_guess(profile.full_name),
    )
    letter_prepare(draft=draft, by=profile.user, accepted_flags=draft.flags_digest)
