"""Admin viewsets: search, status changes, search keys, audit of restricted reads."""

import datetime

import pytest
from django.urls import reverse
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry
from wagtail.search.index import class_is_indexed

from solidarity.accounts.roles import Role
from solidarity.matching.models import MatchingRun
from solidarity.prisoners.choices import Publicity, Status
from solidarity.prisoners.models import Prisoner, PrisonerConfidential, StatusChange
from solidarity.prisoners.search import prisoner_search
from solidarity.prisoners.services import FUTURE_DATE_ERROR
from tests.factories import PrisonerConfidentialFactory, PrisonerFactory

from .conftest import admin_url

CANARIES = ("CANARY-HEALTH-7f3a", "CANARY-FAMILY-7f3a", "CANARY-NOTES-7f3a")


@pytest.fixture
def defender_client(client, role_users):
    client.force_login(role_users[Role.DEFENDER])
    return client


@pytest.fixture
def kalesnikava(db):
    return PrisonerFactory(
        name_be="Марыя Калеснікава", name_ru="Мария Колесникова", name_latin="Maryia Kalesnikava"
    )


@pytest.fixture
def bialiatski(db):
    return PrisonerFactory(
        name_be="Алесь Бяляцкі", name_ru="Алесь Беляцкий", name_latin="Ales Bialiatski"
    )


def _form_data(instance, user, **changes) -> dict:
    """The admin edit form's current values as POST data, with some fields changed."""
    form = type(instance).snippet_viewset.get_form_class()(instance=instance, for_user=user)
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if field.disabled or value in (None, False, [], ""):
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return {**data, **changes}


@pytest.mark.parametrize("query", ["Kolesnikova", "Калеснікава", "Kalesnikawa", "kales"])
def test_prisoner_search_finds_a_record_by_any_spelling(kalesnikava, bialiatski, query):
    found = prisoner_search(queryset=Prisoner.objects.all(), query=query)

    assert list(found) == [kalesnikava]


def test_prisoner_search_finds_a_record_by_its_external_id(kalesnikava, bialiatski):
    found = prisoner_search(queryset=Prisoner.objects.all(), query=kalesnikava.external_id)

    assert list(found) == [kalesnikava]


def test_prisoner_search_needs_every_word_to_match(kalesnikava):
    assert not prisoner_search(queryset=Prisoner.objects.all(), query="Maryia Bialiatski").exists()
    assert prisoner_search(queryset=Prisoner.objects.all(), query="Мария Kalesnikava").exists()


@pytest.mark.parametrize("query", ["Kolesnikova", "Калеснікава", "Kalesnikawa"])
def test_prisoner_listing_search_finds_a_record_by_any_spelling(
    defender_client, kalesnikava, bialiatski, query
):
    response = defender_client.get(admin_url(Prisoner, "list"), {"q": query})

    content = response.content.decode()
    assert response.status_code == 200
    assert kalesnikava.name_latin in content
    assert bialiatski.name_latin not in content


def test_prisoner_listing_results_view_uses_the_same_search(defender_client, kalesnikava):
    response = defender_client.get(admin_url(Prisoner, "list_results"), {"q": "Kolesnikova"})

    assert kalesnikava.name_latin in response.content.decode()


def test_prisoner_and_restricted_information_are_not_search_indexed():
    assert not class_is_indexed(Prisoner)
    assert not class_is_indexed(PrisonerConfidential)


def test_recording_a_status_change_writes_history_and_the_audit_entry(
    defender_client, role_users, kalesnikava
):
    url = admin_url(Prisoner, "status_change", kalesnikava.pk)

    response = defender_client.post(
        url,
        {"status": Status.RELEASED_PARDONED, "effective_on": "2025-09-11", "source": "Viasna"},
    )

    assert response.status_code == 302
    assert response.url == admin_url(Prisoner, "edit", kalesnikava.pk)
    change = StatusChange.objects.get(prisoner=kalesnikava)
    assert (change.from_status, change.to_status) == (Status.CONVICTED, Status.RELEASED_PARDONED)
    assert change.recorded_by == role_users[Role.DEFENDER]
    kalesnikava.refresh_from_db()
    assert kalesnikava.released_on == datetime.date(2025, 9, 11)
    history = defender_client.get(admin_url(Prisoner, "history", kalesnikava.pk))
    assert "Status changed from" in history.content.decode()


def test_a_status_change_in_the_future_is_refused_with_a_clear_error(defender_client, kalesnikava):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)

    response = defender_client.post(
        admin_url(Prisoner, "status_change", kalesnikava.pk),
        {"status": Status.RELEASED_PARDONED, "effective_on": tomorrow.isoformat()},
    )

    assert response.status_code == 200
    assert str(FUTURE_DATE_ERROR) in response.content.decode()
    assert not StatusChange.objects.exists()


def test_the_status_change_form_opens_from_the_prisoner_edit_page(defender_client, kalesnikava):
    response = defender_client.get(admin_url(Prisoner, "edit", kalesnikava.pk))

    assert admin_url(Prisoner, "status_change", kalesnikava.pk) in response.content.decode()
    status_form = defender_client.get(admin_url(Prisoner, "status_change", kalesnikava.pk))
    assert status_form.status_code == 200


def test_the_status_change_form_is_refused_to_users_who_cannot_edit_records(
    client, role_users, kalesnikava
):
    client.force_login(role_users[Role.GODPARENT])

    response = client.post(
        admin_url(Prisoner, "status_change", kalesnikava.pk),
        {"status": Status.RELEASED_PARDONED, "effective_on": "2025-09-11"},
    )

    assert response.status_code == 403  # a signed-in godparent: "this area is for staff"
    assert not StatusChange.objects.exists()


def test_editing_a_prisoner_name_in_the_admin_refreshes_its_search_keys_at_once(
    defender_client, role_users, kalesnikava, django_capture_on_commit_callbacks
):
    data = _form_data(
        kalesnikava, role_users[Role.DEFENDER], name_latin="Maria Kolesnikova Tsikhanouskaya"
    )

    # The queued job is not run here: the keys must be right without it.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = defender_client.post(admin_url(Prisoner, "edit", kalesnikava.pk), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(callbacks) == 1  # the background job still double-checks the record
    kalesnikava.refresh_from_db()
    assert "tsikhanouskaya" in kalesnikava.search_keys
    assert prisoner_search(queryset=Prisoner.objects.all(), query="Tsikhanouskaya").exists()


def test_status_is_read_only_in_the_prisoner_edit_form(defender_client, role_users, kalesnikava):
    data = _form_data(kalesnikava, role_users[Role.DEFENDER], status=Status.DIED_IN_CUSTODY)

    defender_client.post(admin_url(Prisoner, "edit", kalesnikava.pk), data)

    kalesnikava.refresh_from_db()
    assert kalesnikava.status == Status.CONVICTED


def test_opening_restricted_information_writes_an_audit_entry(defender_client, role_users):
    confidential = PrisonerConfidentialFactory()

    response = defender_client.get(admin_url(PrisonerConfidential, "edit", confidential.pk))

    assert response.status_code == 200
    entry = ModelLogEntry.objects.get(action="solidarity.view_restricted")
    assert entry.object_id == str(confidential.pk)
    assert entry.user == role_users[Role.DEFENDER]


def test_a_restricted_form_shown_again_after_an_error_is_audited_too(defender_client):
    confidential = PrisonerConfidentialFactory()

    response = defender_client.post(
        admin_url(PrisonerConfidential, "edit", confidential.pk),
        {"prisoner": "", "health": "changed"},
    )

    assert response.status_code == 200  # invalid: the form is shown again, with the data
    assert ModelLogEntry.objects.filter(
        action="solidarity.view_restricted", object_id=str(confidential.pk)
    ).exists()


def test_restricted_information_listing_shows_only_the_name_and_health_flag(defender_client):
    confidential = PrisonerConfidentialFactory()

    response = defender_client.get(admin_url(PrisonerConfidential, "list"))

    content = response.content.decode()
    assert confidential.prisoner.name_latin in content
    assert not any(canary in content for canary in CANARIES)
    assert not ModelLogEntry.objects.filter(action="solidarity.view_restricted").exists()


def test_restricted_information_listing_finds_a_prisoner_by_any_spelling(defender_client):
    confidential = PrisonerConfidentialFactory()

    response = defender_client.get(admin_url(PrisonerConfidential, "list"), {"q": "Kolesnikova"})

    assert confidential.prisoner.name_latin in response.content.decode()


def test_status_changes_cannot_be_added_through_the_generic_form_even_by_an_admin(
    client, role_users
):
    client.force_login(role_users[Role.ADMIN])

    response = client.get(admin_url(StatusChange, "add"))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_a_defender_cannot_open_an_organiser_only_view(defender_client):
    response = defender_client.get(admin_url(MatchingRun, "add"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "do not have permission" in response.content.decode()


def test_custom_log_actions_are_registered():
    assert log_registry.action_exists("solidarity.status_change")
    assert log_registry.action_exists("solidarity.view_restricted")


@pytest.mark.parametrize(
    "key",
    ["prisoner", "facility", "statuschange", "godparentprofile", "parliament", "godparentstaff",
     "match", "matchingrun", "letter", "advocacyaction", "reportrun"],
)  # fmt: skip
def test_inspect_and_history_views_open_for_an_organiser(client, role_users, records, key):
    record = records[key]
    client.force_login(role_users[Role.ORGANISER])

    # History needs the permission to change; status changes are never changed.
    for view in ("inspect",) if key == "statuschange" else ("inspect", "history"):
        assert client.get(admin_url(type(record), view, record.pk)).status_code == 200


@pytest.mark.parametrize(
    "params",
    [{"status": "convicted"}, {"publicity": "basic"}, {"region": "minsk"}, {"gender": "female"},
     {"facility__kind": "colony"}, {"ordering": "-sort_name"}],
)  # fmt: skip
def test_prisoner_listing_filters_keep_the_matching_record(defender_client, kalesnikava, params):
    response = defender_client.get(admin_url(Prisoner, "list"), params)

    assert kalesnikava.name_latin in response.content.decode()


def test_prisoner_edit_form_shows_names_first_then_facts_then_publicity(
    defender_client, kalesnikava
):
    content = defender_client.get(admin_url(Prisoner, "edit", kalesnikava.pk)).content.decode()

    fields = ("name_be", "name_ru", "name_latin", "birth_date", "detained_on", "publicity")
    positions = [content.index(f'name="{field}"') for field in fields]
    assert positions == sorted(positions)


def test_the_profile_edit_form_cannot_verify_decisions_go_through_the_queue(
    client, role_users, records
):
    organiser = role_users[Role.ORGANISER]
    profile = records["godparentprofile"]
    profile.verification_state, profile.verified_at = "unverified", None
    profile.save()
    client.force_login(organiser)
    data = _form_data(profile, organiser, verification_state="verified", party="Changed")

    response = client.post(admin_url(type(profile), "edit", profile.pk), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    profile.refresh_from_db()
    assert profile.party == "Changed"
    assert profile.verification_state == "unverified"
    assert profile.verified_at is None


def test_prisoner_chooser_finds_a_record_by_any_spelling(defender_client, kalesnikava, bialiatski):
    viewset = Prisoner.snippet_viewset.chooser_viewset

    response = defender_client.get(
        reverse(viewset.get_url_name("choose_results")), {"q": "Kolesnikova"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert kalesnikava.name_latin in content
    assert bialiatski.name_latin not in content


@pytest.mark.parametrize("model", [Prisoner, PrisonerConfidential])
def test_listing_query_count_does_not_grow_with_the_rows(defender_client, model):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_listing() -> int:
        with CaptureQueriesContext(connection) as context:
            assert defender_client.get(admin_url(model, "list")).status_code == 200
        return len(context)

    PrisonerConfidentialFactory.create_batch(3)
    few = queries_for_listing()
    PrisonerConfidentialFactory.create_batch(20)

    assert queries_for_listing() == few


@pytest.mark.django_db
def test_a_manual_match_in_the_admin_goes_through_the_hard_constraints(client):
    from solidarity.godparents.models import VerificationState
    from solidarity.matching.models import Match
    from tests.factories import GodparentProfileFactory, PrisonerFactory, user_with_role

    client.force_login(user_with_role(Role.ORGANISER))
    url = reverse("wagtailsnippets_matching_match:add")
    unverified = GodparentProfileFactory(
        verification_state=VerificationState.UNVERIFIED, verified_at=None
    )
    prisoner = PrisonerFactory()

    refused = client.post(url, {"godparent": unverified.pk, "prisoner": prisoner.pk})
    accepted = client.post(
        url, {"godparent": GodparentProfileFactory().pk, "prisoner": prisoner.pk}
    )

    assert refused.status_code == 200
    assert "Only verified godparents can be matched." in refused.content.decode()
    assert accepted.status_code == 302
    assert Match.objects.get().proposed_by is not None


def test_making_a_withheld_record_public_needs_a_reason_that_the_history_keeps(
    defender_client, role_users, kalesnikava
):
    """Imports never raise publicity (`np`, a family's refusal); a person may, saying why."""
    Prisoner.objects.filter(pk=kalesnikava.pk).update(publicity=Publicity.NONE)
    kalesnikava.refresh_from_db()
    user = role_users[Role.DEFENDER]
    url = admin_url(Prisoner, "edit", kalesnikava.pk)

    refused = defender_client.post(url, _form_data(kalesnikava, user, publicity="basic"))
    assert refused.status_code == 200
    assert "Say why it may be public now" in refused.content.decode()
    kalesnikava.refresh_from_db()
    assert kalesnikava.publicity == Publicity.NONE

    reason = "The family agreed by phone on 2 December 2026 (A. K., defender)."
    data = _form_data(kalesnikava, user, publicity="basic", publicity_reason=reason)
    assert defender_client.post(url, data).status_code == 302
    kalesnikava.refresh_from_db()
    assert kalesnikava.publicity == Publicity.BASIC
    entry = ModelLogEntry.objects.get(action="solidarity.publicity_raised")
    assert (entry.user, entry.data["reason"], entry.data["from"]) == (user, reason, "none")
