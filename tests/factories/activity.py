import datetime

import factory

from solidarity.activity.models import ActionKind, AdvocacyAction, Letter, LetterChannel

from .godparents import GodparentProfileFactory
from .prisoners import PrisonerFactory


class LetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Letter

    godparent = factory.SubFactory(GodparentProfileFactory)
    prisoner = factory.SubFactory(PrisonerFactory)
    facility = factory.LazyAttribute(lambda o: o.prisoner.facility)
    sent_on = datetime.date(2026, 3, 1)
    channel = LetterChannel.POST
    language = "ru"


class AdvocacyActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdvocacyAction
        skip_postgeneration_save = True

    kind = ActionKind.PARLIAMENTARY_QUESTION
    occurred_on = datetime.date(2026, 2, 10)
    title = factory.Sequence(lambda n: f"Question to the government #{n}")
