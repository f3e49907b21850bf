"""The bulk path for imports: what one `prisoner_status_change` per change does, in few queries."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.exceptions import ValidationError
from wagtail.log_actions import LogContext
from wagtail.models import ModelLogEntry

from solidarity.common.pagecache import GENERATION_KEY, PAGE_CACHE_ALIAS
from solidarity.prisoners.choices import Status
from solidarity.prisoners.models import Prisoner, StatusChange
from solidarity.prisoners.services import (
    BEFORE_DETENTION_ERROR,
    EARLIER_THAN_CURRENT_ERROR,
    FUTURE_DATE_ERROR,
    SAME_STATUS_ERROR,
    StatusChangeRequest,
    prisoner_status_change,
    prisoner_status_change_many,
)
from tests.factories import FacilityFactory, PrisonerFactory, UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 9, 11)
LATER = DAY + datetime.timedelta(days=30)
SOURCE = "https://spring96.org/export.csv"
NEW_FACILITY = "new facility"
# One statement each: savepoint, lock, history, records, audit, release; plus the page-cache
# bump, which costs a few queries when that cache lives in the database (the default).
MAX_QUERIES = 12

# Each scenario: the steps (status, effective date, note, facility) applied to one record.
SCENARIOS = {
    "release-served": [(Status.RELEASED_SERVED, DAY, "", None)],
    "pardon": [(Status.RELEASED_PARDONED, DAY, "Pardoned by decree", None)],
    "amnesty": [(Status.RELEASED_AMNESTIED, DAY, "", None)],
    "exchange": [(Status.RELEASED_EXCHANGED, DAY, "", None)],
    "deportation": [(Status.DEPORTED, DAY, "", None)],
    "death": [(Status.DIED_IN_CUSTODY, DAY, "", None)],
    "transfer": [(Status.CONVICTED, DAY, "", NEW_FACILITY)],
    "transit": [(Status.IN_TRANSIT, DAY, "", NEW_FACILITY)],
    "release-then-re-arrest": [
        (Status.RELEASED_SERVED, DAY, "", None),
        (Status.PRE_TRIAL, LATER, "Detained again", None),
    ],
    "release-then-no-longer-recognised": [
        (Status.RELEASED_PARDONED, DAY, "", None),
        (Status.NO_LONGER_RECOGNISED, LATER, "", None),
    ],
}


def _requests(prisoner, steps, facility):
    return [
        StatusChangeRequest(
            prisoner_id=prisoner.pk,
            status=status,
            effective_on=effective_on,
            note=note,
            facility=facility if facility_key == NEW_FACILITY else None,
        )
        for status, effective_on, note, facility_key in steps
    ]


def _apply_one_by_one(requests, recorded_by):
    for request in requests:
        prisoner_status_change(
            prisoner=Prisoner(pk=request.prisoner_id),
            status=request.status,
            effective_on=request.effective_on,
            source=SOURCE,
            note=request.note,
            facility=request.facility,
            recorded_by=recorded_by,
        )


def _state(prisoner):
    """Everything a status change writes about one record, without the record's own ids."""
    prisoner.refresh_from_db()
    record = (
        prisoner.status,
        prisoner.status_changed_on,
        prisoner.released_on,
        prisoner.died_on,
        prisoner.facility_id,
    )
    history = list(
        prisoner.status_changes.order_by("pk").values_list(
            "from_status", "to_status", "effective_on", "source", "note", "facility", "recorded_by"
        )
    )
    audit = list(
        ModelLogEntry.objects.filter(object_id=str(prisoner.pk))
        .order_by("pk")
        .values_list("action", "content_type", "label", "user", "data")
    )
    return record, history, audit


def _twins(facility, count=2):
    """Records alike in every field a status change reads, so their results can be compared."""
    return [PrisonerFactory(status=Status.CONVICTED, facility=facility) for _ in range(count)]


@pytest.mark.parametrize("steps", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_a_batch_writes_what_one_call_per_change_writes(steps):
    facility, new_facility, defender = FacilityFactory(), FacilityFactory(), UserFactory()
    one_by_one, batched = _twins(facility)

    _apply_one_by_one(_requests(one_by_one, steps, new_facility), defender)
    count = prisoner_status_change_many(
        changes=_requests(batched, steps, new_facility), source=SOURCE, recorded_by=defender
    )

    assert count == len(steps)
    assert _state(batched) == _state(one_by_one)
    assert len(_state(batched)[2]) == len(steps)


def test_a_mixed_batch_over_many_records_matches_the_single_service():
    facility, new_facility, defender = FacilityFactory(), FacilityFactory(), UserFactory()
    pairs = {name: _twins(facility) for name in SCENARIOS}

    for name, (one_by_one, _batched) in pairs.items():
        _apply_one_by_one(_requests(one_by_one, SCENARIOS[name], new_facility), defender)
    batch = [
        request
        for name, (_one_by_one, batched) in pairs.items()
        for request in _requests(batched, SCENARIOS[name], new_facility)
    ]
    prisoner_status_change_many(changes=batch, source=SOURCE, recorded_by=defender)

    for name, (one_by_one, batched) in pairs.items():
        assert _state(batched) == _state(one_by_one), name


def test_audit_entries_take_the_user_and_uuid_of_the_active_log_context_as_log_does():
    facility, defender = FacilityFactory(), UserFactory()
    one_by_one, batched = _twins(facility)

    with LogContext(user=defender) as single_context:
        _apply_one_by_one(_requests(one_by_one, SCENARIOS["death"], None), None)
    with LogContext(user=defender) as batch_context:
        prisoner_status_change_many(
            changes=_requests(batched, SCENARIOS["death"], None), source=SOURCE, recorded_by=None
        )

    single = ModelLogEntry.objects.get(object_id=str(one_by_one.pk))
    entry = ModelLogEntry.objects.get(
        action="solidarity.status_change",
        object_id=str(batched.pk),
        content_type=ContentType.objects.get_for_model(Prisoner),
    )
    assert (single.user, single.uuid) == (defender, single_context.uuid)
    assert (entry.user, entry.uuid) == (defender, batch_context.uuid)
    assert entry.data == {
        "from": Status.CONVICTED,
        "to": Status.DIED_IN_CUSTODY,
        "effective_on": DAY.isoformat(),
    }
    assert entry.label == str(batched)


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([(Status.CONVICTED, DAY, "", None)], SAME_STATUS_ERROR),
        (
            [
                (
                    Status.RELEASED_PARDONED,
                    datetime.date.today() + datetime.timedelta(days=1),
                    "",
                    None,
                )
            ],
            FUTURE_DATE_ERROR,
        ),
        ([(Status.RELEASED_PARDONED, datetime.date(2019, 1, 1), "", None)], BEFORE_DETENTION_ERROR),
        (
            [(Status.RELEASED_SERVED, LATER, "", None), (Status.PRE_TRIAL, DAY, "", None)],
            EARLIER_THAN_CURRENT_ERROR,
        ),
        ([("on_holiday", DAY, "", None)], "is not a valid choice"),
    ],
    ids=["same-status", "future-date", "before-detention", "earlier-in-batch", "unknown-status"],
)
def test_one_invalid_change_refuses_the_whole_batch_and_names_its_record(steps, message):
    facility = FacilityFactory()
    valid, invalid = _twins(facility)
    batch = [
        *_requests(valid, SCENARIOS["release-served"], None),
        *_requests(invalid, steps, None),
    ]

    with pytest.raises(ValidationError) as excinfo:
        prisoner_status_change_many(changes=batch, source=SOURCE, recorded_by=UserFactory())

    assert str(message) in str(excinfo.value)
    assert f"Record {invalid.pk} ({invalid})" in str(excinfo.value)
    assert not StatusChange.objects.exists()
    assert not ModelLogEntry.objects.filter(action="solidarity.status_change").exists()
    for prisoner in (valid, invalid):
        prisoner.refresh_from_db()
        assert (prisoner.status, prisoner.released_on) == (Status.CONVICTED, None)


def test_a_failure_while_writing_the_audit_rolls_the_whole_batch_back(monkeypatch):
    facility = FacilityFactory()
    prisoners = _twins(facility)

    def broken_audit(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(ModelLogEntry.objects, "bulk_create", broken_audit)
    batch = [request for p in prisoners for request in _requests(p, SCENARIOS["death"], None)]
    with pytest.raises(RuntimeError):
        prisoner_status_change_many(changes=batch, source=SOURCE, recorded_by=None)

    assert not StatusChange.objects.exists()
    for prisoner in prisoners:
        prisoner.refresh_from_db()
        assert (prisoner.status, prisoner.died_on) == (Status.CONVICTED, None)


def test_a_change_for_a_missing_record_is_refused_as_by_the_single_service():
    prisoner = PrisonerFactory(status=Status.CONVICTED)
    batch = [
        *_requests(prisoner, SCENARIOS["death"], None),
        StatusChangeRequest(
            prisoner_id=prisoner.pk + 1000, status=Status.DEPORTED, effective_on=DAY
        ),
    ]

    with pytest.raises(Prisoner.DoesNotExist):
        prisoner_status_change_many(changes=batch, source=SOURCE, recorded_by=None)

    assert not StatusChange.objects.exists()


def test_an_empty_batch_writes_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert prisoner_status_change_many(changes=[], source=SOURCE, recorded_by=None) == 0


def _batch_of(size, facility, *, varied=False):
    """Records made in one INSERT; with `varied`, each change has its own status and date."""
    prisoners = Prisoner.objects.bulk_create(
        PrisonerFactory.build(status=Status.CONVICTED, facility=facility) for _ in range(size)
    )
    statuses = [Status.RELEASED_PARDONED, Status.DIED_IN_CUSTODY, Status.IN_TRANSIT]
    return [
        StatusChangeRequest(
            prisoner_id=p.pk,
            status=statuses[i % 3] if varied else Status.RELEASED_PARDONED,
            effective_on=DAY - datetime.timedelta(days=i if varied else 0),
        )
        for i, p in enumerate(prisoners)
    ]


def test_the_number_of_queries_does_not_grow_with_the_batch(django_assert_max_num_queries):
    """Lock, history, records, audit and the page-cache bump: the same statements for 5 or 80.

    80 changes fit in one statement of each kind even on SQLite, whose 999-parameter limit
    makes Django split an INSERT of log entries (11 columns) every 90 rows.
    """
    facility, defender = FacilityFactory(), UserFactory()
    ContentType.objects.get_for_model(Prisoner)  # cached for the process, as in production
    counts = []
    for size in (5, 80):
        batch = _batch_of(size, facility, varied=True)
        with django_assert_max_num_queries(MAX_QUERIES) as captured:
            prisoner_status_change_many(changes=batch, source=SOURCE, recorded_by=defender)
        counts.append(len(captured))

    assert counts[0] == counts[1]
    assert StatusChange.objects.count() == ModelLogEntry.objects.count() == 85


def test_a_larger_batch_costs_a_few_statements_per_hundred_changes(django_assert_max_num_queries):
    facility = FacilityFactory()
    ContentType.objects.get_for_model(Prisoner)
    batch = _batch_of(200, facility, varied=True)

    # SQLite splits each write every 90 to 140 rows (2 + 2 + 3 statements); PostgreSQL does not.
    with django_assert_max_num_queries(MAX_QUERIES + 4):
        prisoner_status_change_many(changes=batch, source=SOURCE, recorded_by=None)

    records = Prisoner.objects.in_bulk([request.prisoner_id for request in batch])
    for request in batch:
        record = records[request.prisoner_id]
        assert (record.status, record.status_changed_on) == (request.status, request.effective_on)
        released = request.effective_on if request.status == Status.RELEASED_PARDONED else None
        died = request.effective_on if request.status == Status.DIED_IN_CUSTODY else None
        assert (record.released_on, record.died_on) == (released, died)


def test_a_batch_makes_cached_public_pages_stale():
    cache = caches[PAGE_CACHE_ALIAS]
    cache.set(GENERATION_KEY, "before the import", timeout=None)
    batch = _batch_of(3, FacilityFactory())

    prisoner_status_change_many(changes=batch, source=SOURCE, recorded_by=None)

    assert cache.get(GENERATION_KEY) != "before the import"
