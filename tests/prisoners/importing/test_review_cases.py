"""Cases a review of the real-list import found: each once broke a record or a week's import."""

import datetime

import pytest

from solidarity.prisoners.choices import PenaltyType, Publicity, Status
from solidarity.prisoners.importing import ImportRefused, import_apply, import_plan, parsing
from solidarity.prisoners.importing.articles import read_articles
from solidarity.prisoners.importing.plan import PRIVATE_MATCH_ERROR, RowAction
from solidarity.prisoners.models import Facility, Prisoner
from tests.factories import PrisonerFactory
from tests.prisoners.importing.files import make_csv, row

pytestmark = pytest.mark.django_db


def apply(rows, language="ru"):
    plan = import_plan(content=make_csv(rows, language=language), filename="l.csv")
    import_apply(plan=plan)
    return plan


def test_a_withheld_record_with_an_id_gets_no_public_namesake_from_a_row_without_it():
    PrisonerFactory(external_id="9005", name_ru="Владимир Гундарь", publicity=Publicity.NONE)
    rows = [row(id="", name="Владимир Гундарь"), row(id="77", name="Vladimir Gundar")]
    plan = import_plan(content=make_csv(rows), filename="l.csv")
    assert [r.action for r in plan.rows] == [RowAction.INVALID, RowAction.INVALID]
    assert all(str(PRIVATE_MATCH_ERROR) in r.errors for r in plan.rows)


def test_comma_separated_charges_with_titles_keep_every_charge():
    reading = read_articles(
        "ч.1 ст.342 УК — Организация действий, ч.2 ст.293 УК — Участие в массовых беспорядках"
    )
    assert reading.charges == [("342", "1"), ("293", "2")]
    assert reading.titles == {
        "342": "Организация действий",
        "293": "Участие в массовых беспорядках",
    }


def test_a_table_without_a_death_column_never_brings_a_dead_person_back_into_custody():
    died = datetime.date(2024, 1, 1)
    PrisonerFactory(
        external_id="1001", status=Status.DIED_IN_CUSTODY, died_on=died, status_changed_on=died
    )
    plan = import_plan(content=make_csv([row(status="active")]), filename="l.csv")
    assert plan.rows[0].transition is None
    assert not any(change.field == "status" for change in plan.rows[0].changes)


def test_two_people_in_a_facility_the_english_version_created_share_it_once_russian_arrives():
    apply([row(id="1", name="Pavel One", prison="Pre-trial detention centre No. 1, Minsk")], "en")
    sizo = "СИЗО №1 г. Минска\nул. Володарского, 2\n220030, г. Минск"
    apply([row(id="1", name="Павел Один", prison=sizo), row(id="2", name="Павел Два", prison=sizo)])
    assert Facility.objects.count() == 1
    facility = Facility.objects.get()
    assert (facility.name, facility.name_latin) == (
        "СИЗО №1 г. Минска",
        "Pre-trial detention centre No. 1, Minsk",
    )
    assert set(Prisoner.objects.values_list("facility", flat=True)) == {facility.pk}


def test_two_facilities_sharing_a_postcode_without_a_number_stay_apart():
    apply(
        [
            row(
                id="1",
                name="Павел Один",
                prison="ЦИП ГУВД Мингорисполкома\nул. Окрестина, 36\n220089, г. Минск",
            )
        ]
    )
    apply(
        [
            row(
                id="2",
                name="Павел Два",
                prison="ИВС ГУВД Мингорисполкома\nул. Окрестина, 36\n220089, г. Минск",
            )
        ]
    )
    assert Facility.objects.count() == 2


@pytest.mark.parametrize(
    ("text", "penalty"),
    [
        ("restricted freedom in an open facility", PenaltyType.OPEN_FACILITY),
        ("restriction of liberty", PenaltyType.RESTRICTED_AT_HOME),
        ("ограничение свободы без направления", PenaltyType.RESTRICTED_AT_HOME),
        ("Confinement in a strict regime colony", PenaltyType.COLONY_STRICT),
        ("колония строгого режима", PenaltyType.COLONY_STRICT),
        ("штраф", PenaltyType.FINE),
    ],
)
def test_penalty_words_are_read_as_whole_words(text, penalty):
    assert parsing.parse_penalty(text) == penalty


def test_may_is_read_in_belarusian():
    assert parsing.parse_partial_date("1 траўня 2021").value == datetime.date(2021, 5, 1)


@pytest.mark.parametrize(
    ("text", "months"), [("18.03.2021 г. — 5 лет", 60), ("приговор 2021 г.: 3 года", 36)]
)
def test_a_year_in_the_sentence_text_is_not_its_length(text, months):
    assert parsing.parse_sentence_months(text) == months


def test_an_invalid_np_row_for_a_public_record_blocks_the_whole_apply():
    PrisonerFactory(external_id="1001", publicity=Publicity.BASIC)
    plan = import_plan(
        content=make_csv([row(status="np", birthday="31.02.1982"), row(id="1002", name="Другой")]),
        filename="l.csv",
    )
    assert plan.counts["blocking"] == 1
    with pytest.raises(ImportRefused, match="status np"):
        import_apply(plan=plan)
    assert Prisoner.objects.get(external_id="1001").publicity == Publicity.BASIC  # not half-done
    assert not Prisoner.objects.filter(external_id="1002").exists()


def test_an_unknown_status_word_creates_a_record_that_is_not_public():
    apply([row(status="пп?")])
    assert Prisoner.objects.get().publicity == Publicity.NONE


def test_a_former_prisoner_whose_place_cell_says_deported_is_recorded_as_deported():
    PrisonerFactory(
        external_id="1001", status=Status.CONVICTED, status_changed_on=datetime.date(2021, 9, 6)
    )
    apply([row(status="former", release_date="13.12.2025", prison="Выслан в Литву")])
    prisoner = Prisoner.objects.get()
    assert (prisoner.status, prisoner.facility) == (Status.DEPORTED, None)
