import datetime

import factory
from django.utils import timezone

from solidarity.godparents.models import (
    GodparentProfile,
    Parliament,
    ParliamentKind,
    VerificationState,
)

from .accounts import UserFactory


class ParliamentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Parliament
        django_get_or_create = ("country", "name", "chamber")

    kind = ParliamentKind.NATIONAL
    country = "DE"
    name = "Deutscher Bundestag"
    short_name = "Bundestag"
    chamber = ""


class GodparentProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GodparentProfile

    user = factory.SubFactory(UserFactory)
    full_name = factory.Sequence(lambda n: f"Anna Abgeordnete {n}")
    parliament = factory.SubFactory(ParliamentFactory)
    party = "Bündnis 90/Die Grünen"
    role = "Member of Parliament"
    languages = factory.LazyFunction(lambda: ["de", "en"])
    capacity = 2
    public_listing_consent = True
    verification_state = VerificationState.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)
    mandate_ends_on = datetime.date(2029, 10, 1)
