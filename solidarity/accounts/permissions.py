"""What each role may see or do (docs/architecture.md, "Security model"; README, "Roles").

Views, querysets, admin viewsets and templates ask these functions; nothing else checks roles.
Which godparent profile a user may act for is decided in `solidarity.godparents.permissions`.
"""

from collections.abc import Mapping, Sequence

from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.models import AnonymousUser

from .models import User
from .roles import GROUP_NAMES, STAFF_ROLES, Role

_ROLE_BY_GROUP = {name: role for role, name in GROUP_NAMES.items()}
AnyUser = User | AnonymousUser


def user_roles(user: AnyUser) -> frozenset[Role]:
    """The user's roles, computed once per request object (one query)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_solidarity_roles", None)
    if cached is None:
        names = user.groups.values_list("name", flat=True)
        cached = frozenset(_ROLE_BY_GROUP[name] for name in names if name in _ROLE_BY_GROUP)
        if user.is_superuser:
            cached |= {Role.ADMIN}
        user._solidarity_roles = cached
    return cached


def has_role(user: AnyUser, *roles: Role) -> bool:
    return bool(user_roles(user) & set(roles))


def is_staff_member(user: AnyUser) -> bool:
    """Defenders, organisers and admins: the people who may enter the Wagtail admin."""
    return has_role(user, *STAFF_ROLES)


def can_view_restricted_prisoner_data(user: AnyUser) -> bool:
    """Health, family contacts and internal notes: defenders, organisers and admins only."""
    return has_role(user, Role.DEFENDER, Role.ORGANISER, Role.ADMIN)


def can_view_letter_insight(user: AnyUser) -> bool:
    """Whether letters reach prisoners, per facility and per prisoner: defenders, organisers and
    admins. Defenders may, although letters are organisers' business: they see aggregates and an
    anonymised history only, never who wrote, a note or a reply scan (activity/insight.py).
    """
    return has_role(user, Role.DEFENDER, Role.ORGANISER, Role.ADMIN)


def can_open_reply_scans(user: AnyUser) -> bool:
    """Open any letter's reply scan in the admin: organisers and admins, who handle letters.

    A scan is a prisoner's own handwriting to a named godparent: it is a letter, and defenders see
    no letter (README, "Roles"), only the anonymised insight. Outside the admin only the letter's
    godparent opens it, on their own letter page (portal), never their staff.
    """
    return has_role(user, Role.ORGANISER, Role.ADMIN)


def can_manage_godparents(user: AnyUser) -> bool:
    """Verify godparents, run and approve matching, verify actions, build reports."""
    return has_role(user, Role.ORGANISER, Role.ADMIN)


def can_run_congress(user: AnyUser) -> bool:
    """Invite, see registrations (accessibility needs included), check in, count pledges."""
    return has_role(user, Role.ORGANISER, Role.ADMIN)


def can_import_prisoners(user: AnyUser) -> bool:
    """Importing the defenders' list creates and changes records: both permissions are needed."""
    return user.is_active and user.has_perms(
        ["prisoners.add_prisoner", "prisoners.change_prisoner"]
    )


def can_manage_emails(user: AnyUser) -> bool:
    """The outbox in the admin (every email: to whom, whether it went, why not) and "Send again":
    organisers and admins. Defenders and godparents never see who is written to."""
    return has_role(user, Role.ORGANISER, Role.ADMIN)


def staff_mfa_missing(
    user: AnyUser, authentication_records: Sequence[Mapping[str, object]]
) -> str | None:
    """Why a staff member may not use the admin yet: "setup" (no second factor registered),
    "verify" (this session was not confirmed with it), or None.

    Staff accounts open restricted data about prisoners and their families: a stolen password
    alone must never be enough (docs/architecture.md). Godparents may add MFA but need not.
    """
    if not is_staff_member(user):
        return None
    if not is_mfa_enabled(user, types=["totp", "webauthn"]):
        return "setup"
    if not any(record.get("method") == "mfa" for record in authentication_records):
        return "verify"
    return None
