"""Five identical posts of one rendered form at once create one row (issue 16, part 3).

Each test renders the form once, then five threads, each with its own client signed in as the
same user, post the same data and token together (`threading.Barrier`), as a double click, a
phone resending after a timeout and a replay would. Every answer is a redirect (no 500, no error
page) and one row exists. The tests commit for real (`transaction=True`): each thread has its own
database connection. On PostgreSQL, the losers wait on the unique index (or the row lock) until
the winner commits. On SQLite, the test database is a file (solidarity/settings/test.py): Django's
default in-memory one, in shared-cache mode, answers a second writer "database table is locked"
at once; with a file, the project's IMMEDIATE transactions make the writers wait their turn.
"""

import threading
from collections.abc import Callable

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connections
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from solidarity.accounts.roles import Role
from solidarity.activity.models import AdvocacyAction, Letter
from solidarity.common.models import ImportState
from solidarity.godparents.models import GodparentProfile
from solidarity.matching.models import MatchingRun, MatchStatus, RunStatus
from solidarity.prisoners.importing import runs as prisoner_import
from solidarity.prisoners.models import Prisoner
from solidarity.reports.models import ReportRun
from tests.conftest import MFAClient
from tests.factories.accounts import user_with_role
from tests.factories.matching import MatchFactory, MatchingRunFactory
from tests.godparents.conftest import godparent, new_user, parliament  # noqa: F401 (fixtures)
from tests.portal.conftest import profile_data
from tests.prisoners.importing.files import make_csv, row
from tests.submissions import with_submission

# Serialised rollback restores what the migrations made (roles, the page tree) after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
TIMES = 5
DASHBOARD = "/en/me/"


def post_at_once(user, url: str, data: dict | Callable[[MFAClient], dict]) -> list:
    """The answers to TIMES simultaneous posts of `data` by `user`, each from its own client.

    `data` may be a function of a signed-in client (to render the form once and read its
    token). A view's exception is returned as the answer (a 500), not raised in the thread.
    """
    clients = []
    for _ in range(TIMES):
        client = MFAClient(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    payload = data(clients[0]) if callable(data) else data
    _assert_threads_see_the_session(clients[0])
    barrier = threading.Barrier(TIMES)
    answers: list = [None] * TIMES

    def post(index: int) -> None:
        try:
            barrier.wait(timeout=60)
            answers[index] = clients[index].post(url, payload)
        except Exception as error:  # a failure of the test's own machinery, shown below
            answers[index] = error
        finally:
            connections.close_all()  # each thread's own connection

    threads = [threading.Thread(target=post, args=(index,)) for index in range(TIMES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def _assert_threads_see_the_session(client: MFAClient) -> None:
    """The posting threads read the database the test wrote: committed, the same file."""
    main = connections["default"]
    seen: dict = {}

    def look() -> None:
        try:
            other = connections["default"]
            seen["name"] = other.settings_dict["NAME"]
            seen["session"] = Session.objects.filter(
                session_key=client.session.session_key
            ).exists()
        except Exception as error:  # shown in the assertion below
            seen["error"] = repr(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=look)
    thread.start()
    thread.join(timeout=60)
    state = {
        "main_name": main.settings_dict["NAME"],
        "main_in_atomic": main.in_atomic_block,
        "main_autocommit": main.get_autocommit(),
        **seen,
    }
    assert seen.get("name") == state["main_name"], state
    assert seen.get("session") is True, state


def assert_all_redirect(answers: list, to: str | None = None) -> None:
    codes = [getattr(answer, "status_code", answer) for answer in answers]
    assert codes == [302] * TIMES, codes
    if to is not None:
        assert {answer["Location"] for answer in answers} == {to}


def test_a_letter_posted_five_times_at_once_is_logged_once(godparent):  # noqa: F811
    match = MatchFactory(godparent=godparent)
    url = f"/en/me/prisoners/{match.pk}/letter/"
    letter = {"sent_on": timezone.localdate().isoformat(), "channel": "post", "note": "Card"}

    answers = post_at_once(godparent.user, url, lambda client: with_submission(client, url, letter))

    assert_all_redirect(answers, DASHBOARD)
    assert Letter.objects.count() == 1


def test_an_action_posted_five_times_at_once_is_logged_once(godparent):  # noqa: F811
    match = MatchFactory(godparent=godparent)
    url = f"/en/me/for/{godparent.pk}/action/"
    action = {
        "kind": "parliamentary_question",
        "occurred_on": timezone.localdate().isoformat(),
        "title": "Question on prison conditions",
        "prisoners": [match.prisoner_id],
    }

    answers = post_at_once(godparent.user, url, lambda client: with_submission(client, url, action))

    assert_all_redirect(answers, DASHBOARD)
    assert AdvocacyAction.objects.count() == 1


def test_the_sign_up_profile_posted_five_times_at_once_makes_one_profile(new_user, parliament):  # noqa: F811
    """No token: one profile per user is the natural key (a unique column)."""
    answers = post_at_once(new_user, "/en/me/profile/", profile_data(parliament))

    assert_all_redirect(answers, DASHBOARD)
    assert GodparentProfile.objects.filter(user=new_user).count() == 1


def test_an_offer_accepted_five_times_at_once_is_answered_once(godparent):  # noqa: F811
    """No token: the answer locks the match, and the same answer again changes nothing."""
    organiser = user_with_role(Role.ORGANISER)
    match = MatchFactory(
        godparent=godparent, status=MatchStatus.OFFERED, responded_at=None, offered_by=organiser
    )
    mail.outbox = []

    answers = post_at_once(godparent.user, f"/en/me/offers/{match.pk}/", {"answer": "accept"})

    assert_all_redirect(answers, DASHBOARD)
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE
    assert [email.to for email in mail.outbox] == [[organiser.email]]  # told once


@pytest.fixture
def organiser():
    return user_with_role(Role.ORGANISER)


def test_a_report_requested_five_times_at_once_is_made_once(organiser, monkeypatch):
    monkeypatch.setattr("solidarity.common.jobs.async_task", lambda *a, **k: None)
    with translation.override("en"):
        url = reverse("wagtailsnippets_reports_reportrun:add")
    start = timezone.localdate().replace(day=1)
    report = {
        "variant": "public",
        "period_start": start.isoformat(),
        "period_end": timezone.localdate().isoformat(),
        "language": "en",
    }

    answers = post_at_once(organiser, url, lambda client: with_submission(client, url, report))

    run = ReportRun.objects.get()
    with translation.override("en"):
        assert_all_redirect(
            answers, reverse("wagtailsnippets_reports_reportrun:inspect", args=[run.pk])
        )


def test_a_matching_run_started_five_times_at_once_is_started_once(organiser, monkeypatch):
    monkeypatch.setattr("solidarity.common.jobs.async_task", lambda *a, **k: None)
    with translation.override("en"):
        url = reverse("matching_runs:add")
    form = {
        "name": "Congress batch",
        "coverage": "4",
        "urgency": "2",
        "affinity": "2",
        "diversity": "1",
        "host": "3",
        "threshold": "1",
    }

    answers = post_at_once(organiser, url, lambda client: with_submission(client, url, form))

    run = MatchingRun.objects.get()
    with translation.override("en"):
        assert_all_redirect(answers, reverse("matching_runs:detail", args=[run.pk]))


def test_a_run_approved_five_times_at_once_makes_its_offers_once(organiser):
    """No token: the approval locks the run and moves it from "ready" once."""
    run = MatchingRunFactory(status=RunStatus.READY, created_by=organiser)
    for _ in range(2):
        MatchFactory(run=run, status=MatchStatus.PROPOSED, offered_at=None, responded_at=None)
    with translation.override("en"):
        url = reverse("matching_runs:approve", args=[run.pk])

    answers = post_at_once(organiser, url, {})

    assert_all_redirect(answers)
    run.refresh_from_db()
    assert run.status == RunStatus.APPROVED
    assert run.matches.filter(status=MatchStatus.OFFERED).count() == 2
    approvals = ModelLogEntry.objects.filter(action="solidarity.run_approved")
    assert approvals.count() == 1


def test_an_import_applied_five_times_at_once_is_applied_once(role_users):
    """No token: applying moves the dry run from "planned" by a conditional update, once."""
    defender = role_users[Role.DEFENDER]
    planned = prisoner_import.import_upload(
        content=make_csv([row(), row(id="1002", name="Ales Bialiatski")]),
        filename="list.csv",
        language="",
        publicity="basic",
        user=defender,
    )
    with translation.override("en"):
        url = reverse("prisoner_import:apply", args=[planned.pk])

    answers = post_at_once(defender, url, {})

    assert_all_redirect(answers)
    planned.refresh_from_db()
    assert planned.state == ImportState.APPLIED
    assert Prisoner.objects.count() == 2
    applied = ModelLogEntry.objects.filter(action=prisoner_import.IMPORT_APPLIED_ACTION)
    assert applied.count() == 1


def _compose_data(client, url: str) -> dict:
    from solidarity.writing.selectors import phrase_options

    key = phrase_options(letter_language="ru", language="en")["greeting"][0].key
    data = {
        "format": "letter",
        "language": "ru",
        "phrases": [key],
        "free_text": "",
        "sender_name": "Анна",
        "print": "1",
    }
    return with_submission(client, url, data)


def test_a_letter_printed_five_times_at_once_is_prepared_once(godparent):  # noqa: F811
    from solidarity.writing.models import PreparedLetter

    match = MatchFactory(godparent=godparent)
    url = f"/en/me/prisoners/{match.pk}/write/"

    answers = post_at_once(godparent.user, url, lambda client: _compose_data(client, url))

    assert_all_redirect(answers)
    assert PreparedLetter.objects.count() == 1


def test_i_posted_it_five_times_at_once_logs_one_letter(godparent):  # noqa: F811
    from solidarity.writing.models import PreparedLetter

    match = MatchFactory(godparent=godparent)
    prepared = PreparedLetter.objects.create(
        godparent=godparent,
        prisoner=match.prisoner,
        match=match,
        facility=match.prisoner.facility,
        envelope="\n".join(match.prisoner.envelope_lines),
        language="ru",
        body="Здравствуйте!",
        sender_name="Анна",
    )
    url = f"/en/me/printed/{prepared.pk}/"
    posted = {"posted_on": timezone.localdate().isoformat()}

    answers = post_at_once(godparent.user, url, lambda client: with_submission(client, url, posted))

    assert_all_redirect(answers, DASHBOARD)
    assert Letter.objects.count() == 1
