"""Who may act for a godparent: object-level rules of the godparents' own pages.

The role predicates (`solidarity.accounts.permissions`) say what a kind of user may do; these say
which godparent profile a given user may act for, which no role can express. Views and services
of the portal ask these functions; nothing else compares users with profiles.
"""

from django.db.models import QuerySet

from solidarity.accounts.permissions import AnyUser

from .models import GodparentProfile


def own_godparent_profile(user: AnyUser) -> GodparentProfile | None:
    """The user's own, not deleted godparent profile, or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    return (
        GodparentProfile.objects.filter(user_id=user.pk, deleted_at__isnull=True)
        .select_related("parliament")
        .first()
    )


def godparents_assisted_by(user: AnyUser) -> QuerySet[GodparentProfile]:
    """Godparents whose staff the user is, with an accepted and unrevoked invitation."""
    if not user.is_authenticated or not user.is_active:
        return GodparentProfile.objects.none()
    return GodparentProfile.objects.filter(
        staff__user_id=user.pk,
        staff__accepted_at__isnull=False,
        staff__revoked_at__isnull=True,
        deleted_at__isnull=True,
    ).distinct()


def can_act_for_godparent(user: AnyUser, godparent: GodparentProfile | None) -> bool:
    """Log letters and actions, see the letter addresses: the godparent and their staff."""
    if godparent is None or godparent.deleted_at is not None:
        return False
    if not user.is_authenticated or not user.is_active:
        return False
    if godparent.user_id == user.pk:
        return True
    return godparents_assisted_by(user).filter(pk=godparent.pk).exists()


def can_manage_godparent_profile(user: AnyUser, godparent: GodparentProfile | None) -> bool:
    """Profile, offers, staff and the account itself: the godparent alone, never their staff."""
    return (
        godparent is not None
        and godparent.deleted_at is None
        and user.is_authenticated
        and user.is_active
        and godparent.user_id == user.pk
    )
