"""The defenders' list as its three versions really write it (fictional people, real notations).

`lists/` holds one list of eleven people in the machine export (keys `id, url, name, status...`)
and in the human-readable tables (translated headers), each in English, Russian and Belarusian
with the same ids: English prose charges with titles after a dash, dates written out, place
cells that are not a place, a trial in absentia, a death written before the arrest, an `np`
row, charges that cannot be read.
"""

import datetime
import itertools
from pathlib import Path

import pytest
from django.utils import translation

from solidarity.prisoners.choices import PenaltyType, Publicity, Status
from solidarity.prisoners.importing import import_apply, import_plan
from solidarity.prisoners.importing.plan import RowAction
from solidarity.prisoners.models import CriminalArticle, Facility, Prisoner

pytestmark = pytest.mark.django_db

LISTS = Path(__file__).parent / "lists"
PEOPLE = 11


def apply_list(kind: str, language: str):
    content = (LISTS / f"{kind}-{language}.csv").read_bytes()
    plan = import_plan(content=content, filename=f"{kind}-{language}.csv")
    assert plan.language == language
    assert plan.counts["invalid"] == 0, [(r.line, r.errors) for r in plan.rows if r.errors]
    import_apply(plan=plan)
    return plan


@pytest.mark.parametrize("kind", ["machine", "human"])
@pytest.mark.parametrize("order", list(itertools.permutations(["en", "ru", "be"])))
def test_the_three_versions_in_any_order_then_again_change_nothing(kind, order):
    for language in order:
        apply_list(kind, language)
    assert Prisoner.objects.count() == PEOPLE
    for language in order:
        again = apply_list(kind, language)
        assert (again.counts["new"], again.counts["changed"]) == (0, 0), [
            (row.name, row.changes) for row in again.rows if row.changes
        ]
    assert Facility.objects.count() == 3  # one record per facility, whatever the language


def test_every_version_fills_its_own_language():
    for language in ("en", "ru", "be"):
        apply_list("machine", language)
    person = Prisoner.objects.get(external_id="9010")
    assert (person.name_latin, person.name_ru, person.name_be) == (
        "Maryna Zolatava",
        "Марина Золотова",
        "Марына Золатава",
    )
    assert (person.judge_en, person.judge_ru, person.judge_be) == (
        "Vital Liunik",
        "Виталий Люник",
        "Віталь Люнік",
    )
    assert person.source_url_be == "https://prisoners.example.org/be/person/9010"
    assert person.recognition_statement_url_en == "https://prisoners.example.org/en/statement/9010"
    assert person.sentence_months == 144
    facility = person.facility
    assert (facility.name, facility.name_be, facility.name_latin) == (
        "Исправительная колония №4",
        "Папраўчая калонія №4",
        "Penal colony No. 4",
    )
    assert facility.postal_address == "ул. Антошкина, 3\n246035, г. Гомель"  # Cyrillic envelope
    with translation.override("en"):
        assert facility.display_name == "Penal colony No. 4"
        assert person.judge == "Vital Liunik"
    with translation.override("be"):
        assert facility.display_name == "Папраўчая калонія №4"
    assert person.envelope_lines[0] == "Марина Золотова"


def test_english_prose_charges_and_titles_are_read():
    apply_list("machine", "en")
    charges = {
        p.external_id: sorted((c.article.number, c.part) for c in p.charges.all())
        for p in Prisoner.objects.prefetch_related("charges__article")
    }
    assert charges["9001"] == [("293", "2"), ("342", "")]
    assert charges["9003"] == [("13", "1"), ("293", "")]
    assert charges["9002"] == [("361-1", "1")]
    titles = dict(CriminalArticle.objects.values_list("number", "title_en"))
    assert titles["293"] == "Participation in mass riots"
    assert titles["13"] == ""  # "Preparation for mass riots" describes 13 with 293, not 13


def test_odd_but_real_rows_import_with_a_warning():
    plan = apply_list("machine", "ru")
    warnings = {row.external_id: " ".join(row.warnings) for row in plan.rows}
    assert "verdict date is before the arrest" in warnings["9007"]
    assert "could not be read" in warnings["9008"]
    assert "date of death is before the arrest" in warnings["9011"]
    assert plan.counts["warning"] == 4  # 9005 (np) too
    unreadable = Prisoner.objects.get(external_id="9008")
    assert unreadable.charges_text_ru.startswith("злостное неповиновение")
    assert not unreadable.charges.exists()
    absentia = Prisoner.objects.get(external_id="9007")
    assert absentia.verdict_date < absentia.detained_on
    died = Prisoner.objects.get(external_id="9011")
    assert (died.status, died.died_on) == (Status.DIED_IN_CUSTODY, datetime.date(2021, 1, 3))


def test_place_cells_that_are_not_a_place_set_the_status_not_a_facility():
    for language in ("be", "en", "ru"):
        apply_list("human", language)
    records = {p.external_id: p for p in Prisoner.objects.all()}
    assert (records["9006"].status, records["9006"].facility) == (Status.AWAITING_SENTENCE, None)
    assert not records["9006"].letters_deliverable
    assert (records["9009"].status, records["9009"].penalty_type) == (
        Status.RESTRICTED_FREEDOM,
        PenaltyType.HOME_CONFINEMENT,
    )
    assert records["9009"].facility is None
    assert records["9004"].facility is None
    names = Facility.objects.values_list("name", flat=True)
    assert not any("свобод" in name or "арест" in name for name in names)


@pytest.mark.parametrize("language", ["en", "ru", "be"])
def test_an_np_row_is_never_made_public(language):
    plan = apply_list("machine", language)
    person = Prisoner.objects.get(external_id="9005")
    assert person.publicity == Publicity.NONE
    assert person.status == Status.NO_LONGER_RECOGNISED
    assert any(row.external_id == "9005" and row.warnings for row in plan.rows)


def test_a_public_record_that_turns_np_is_withdrawn():
    apply_list("machine", "ru")
    Prisoner.objects.filter(external_id="9001").update(publicity=Publicity.FULL)
    content = (LISTS / "machine-ru.csv").read_text(encoding="utf-8")
    content = content.replace(
        "9001,https://prisoners.example.org/ru/person/9001,Андрей Василевич,active",
        "9001,https://prisoners.example.org/ru/person/9001,Андрей Василевич,np",
    )
    plan = import_plan(content=content.encode(), filename="next-week.csv")
    row = next(r for r in plan.rows if r.external_id == "9001")
    assert row.action == RowAction.CHANGED
    import_apply(plan=plan)
    person = Prisoner.objects.get(external_id="9001")
    assert (person.publicity, person.status) == (Publicity.NONE, Status.NO_LONGER_RECOGNISED)


def test_the_ignored_columns_of_the_machine_export_are_listed_by_name():
    plan = import_plan(content=(LISTS / "machine-en.csv").read_bytes(), filename="m.csv")
    assert set(plan.ignored_columns) == {
        "photo",
        "description",
        "councel",
        "penalty_start_date",
        "appeal_date",
    }
