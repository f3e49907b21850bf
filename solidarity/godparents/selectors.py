"""Read queries about godparents that other apps build on."""

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import GodparentProfile, Parliament, ParliamentKind, VerificationState


def godparent_list_publicly_listed() -> QuerySet[GodparentProfile]:
    """Godparents who agreed to be listed, are verified and still have an account."""
    return GodparentProfile.objects.filter(
        public_listing_consent=True,
        is_discreet=False,
        verification_state=VerificationState.VERIFIED,
        deleted_at__isnull=True,
    )


def parliament_choices() -> list[tuple[str | Promise, str | Promise | list[tuple[int, str]]]]:
    """International assemblies first, then national chambers grouped by (translated) country."""
    international: list[tuple[int, str]] = []
    by_country: dict[str, list[tuple[int, str]]] = {}
    for parliament in Parliament.objects.order_by("name", "chamber"):
        label = parliament.name
        if parliament.chamber:
            label = f"{label} — {parliament.chamber}"
        if parliament.short_name and parliament.short_name not in label:
            label = f"{label} ({parliament.short_name})"
        if parliament.kind == ParliamentKind.INTERNATIONAL:
            international.append((parliament.pk, label))
        else:
            by_country.setdefault(str(parliament.country.name), []).append((parliament.pk, label))
    groups: list[tuple[str | Promise, str | Promise | list[tuple[int, str]]]] = [
        ("", _("Choose your parliament or assembly"))
    ]
    if international:
        groups.append((_("International assemblies"), international))
    groups += sorted(by_country.items())
    return groups
