"""Godparenthood after a release abroad (issue 18): the choice, consent, needs, the exile pool.

Fixtures use the list's real words: the English list writes "Deported to Lithuania" in the place
column of a former prisoner, the Russian one "Депортирован в Литву".
"""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from solidarity.accounts.roles import Role
from solidarity.activity.models import ActionKind
from solidarity.matching.exile import (
    EXILE_NEED_ACTION,
    NOT_ABROAD_ERROR,
    exile_need_record,
    match_release_choose,
)
from solidarity.matching.models import (
    EndReason,
    ExileNeed,
    Match,
    MatchStatus,
    NeedKind,
    NeedStatus,
    ReleaseChoice,
    RunStatus,
    Support,
)
from solidarity.matching.pool import pool_load
from solidarity.matching.runs import matching_run_approve, matching_run_start
from solidarity.matching.services import match_accept, match_end
from solidarity.prisoners.choices import ContactConsent, Situation, Status
from solidarity.prisoners.importing import import_apply, import_plan
from solidarity.prisoners.models import Whereabouts
from solidarity.prisoners.services import (
    WhereaboutsRequest,
    prisoner_status_change,
    whereabouts_record,
)
from tests.factories import PrisonerFactory, user_with_role
from tests.factories.godparents import GodparentProfileFactory, ParliamentFactory
from tests.factories.matching import MatchFactory
from tests.prisoners.importing.files import make_csv, row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]
DEPORTED_ON = datetime.date(2025, 12, 13)


@pytest.fixture
def defender():
    return user_with_role(Role.DEFENDER)


@pytest.fixture
def supported():
    """A convicted woman with a German godparent (an account, English emails)."""
    godparent = GodparentProfileFactory(
        full_name="Anna Abgeordnete", user=user_with_role(Role.GODPARENT, preferred_language="en")
    )
    return MatchFactory(
        godparent=godparent,
        prisoner=PrisonerFactory(external_id="1001", status=Status.CONVICTED),
    )


def deport(match: Match, *, language: str = "en", place: str = "Deported to Lithuania"):
    """The weekly list marks the person a former prisoner, deported (the real notation)."""
    content = make_csv(
        [row(status="former", release_date="13.12.2025", prison=place)], language=language
    )
    plan = import_plan(content=content, filename="list.csv")
    import_apply(plan=plan)
    match.refresh_from_db()
    return plan


def consent(prisoner, consent: str, *, by, country: str = "LT"):
    prisoner.refresh_from_db()  # released since it was loaded
    return whereabouts_record(
        prisoner=prisoner,
        request=WhereaboutsRequest(
            situation=Situation.DEPORTED, country=country, since=DEPORTED_ON, consent=consent
        ),
        by=by,
    )


def choice_path(body: str) -> str:
    found = re.search(r"(/en/me/release/[^/\s]+/)", body)
    assert found, body
    return found.group(1)


# --- The import writes where, and the godparent is asked -------------------------------------


@pytest.mark.parametrize(
    ("language", "place", "country"),
    [
        ("en", "Deported to Lithuania", "LT"),
        ("ru", "Депортирован в Литву", "LT"),
        ("be", "Дэпартаваная ў Польшчу", "PL"),
        ("ru", "Выслана в Украину, затем в Польшу", "UA"),
    ],
)
def test_an_import_records_where_a_deported_person_was_taken_as_restricted_whereabouts(
    supported, language, place, country
):
    plan = deport(supported, language=language, place=place)

    prisoner = supported.prisoner
    prisoner.refresh_from_db()
    record = Whereabouts.objects.get(prisoner=prisoner)
    assert prisoner.status == Status.DEPORTED
    assert (record.situation, record.country.code, record.since) == (
        Situation.DEPORTED,
        country,
        DEPORTED_ON,
    )
    assert record.consent == ContactConsent.NOT_ASKED
    [planned] = plan.rows
    assert planned.deported_to == country
    # The country is nowhere on the record's public fields.
    public_text = " ".join(str(value) for value in prisoner.__dict__.values())
    assert record.country.name not in public_text


def test_an_unknown_destination_is_a_warning_and_nothing_is_guessed(supported):
    plan = deport(supported, place="Deported to Atlantis")

    [planned] = plan.rows
    assert any("names no country" in warning for warning in planned.warnings)
    assert not Whereabouts.objects.exists()


def test_a_later_list_does_not_overwrite_what_defenders_recorded_since(supported, defender):
    deport(supported)
    consent(supported.prisoner, ContactConsent.SUPPORT, by=defender, country="PL")

    content = make_csv(
        [row(status="former", release_date="13.12.2025", prison="Deported to Lithuania")]
    )
    import_apply(plan=import_plan(content=content, filename="list.csv"))

    record = Whereabouts.objects.get()
    assert (record.country.code, record.consent) == ("PL", ContactConsent.SUPPORT)


def test_the_godparent_of_a_deported_person_is_asked_to_choose(supported, outbox):
    deport(supported)

    assert (supported.status, supported.end_reason) == (
        MatchStatus.ENDED,
        EndReason.PRISONER_RELEASED,
    )
    [email] = outbox
    assert "/en/me/release/" in email.body
    assert "continue to support them in exile" in email.body
    assert "Lithuania" not in email.body  # where the person lives is not in an email


def test_a_person_released_inside_belarus_is_never_offered_continued_contact(supported, outbox):
    prisoner_status_change(
        prisoner=supported.prisoner, status=Status.RELEASED_PARDONED, effective_on=DEPORTED_ON
    )
    supported.refresh_from_db()

    [email] = outbox
    assert "/me/release/" not in email.body
    with pytest.raises(ValidationError) as refused:
        match_release_choose(match=supported, choice=ReleaseChoice.CONTINUE, by=None)
    assert NOT_ABROAD_ERROR in refused.value.messages


# --- The choice ---------------------------------------------------------------------------


def test_continue_waits_for_consent_then_opens_support_in_exile(
    supported, client, defender, outbox
):
    deport(supported)
    client.force_login(supported.godparent.user)
    path = choice_path(outbox[0].body)  # the email's own link

    page = client.get(path)
    assert page.status_code == 200
    answered = client.post(path, {"choice": ReleaseChoice.CONTINUE})

    assert answered.status_code == 302
    supported.refresh_from_db()
    assert supported.release_choice == ReleaseChoice.CONTINUE
    assert not Match.objects.filter(support=Support.IN_EXILE).exists()  # no consent yet

    consent(supported.prisoner, ContactConsent.CONTACT, by=defender)

    exile = Match.objects.get(support=Support.IN_EXILE)
    assert (exile.godparent, exile.prisoner, exile.status) == (
        supported.godparent,
        supported.prisoner,
        MatchStatus.ACTIVE,
    )
    dashboard = client.get(reverse("portal:dashboard")).content.decode()
    assert "Support in exile" in dashboard
    assert reverse("portal:exile_needs", args=[exile.pk]) in dashboard


def test_continuing_twice_makes_one_godparenthood_in_exile(supported, defender):
    deport(supported)
    consent(supported.prisoner, ContactConsent.SUPPORT, by=defender)

    first = match_release_choose(match=supported, choice=ReleaseChoice.CONTINUE, by=None)
    again = match_release_choose(match=supported, choice=ReleaseChoice.CONTINUE, by=None)

    assert first.exile_match == again.exile_match
    assert Match.objects.filter(support=Support.IN_EXILE).count() == 1
    with pytest.raises(ValidationError):
        match_release_choose(match=supported, choice=ReleaseChoice.CLOSE, by=None)


def test_a_refused_consent_keeps_a_continue_choice_waiting(supported, defender):
    deport(supported)
    match_release_choose(match=supported, choice=ReleaseChoice.CONTINUE, by=None)

    consent(supported.prisoner, ContactConsent.REFUSED, by=defender)

    assert not Match.objects.filter(support=Support.IN_EXILE).exists()


def test_someone_elses_link_is_not_found(supported, client, outbox):
    deport(supported)
    path = choice_path(outbox[0].body)
    client.force_login(GodparentProfileFactory(user=user_with_role(Role.GODPARENT)).user)

    assert client.get(path).status_code == 404
    assert client.get("/en/me/release/forged-token/").status_code == 404


def test_an_unknown_choice_is_refused_with_the_form_and_changes_nothing(supported, client, outbox):
    deport(supported)
    client.force_login(supported.godparent.user)
    path = choice_path(outbox[0].body)

    answer = client.post(path, {"choice": "stay-forever"})

    assert answer.status_code == 200
    assert answer.context["form"].errors["choice"]
    supported.refresh_from_db()
    assert supported.release_choice == ""
    assert not Match.objects.filter(support=Support.IN_EXILE).exists()


def test_a_person_arrested_again_is_no_longer_offered_to_continue(supported, client, outbox):
    """The email's link stops working and the dashboard stops asking once the person is held
    again (the weekly list marks them detained): there is nobody abroad to support."""
    deport(supported)
    client.force_login(supported.godparent.user)
    path = choice_path(outbox[0].body)
    assert "release/" in client.get(reverse("portal:dashboard")).content.decode()

    supported.prisoner.refresh_from_db()
    prisoner_status_change(
        prisoner=supported.prisoner,
        status=Status.PRE_TRIAL,
        effective_on=datetime.date(2026, 2, 1),
    )

    assert client.get(path).status_code == 404
    assert "release/" not in client.get(reverse("portal:dashboard")).content.decode()


# --- Needs ----------------------------------------------------------------------------------


@pytest.fixture
def in_exile(supported, defender):
    deport(supported)
    consent(supported.prisoner, ContactConsent.SUPPORT, by=defender)
    return match_release_choose(match=supported, choice=ReleaseChoice.CONTINUE, by=None).exile_match


def test_a_godparent_records_a_need_once_even_when_posted_twice(in_exile, client):
    client.force_login(in_exile.godparent.user)
    url = reverse("portal:exile_needs", args=[in_exile.pk])
    need = {"kind": NeedKind.DOCUMENTS, "status": NeedStatus.OPEN, "note": "CANARY-NEED-91c2"}

    client.post(url, need)
    client.post(url, need)

    [recorded] = ExileNeed.objects.all()
    assert (recorded.kind, recorded.note, recorded.recorded_by) == (
        NeedKind.DOCUMENTS,
        "CANARY-NEED-91c2",
        in_exile.godparent.user,
    )
    page = client.get(url).content.decode()
    assert "CANARY-NEED-91c2" in page
    entry = ModelLogEntry.objects.get(action=EXILE_NEED_ACTION)
    assert "CANARY-NEED-91c2" not in str(entry.data)


def test_only_the_persons_godparents_open_the_needs(in_exile, client):
    url = reverse("portal:exile_needs", args=[in_exile.pk])
    client.force_login(GodparentProfileFactory(user=user_with_role(Role.GODPARENT)).user)
    assert client.get(url).status_code == 404


def test_the_needs_of_an_ended_support_in_exile_are_closed_to_the_godparent(in_exile, client):
    """Closing the godparenthood in exile closes its needs page: the needs stay with the
    organisers and defenders, who may hand the person over to someone else."""
    client.force_login(in_exile.godparent.user)
    url = reverse("portal:exile_needs", args=[in_exile.pk])
    assert client.get(url).status_code == 200

    match_end(match=in_exile, by=None, reason=EndReason.GODPARENT_LEFT)

    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"kind": NeedKind.HOUSING, "status": NeedStatus.OPEN}).status_code == 404
    )
    assert not ExileNeed.objects.exists()


def test_needs_are_for_people_in_exile_only():
    held = PrisonerFactory(status=Status.CONVICTED)
    with pytest.raises(ValidationError):
        exile_need_record(
            prisoner=held, kind=NeedKind.HOUSING, status=NeedStatus.OPEN, note="", by=None
        )


def test_the_exile_action_kinds_exist_for_the_godparents_log():
    labels = {str(kind.label) for kind in ActionKind}
    assert {"Letter to a migration office", "Visa or residence support"} <= labels


# --- The exile pool and the host-country factor ---------------------------------------------


def test_a_godparent_of_the_host_country_is_proposed_to_a_person_who_asked_for_support(
    supported, defender
):
    deport(supported)
    consent(supported.prisoner, ContactConsent.SUPPORT, by=defender)
    match_release_choose(match=supported, choice=ReleaseChoice.HAND_OVER, by=None)
    lithuanian = GodparentProfileFactory(
        full_name="Rasa Seimo",
        parliament=ParliamentFactory(country="LT", name="Seimas"),
        capacity=1,
    )
    german = GodparentProfileFactory(full_name="Jonas Bundestag", capacity=1)
    organiser = user_with_role(Role.ORGANISER)

    pool = pool_load()
    exiled = [p for p in pool.prisoners if p.in_exile]
    assert [(p.id, p.residence) for p in exiled] == [(supported.prisoner_id, "LT")]
    assert (supported.godparent_id, supported.prisoner_id) in pool.excluded  # handed over

    run = matching_run_start(created_by=organiser, name="After the wave")
    run.refresh_from_db()  # computed at once: on-commit hooks run immediately here (outbox)
    assert run.status == RunStatus.READY, run.error
    proposal = Match.objects.get(run=run, prisoner=supported.prisoner)
    assert proposal.godparent == lithuanian
    assert proposal.support == Support.IN_EXILE
    assert "host_country" in proposal.score_breakdown["factors"]["host"]["reasons"]
    assert german.matches.filter(prisoner=supported.prisoner).count() == 0

    matching_run_approve(run=run, by=organiser)
    proposal.refresh_from_db()
    match_accept(match=proposal, by=lithuanian.user)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.in_exile) == (MatchStatus.ACTIVE, True)
    assert supported.prisoner_id not in {p.id for p in pool_load().prisoners}


def test_a_released_person_who_did_not_ask_for_support_is_not_in_the_pool(supported, defender):
    deport(supported)
    consent(supported.prisoner, ContactConsent.CONTACT, by=defender)

    assert supported.prisoner_id not in {p.id for p in pool_load().prisoners}


# --- The release wave -----------------------------------------------------------------------


def _wave(client, user, **params):
    client.force_login(user)
    return client.get(reverse("release_wave:index"), params)


def test_the_wave_lists_the_people_nobody_asked_first_with_each_godparents_choice(
    supported, defender, client
):
    deport(supported)
    match_release_choose(match=supported, choice=ReleaseChoice.HAND_OVER, by=None)
    asked = MatchFactory(prisoner=PrisonerFactory(name_latin="Asked Already")).prisoner
    prisoner_status_change(prisoner=asked, status=Status.DEPORTED, effective_on=DEPORTED_ON)
    consent(asked, ContactConsent.CONTACT, by=defender)
    organiser = user_with_role(Role.ORGANISER)

    page = _wave(client, organiser, since="2025-12-01")

    body = page.content.decode()
    assert page.status_code == 200
    first = body.index(supported.prisoner.display_name)
    assert first < body.index("Asked Already")  # nobody asked the first one yet
    assert "nobody asked yet" in body
    assert "Hand over to a parliamentarian of the host country" in body
    assert "Lithuania" in body


def test_the_wave_reads_a_fixed_number_of_queries(
    supported, defender, client, django_assert_max_num_queries
):
    organiser = user_with_role(Role.ORGANISER)
    deport(supported)
    _wave(client, organiser, since="2025-12-01")  # warm the session and the caches
    with django_assert_max_num_queries(40) as few:
        _wave(client, organiser, since="2025-12-01")
    for _ in range(15):
        person = MatchFactory().prisoner
        prisoner_status_change(prisoner=person, status=Status.DEPORTED, effective_on=DEPORTED_ON)
        consent(person, ContactConsent.SUPPORT, by=defender)
    with django_assert_max_num_queries(len(few)):
        assert _wave(client, organiser, since="2025-12-01").status_code == 200


def test_defenders_do_not_see_who_supports_whom_after_a_release(client, defender):
    assert _wave(client, defender).status_code in (302, 403)
