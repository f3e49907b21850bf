"""Read queries about godparents that other apps build on."""

from django.db.models import QuerySet

from .models import GodparentProfile, VerificationState


def godparent_list_publicly_listed() -> QuerySet[GodparentProfile]:
    """Godparents who agreed to be listed, are verified and still have an account."""
    return GodparentProfile.objects.filter(
        public_listing_consent=True,
        is_discreet=False,
        verification_state=VerificationState.VERIFIED,
        deleted_at__isnull=True,
    )
