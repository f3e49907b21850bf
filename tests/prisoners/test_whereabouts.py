"""Where a released person is now, and their consent to further contact (issue 18)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from solidarity.accounts.roles import Role
from solidarity.prisoners.choices import ContactConsent, Situation, Status
from solidarity.prisoners.models import (
    COUNTRY_NOT_ABROAD_ERROR,
    SAFE_ONLY_IN_BELARUS_ERROR,
    Whereabouts,
)
from solidarity.prisoners.services import (
    WHEREABOUTS_ACTION,
    WhereaboutsRequest,
    whereabouts_record,
)
from tests.factories import PrisonerFactory, user_with_role

pytestmark = pytest.mark.django_db

DEPORTED_TO_LITHUANIA = WhereaboutsRequest(
    situation=Situation.DEPORTED,
    country="LT",
    since=datetime.date(2025, 12, 13),
    consent=ContactConsent.SUPPORT,
    notes="Needs a passport; staying with friends near Vilnius.",
)


@pytest.fixture
def deported():
    return PrisonerFactory(status=Status.DEPORTED, released_on=datetime.date(2025, 12, 13))


@pytest.fixture
def defender():
    return user_with_role(Role.DEFENDER)


def test_a_deported_person_is_recorded_with_the_country_and_who_recorded_the_consent(
    deported, defender
):
    record = whereabouts_record(prisoner=deported, request=DEPORTED_TO_LITHUANIA, by=defender)

    record.refresh_from_db()
    assert (record.situation, record.country.code) == (Situation.DEPORTED, "LT")
    assert record.consent == ContactConsent.SUPPORT
    assert record.consent_recorded_by == defender
    assert timezone.now() - record.consent_recorded_at < datetime.timedelta(minutes=1)
    entry = ModelLogEntry.objects.get(action=WHEREABOUTS_ACTION, object_id=str(record.pk))
    # The audit names what changed, never where the person is.
    assert "LT" not in str(entry.data)
    assert "Vilnius" not in str(entry.data)
    assert "country" in entry.data["changed"]


def test_saving_the_same_answer_twice_makes_one_row_and_keeps_the_first_stamp(deported, defender):
    first = whereabouts_record(prisoner=deported, request=DEPORTED_TO_LITHUANIA, by=defender)
    organiser = user_with_role(Role.ORGANISER)

    again = whereabouts_record(prisoner=deported, request=DEPORTED_TO_LITHUANIA, by=organiser)

    assert Whereabouts.objects.count() == 1
    again.refresh_from_db()
    assert again.consent_recorded_by == defender
    assert again.consent_recorded_at == first.consent_recorded_at
    assert ModelLogEntry.objects.filter(action=WHEREABOUTS_ACTION).count() == 1


def test_a_changed_consent_is_stamped_with_who_changed_it(deported, defender):
    whereabouts_record(prisoner=deported, request=DEPORTED_TO_LITHUANIA, by=defender)
    organiser = user_with_role(Role.ORGANISER)
    refused = WhereaboutsRequest(
        situation=Situation.DEPORTED, country="LT", consent=ContactConsent.REFUSED
    )

    record = whereabouts_record(prisoner=deported, request=refused, by=organiser)

    assert (record.consent, record.consent_recorded_by) == (ContactConsent.REFUSED, organiser)


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (WhereaboutsRequest(situation=Situation.DEPORTED), "country"),
        (WhereaboutsRequest(situation=Situation.LEFT), "country"),
        (WhereaboutsRequest(situation=Situation.IN_BELARUS, country="LT"), "country"),
        (WhereaboutsRequest(situation=Situation.UNKNOWN, country="PL"), "country"),
        (
            WhereaboutsRequest(situation=Situation.DEPORTED, country="LT", safe_to_publish=True),
            "safe_to_publish",
        ),
        (
            WhereaboutsRequest(
                situation=Situation.IN_BELARUS,
                since=timezone.localdate() + datetime.timedelta(days=1),
            ),
            "since",
        ),
    ],
)
def test_a_statement_that_cannot_be_true_is_refused_with_its_field(deported, request_, field):
    with pytest.raises(ValidationError) as refused:
        whereabouts_record(prisoner=deported, request=request_, by=None)

    assert field in refused.value.message_dict
    assert not Whereabouts.objects.exists()


def test_a_person_still_held_has_no_whereabouts():
    held = PrisonerFactory(status=Status.CONVICTED)

    with pytest.raises(ValidationError) as refused:
        whereabouts_record(
            prisoner=held, request=WhereaboutsRequest(situation=Situation.UNKNOWN), by=None
        )

    assert "prisoner" in refused.value.message_dict


def test_a_defender_confirms_new_details_safe_for_a_person_released_in_belarus(defender):
    released = PrisonerFactory(status=Status.RELEASED_SERVED, released_on=datetime.date(2026, 3, 1))
    frozen = WhereaboutsRequest(situation=Situation.IN_BELARUS)
    whereabouts_record(prisoner=released, request=frozen, by=defender)

    record = whereabouts_record(
        prisoner=released,
        request=WhereaboutsRequest(situation=Situation.IN_BELARUS, safe_to_publish=True),
        by=defender,
    )

    assert (record.safe_to_publish, record.safe_confirmed_by) == (True, defender)
    withdrawn = whereabouts_record(prisoner=released, request=frozen, by=defender)
    assert (withdrawn.safe_to_publish, withdrawn.safe_confirmed_by) == (False, None)


def test_the_admin_form_records_through_the_service_and_shows_its_errors(client, deported):
    organiser = user_with_role(Role.ORGANISER)
    client.force_login(organiser)
    url = reverse("wagtailsnippets_prisoners_whereabouts:add")
    form = {
        "prisoner": deported.pk,
        "situation": Situation.DEPORTED,
        "country": "",
        "since": "2025-12-13",
        "consent": ContactConsent.CONTACT,
        "notes": "",
    }

    refused = client.post(url, form)

    assert refused.status_code == 200
    assert "Say which country" in refused.content.decode()
    assert not Whereabouts.objects.exists()

    client.post(url, form | {"country": "LT"})

    record = Whereabouts.objects.get()
    assert (record.country.code, record.consent_recorded_by) == ("LT", organiser)


@pytest.mark.parametrize(
    ("situation", "changes", "message"),
    [
        # The model form checks the database constraints before the service is called: each
        # must speak the service's words, not Django's "Constraint … is violated".
        (Situation.IN_BELARUS, {"country": "LT"}, COUNTRY_NOT_ABROAD_ERROR),
        (
            Situation.DEPORTED,
            {"country": "LT", "safe_to_publish": "on"},
            SAFE_ONLY_IN_BELARUS_ERROR,
        ),
    ],
)
def test_the_admin_form_explains_a_contradiction_in_the_users_language(
    client, deported, situation, changes, message
):
    defender = user_with_role(Role.DEFENDER)
    profile = UserProfile.get_for_user(defender)
    profile.preferred_language = "be"  # the admin speaks each user's chosen language
    profile.save()
    client.force_login(defender)
    form = {
        "prisoner": deported.pk,
        "situation": situation,
        "since": "2025-12-13",
        "consent": ContactConsent.NOT_ASKED,
        "notes": "",
    } | changes

    refused = client.post(reverse("wagtailsnippets_prisoners_whereabouts:add"), form)

    with translation.override("be"):
        expected = escape(str(message))
    with translation.override("en"):
        assert expected != escape(str(message)), "the message has a Belarusian translation"
    page = refused.content.decode()
    assert refused.status_code == 200
    assert expected in page
    assert "is violated" not in page
    assert not Whereabouts.objects.exists()
