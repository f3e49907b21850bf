import factory
from django.utils import timezone

from solidarity.matching.models import Match, MatchingRun, MatchStatus

from .accounts import UserFactory
from .godparents import GodparentProfileFactory
from .prisoners import PrisonerFactory


class MatchingRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatchingRun

    name = factory.Sequence(lambda n: f"Run {n}")
    created_by = factory.SubFactory(UserFactory)


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    godparent = factory.SubFactory(GodparentProfileFactory)
    prisoner = factory.SubFactory(PrisonerFactory)
    status = MatchStatus.ACTIVE
    offered_at = factory.LazyFunction(timezone.now)
    responded_at = factory.LazyAttribute(lambda o: o.offered_at)
