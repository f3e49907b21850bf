"""A weekly export that releases many people at once (13 December 2025 brought 123, most of them
deported): the dry run summarises it person by person with their godparents, and applying ends
the godparenthoods and queues the emails in a fixed number of statements."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.matching.models import EndReason, Match, MatchStatus
from solidarity.prisoners.choices import Status
from solidarity.prisoners.importing import import_apply, import_plan, runs
from tests.factories import FacilityFactory, MatchFactory, PrisonerFactory
from tests.prisoners.importing.files import make_csv, row

pytestmark = pytest.mark.django_db

RELEASED_ON = "13.12.2025"


def held(count: int, *, start: int, matched: bool):
    """`count` convicted records with ids from `start`; each with an active godparent if asked."""
    records = []
    for number in range(start, start + count):
        prisoner = PrisonerFactory(
            external_id=str(number),
            name_ru=f"Заключённый {number}",
            status=Status.CONVICTED,
            status_changed_on=datetime.date(2021, 9, 6),
        )
        if matched:
            MatchFactory(prisoner=prisoner, godparent__full_name=f"Godparent {number}")
        records.append(prisoner)
    return records


def released_rows(records):
    return [
        row(
            id=p.external_id,
            name=p.name_ru,
            status="former",
            release_date=RELEASED_ON,
            prison="освобожден",
        )
        for p in records
    ]


def test_the_dry_run_summarises_a_release_wave_with_each_persons_godparents():
    freed = held(6, start=100, matched=True)
    offered = held(1, start=200, matched=False)[0]
    MatchFactory(prisoner=offered, status=MatchStatus.OFFERED, responded_at=None,
                 godparent__full_name="Offered Godparent")  # fmt: skip
    dying = held(1, start=300, matched=True)[0]
    moving = held(1, start=400, matched=False)[0]
    gone = held(1, start=500, matched=False)[0]
    other = FacilityFactory(name="СИЗО-1 г. Минска", postal_address="ул. Володарского, 2\n220030")
    rows = [
        *released_rows([*freed, offered]),
        row(id=dying.external_id, name=dying.name_ru, died="01.11.2025"),
        row(
            id=moving.external_id,
            name=moving.name_ru,
            prison=f"{other.name}\n{other.postal_address}",
        ),
        row(id="900", name="Новый Человек"),
        row(id="901", name="", status="active"),  # invalid: no name
    ]
    record = runs.import_upload(
        content=make_csv(rows), filename="wave.csv", language="", publicity="basic", user=None
    )
    summary = {group["kind"]: group for group in record.summary}
    assert [group["kind"] for group in record.summary] == [
        "new", Status.RELEASED_SERVED, Status.DIED_IN_CUSTODY, "transferred", "gone",
    ]  # fmt: skip
    assert summary[Status.RELEASED_SERVED]["count"] == 7
    people = {p["name"]: p["godparents"] for p in summary[Status.RELEASED_SERVED]["people"]}
    assert people["Заключённый 100"] == ["Godparent 100"]
    assert people["Заключённый 200"] == ["Offered Godparent (Offered to the godparent)"]
    assert summary[Status.DIED_IN_CUSTODY]["people"][0]["godparents"] == ["Godparent 300"]
    assert summary["transferred"]["people"][0]["name"] == moving.name_ru
    assert summary["gone"]["people"][0]["name"] == gone.display_name
    assert summary["new"]["people"][0]["godparents"] == []


def apply_wave(records, on_commit):
    plan = import_plan(content=make_csv(released_rows(records)), filename="wave.csv")
    with on_commit(execute=True), CaptureQueriesContext(connection) as queries:
        result = import_apply(plan=plan)
    return result, len(queries)


def test_applying_ends_the_godparenthoods_and_queues_emails_in_a_fixed_number_of_statements(
    django_capture_on_commit_callbacks,
):
    small = held(3, start=1000, matched=True)
    result, small_queries = apply_wave(small, django_capture_on_commit_callbacks)
    assert result.status_changes == 3
    large = held(24, start=2000, matched=True)
    mail.outbox.clear()
    result, large_queries = apply_wave(large, django_capture_on_commit_callbacks)
    assert result.status_changes == 24
    # The dry run inside the apply reads every record; ending 8x more godparenthoods adds no
    # statement per match (a per-match transition was about ten each).
    assert large_queries <= small_queries + 4, (small_queries, large_queries)
    ended = Match.objects.filter(prisoner__in=large)
    assert set(ended.values_list("status", "end_reason")) == {
        (MatchStatus.ENDED, EndReason.PRISONER_RELEASED)
    }
    assert all(match.ended_at for match in ended)
    told = sorted(message.to[0] for message in mail.outbox)
    assert told == sorted(match.godparent.user.email for match in ended)  # one each, no more


def test_a_transfer_in_the_export_is_recorded_and_tells_the_godparent_the_new_address(
    django_capture_on_commit_callbacks,
):
    (prisoner,) = held(1, start=3000, matched=True)
    colony = "ИК-15\nул. Крупской, 232\n213410, г. Могилёв"
    rows = [row(id=prisoner.external_id, name=prisoner.name_ru, prison=colony)]
    plan = import_plan(content=make_csv(rows), filename="week.csv")
    assert [group.kind for group in plan.summary] == ["transferred"]
    with django_capture_on_commit_callbacks(execute=True):
        import_apply(plan=plan)
    prisoner.refresh_from_db()
    assert prisoner.facility.name == "ИК-15"
    change = prisoner.status_changes.get()
    assert (change.to_status, change.facility) == (Status.CONVICTED, prisoner.facility)
    (message,) = mail.outbox
    assert "213410, г. Могилёв" in message.body
