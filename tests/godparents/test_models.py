import pytest
from django.db import IntegrityError, transaction

from solidarity.godparents.models import ParliamentKind, VerificationState
from tests.factories import GodparentProfileFactory, ParliamentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"capacity": 0},
        {"is_discreet": True, "public_listing_consent": True},
        {"verification_state": VerificationState.VERIFIED, "verified_at": None},
    ],
    ids=["capacity-zero", "discreet-but-listed", "verified-without-date"],
)
def test_an_inconsistent_godparent_profile_is_refused(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        GodparentProfileFactory(**fields)


def test_a_national_parliament_needs_a_country_but_an_assembly_does_not():
    ParliamentFactory(kind=ParliamentKind.INTERNATIONAL, country="", name="PACE")
    with pytest.raises(IntegrityError), transaction.atomic():
        ParliamentFactory(kind=ParliamentKind.NATIONAL, country="", name="Nowhere")


def test_the_same_chamber_cannot_be_entered_twice():
    ParliamentFactory(country="LT", name="Seimas")
    with pytest.raises(IntegrityError), transaction.atomic():
        ParliamentFactory._meta.model.objects.create(
            kind=ParliamentKind.NATIONAL, country="LT", name="Seimas"
        )


def test_a_user_has_at_most_one_godparent_profile():
    profile = GodparentProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        GodparentProfileFactory(user=profile.user)
