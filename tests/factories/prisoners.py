import datetime

import factory

from solidarity.prisoners.choices import (
    FacilityKind,
    Gender,
    Publicity,
    Region,
    Situation,
    Status,
)
from solidarity.prisoners.models import (
    Charge,
    CriminalArticle,
    Facility,
    Prisoner,
    PrisonerConfidential,
    Whereabouts,
)
from solidarity.prisoners.names import search_keys, sort_name


class CriminalArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriminalArticle
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: str(400 + n))
    sort_key = factory.LazyAttribute(lambda o: CriminalArticle.sort_key_for(o.number))
    title_en = factory.LazyAttribute(lambda o: f"Article {o.number}")
    title_ru = factory.LazyAttribute(lambda o: f"Статья {o.number}")


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    name = factory.Sequence(lambda n: f"Исправительная колония № {n + 1}")
    name_latin = factory.Sequence(lambda n: f"Penal colony No. {n + 1}")
    kind = FacilityKind.COLONY
    region = Region.VITEBSK
    city = "Новополоцк"
    postal_address = factory.Sequence(
        lambda n: f"ИК-{n + 1}\nул. Техническая, 8\n211440, г. Новополоцк\nВитебская обл."
    )
    postal_code = "211440"


class PrisonerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Prisoner

    external_id = factory.Sequence(lambda n: f"ext-{n}")
    name_be = "Марыя Калеснікава"
    name_ru = "Мария Колесникова"
    name_latin = "Maryia Kalesnikava"
    search_keys = factory.LazyAttribute(lambda o: search_keys(o.name_latin, o.name_be, o.name_ru))
    sort_name = factory.LazyAttribute(lambda o: sort_name(o.name_latin, o.name_ru, o.name_be))
    birth_date = datetime.date(1982, 4, 24)
    gender = Gender.FEMALE
    region = Region.MINSK_CITY
    status = Status.CONVICTED
    detained_on = datetime.date(2020, 9, 7)
    verdict_date = datetime.date(2021, 9, 6)
    sentence_text_en = "11 years, colony of general regime"
    sentence_months = 132
    facility = factory.SubFactory(FacilityFactory)
    publicity = Publicity.BASIC


class ChargeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Charge

    prisoner = factory.SubFactory(PrisonerFactory)
    article = factory.SubFactory(CriminalArticleFactory, number="342")
    part = "1"


class PrisonerConfidentialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrisonerConfidential

    prisoner = factory.SubFactory(PrisonerFactory)
    health_at_risk = True
    health = "CANARY-HEALTH-7f3a"
    family_contacts = "CANARY-FAMILY-7f3a"
    internal_notes = "CANARY-NOTES-7f3a"


class WhereaboutsFactory(factory.django.DjangoModelFactory):
    """A person forcibly deported to Lithuania, with a note only staff may read."""

    class Meta:
        model = Whereabouts

    prisoner = factory.SubFactory(
        PrisonerFactory, status=Status.DEPORTED, released_on=datetime.date(2025, 12, 13)
    )
    situation = Situation.DEPORTED
    country = "LT"
    since = datetime.date(2025, 12, 13)
    notes = "CANARY-WHERE-7f3a"
