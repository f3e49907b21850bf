import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from solidarity.prisoners.choices import DatePrecision, Status
from solidarity.prisoners.models import CriminalArticle, Prisoner
from tests.factories import ChargeFactory, CriminalArticleFactory, FacilityFactory, PrisonerFactory

pytestmark = pytest.mark.django_db


def _violates(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        PrisonerFactory(**fields)


def test_a_prisoner_without_any_name_is_refused():
    _violates(name_be="", name_ru="", name_latin="")


@pytest.mark.parametrize("field", ["verdict_date", "died_on"])
def test_a_verdict_or_death_before_detention_is_kept_as_the_list_writes_it(field):
    """Trials in absentia and a new arrest after an older case are real (docs/import.md)."""
    prisoner = PrisonerFactory(
        detained_on=datetime.date(2021, 1, 1), **{field: datetime.date(2020, 12, 31)}
    )
    assert getattr(prisoner, field) < prisoner.detained_on


def test_a_release_before_detention_is_refused():
    _violates(detained_on=datetime.date(2021, 1, 1), released_on=datetime.date(2020, 1, 1))


def test_a_birth_after_detention_is_refused():
    _violates(detained_on=datetime.date(2021, 1, 1), birth_date=datetime.date(2022, 1, 1))


def test_external_ids_are_unique_but_may_be_blank_many_times():
    PrisonerFactory(external_id="")
    PrisonerFactory(external_id="")
    PrisonerFactory(external_id="42")
    _violates(external_id="42")
    assert Prisoner.objects.filter(external_id="").count() == 2


def test_the_same_charge_cannot_be_recorded_twice():
    charge = ChargeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ChargeFactory(prisoner=charge.prisoner, article=charge.article, part=charge.part)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Maryia Kalesnikava"), ("be", "Марыя Калеснікава"), ("ru", "Мария Колесникова")],
)
def test_display_name_follows_the_active_language(language, expected):
    prisoner = PrisonerFactory.build()
    with translation.override(language):
        assert prisoner.display_name == expected


def test_display_name_falls_back_to_another_spelling():
    prisoner = PrisonerFactory.build(name_latin="", name_be="")
    with translation.override("en"):
        assert prisoner.display_name == "Мария Колесникова"


def test_the_envelope_ends_with_the_country_in_latin():
    facility = FacilityFactory.build(postal_address="ИК-3\n\n211440, г. Новополоцк ")
    assert facility.envelope_lines == ["ИК-3", "211440, г. Новополоцк", "REPUBLIC OF BELARUS"]


def test_articles_sort_by_number_then_sub_number():
    numbers = ["361-1", "130", "361", "342", "361-4"]
    for number in numbers:
        CriminalArticleFactory(number=number)
    assert list(CriminalArticle.objects.values_list("number", flat=True)) == [
        "130",
        "342",
        "361",
        "361-1",
        "361-4",
    ]


def test_article_title_follows_the_language_with_a_fallback():
    article = CriminalArticleFactory.build(
        number="342", title_en="Group actions", title_ru="Групповые действия", title_be=""
    )
    with translation.override("be"):
        assert article.title == "Групповые действия"  # Russian stands in before English
    article.title_ru = ""
    with translation.override("be"):
        assert article.title == "Group actions"
    with translation.override("en"):
        assert article.title == "Group actions"


@pytest.mark.parametrize("field", ["expected_release_on", "status_changed_on"], ids=lambda f: f)
def test_dates_after_detention_cannot_precede_it(field):
    _violates(detained_on=datetime.date(2021, 1, 1), **{field: datetime.date(2020, 12, 31)})


# --- Letters: one rule for the dashboard, the profile and the reminders ---------------------


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("address", ["ИК-15\n211440, г. Новополоцк", "   ", None])
def test_letters_deliverable_is_the_same_rule_in_python_and_in_a_query(status, address):
    facility = None if address is None else FacilityFactory(postal_address=address)
    prisoner = PrisonerFactory(status=status, facility=facility)

    in_query = Prisoner.objects.filter(Prisoner.letters_deliverable_q(), pk=prisoner.pk).exists()

    assert prisoner.letters_deliverable == in_query
    expected = status in (Status.PRE_TRIAL, Status.CONVICTED, Status.RESTRICTED_FREEDOM)
    assert prisoner.letters_deliverable == (expected and bool((address or "").strip()))


@pytest.mark.parametrize(
    ("status", "notice"),
    [
        (Status.INCOMMUNICADO, "held incommunicado"),
        (Status.IN_TRANSIT, "being moved between facilities"),
        (Status.CONVICTED, ""),
    ],
)
def test_the_notice_says_why_letters_are_held_back(status, notice):
    prisoner = PrisonerFactory.build(status=status)

    assert notice in prisoner.letters_notice
    assert bool(prisoner.letters_notice) == bool(notice)


def test_the_letters_address_is_shown_only_while_the_person_is_held():
    held = PrisonerFactory(status=Status.CONVICTED)
    released = PrisonerFactory(status=Status.RELEASED_PARDONED, facility=held.facility)
    no_address = PrisonerFactory(
        status=Status.CONVICTED, facility=FacilityFactory(postal_address="")
    )

    assert held.letters_address == held.envelope_lines != []
    assert released.letters_address == []
    assert no_address.letters_address == []


@pytest.mark.parametrize(
    ("precision", "month", "day"),
    [
        (DatePrecision.YEAR, False, False),
        (DatePrecision.MONTH, True, False),
        (DatePrecision.DAY, True, True),
    ],
)
def test_what_is_known_of_a_birth_date_follows_its_precision(precision, month, day):
    prisoner = PrisonerFactory.build(birth_date_precision=precision)

    assert (prisoner.birth_month_known, prisoner.birth_day_known) == (month, day)
