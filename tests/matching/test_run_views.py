"""The organisers' "Run matching" pages: start, review with each factor, remove, approve."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from solidarity.accounts.roles import Role
from solidarity.common import jobs
from solidarity.common.models import BackgroundJob, JobStatus
from solidarity.matching.models import (
    RUN_STALLED_MESSAGE,
    Match,
    MatchingRun,
    MatchStatus,
    RunStatus,
)
from tests.factories.accounts import user_with_role
from tests.factories.godparents import GodparentProfileFactory
from tests.factories.prisoners import PrisonerFactory
from tests.submissions import with_submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox")]  # on-commit runs the task
FORM = {
    "coverage": "4",
    "urgency": "2",
    "affinity": "2",
    "diversity": "1",
    "host": "3",
    "threshold": "1",
    "name": "Congress batch",
}


@pytest.fixture
def organiser_client(client):
    client.force_login(user_with_role(Role.ORGANISER))
    return client


@pytest.fixture
def pool(db):
    for number in range(3):
        GodparentProfileFactory(capacity=1, full_name=f"Godparent {number}")
    return [PrisonerFactory(name_latin=f"Prisoner {number}") for number in range(4)]


def test_an_organiser_starts_reviews_removes_and_approves(organiser_client, pool):
    response = organiser_client.post(
        reverse("matching_runs:add"),
        with_submission(organiser_client, reverse("matching_runs:add"), FORM),
    )

    run = MatchingRun.objects.get()
    assert response.url == reverse("matching_runs:detail", args=[run.pk])
    assert run.status == RunStatus.READY
    assert run.created_by == response.wsgi_request.user  # the run is owned by who started it
    page = organiser_client.get(response.url).content.decode()
    assert "Coverage need" in page
    assert "no godparent yet" in page  # each factor's reasons, in words
    assert "Diversity of countries" in page
    assert page.count("Remove</button>") == 3
    assert "Others came first for the slots there were" in page

    proposal = run.matches.first()
    organiser_client.post(reverse("matching_runs:remove", args=[run.pk, proposal.pk]))
    organiser_client.post(reverse("matching_runs:approve", args=[run.pk]))

    assert run.matches.filter(status=MatchStatus.OFFERED).count() == 2
    proposal.refresh_from_db()
    assert proposal.status == MatchStatus.WITHDRAWN


def test_approving_again_says_the_offers_were_made_once(organiser_client, pool):
    organiser_client.post(
        reverse("matching_runs:add"),
        with_submission(organiser_client, reverse("matching_runs:add"), FORM),
    )
    run = MatchingRun.objects.get()
    organiser_client.post(reverse("matching_runs:approve", args=[run.pk]))

    again = organiser_client.post(reverse("matching_runs:approve", args=[run.pk]), follow=True)

    content = again.content.decode()
    assert "This run was already approved: its offers were made." in content
    assert "cannot be changed any more" not in content
    assert run.matches.filter(status=MatchStatus.OFFERED).count() == 3


def test_a_started_run_is_shown_again_to_a_resent_form(organiser_client, pool):
    data = with_submission(organiser_client, reverse("matching_runs:add"), FORM)
    first = organiser_client.post(reverse("matching_runs:add"), data)

    again = organiser_client.post(reverse("matching_runs:add"), data)

    assert again.status_code == 302
    assert again.url == first.url  # not "Another matching run is still open"
    assert MatchingRun.objects.count() == 1


def test_weights_are_validated(organiser_client, pool):
    response = organiser_client.post(
        reverse("matching_runs:add"),
        with_submission(organiser_client, reverse("matching_runs:add"), {**FORM, "coverage": "-1"}),
    )

    assert response.status_code == 200
    assert not MatchingRun.objects.exists()


@pytest.mark.parametrize("role", [Role.DEFENDER, Role.GODPARENT])
def test_only_organisers_run_matching(client, pool, role):
    client.force_login(user_with_role(role))

    response = client.post(reverse("matching_runs:add"), FORM)

    assert response.status_code in (302, 403)
    assert not MatchingRun.objects.exists()


def test_the_review_page_runs_a_fixed_number_of_queries(
    organiser_client, django_assert_max_num_queries
):
    GodparentProfileFactory(capacity=2)
    PrisonerFactory.create_batch(3)
    organiser_client.post(
        reverse("matching_runs:add"),
        with_submission(organiser_client, reverse("matching_runs:add"), FORM),
    )
    run = MatchingRun.objects.get()
    url = reverse("matching_runs:detail", args=[run.pk])
    with django_assert_max_num_queries(40) as few:
        first = organiser_client.get(url)
    assert first.status_code == 200
    budget = len(few)  # read now: the next request clears Django's query log
    GodparentProfileFactory.create_batch(10, capacity=3)
    PrisonerFactory.create_batch(30)
    from solidarity.matching.runs import matching_run_cancel

    matching_run_cancel(run=run, by=run.created_by)
    organiser_client.post(
        reverse("matching_runs:add"),
        with_submission(organiser_client, reverse("matching_runs:add"), FORM),
    )
    url = reverse("matching_runs:detail", args=[MatchingRun.objects.latest("pk").pk])
    with django_assert_max_num_queries(budget):
        organiser_client.get(url)


def test_the_snippet_add_button_leads_to_the_run_form(organiser_client):
    from wagtail.admin.admin_url_finder import AdminURLFinder  # noqa: F401

    response = organiser_client.get("/admin/snippets/matching/matchingrun/add/")

    assert response.url == reverse("matching_runs:add")


def test_an_organiser_swaps_two_ticked_proposals(organiser_client, pool):
    organiser_client.post(
        reverse("matching_runs:add"),
        with_submission(organiser_client, reverse("matching_runs:add"), FORM),
    )
    run = MatchingRun.objects.get()
    first, second = run.matches.order_by("pk")[:2]
    page = organiser_client.get(reverse("matching_runs:detail", args=[run.pk])).content.decode()
    assert f'name="pair" value="{first.pk}" form="swap-form"' in page

    response = organiser_client.post(
        reverse("matching_runs:swap", args=[run.pk]), {"pair": [first.pk, second.pk]}, follow=True
    )

    assert "Swapped:" in response.content.decode()
    pairs = set(run.matches.filter(status="proposed").values_list("godparent_id", "prisoner_id"))
    assert (first.godparent_id, second.prisoner_id) in pairs
    assert (second.godparent_id, first.prisoner_id) in pairs


def test_a_swap_with_one_ticked_proposal_explains_itself(organiser_client, pool):
    organiser_client.post(
        reverse("matching_runs:add"),
        with_submission(organiser_client, reverse("matching_runs:add"), FORM),
    )
    run = MatchingRun.objects.get()

    response = organiser_client.post(
        reverse("matching_runs:swap", args=[run.pk]),
        {"pair": [run.matches.first().pk]},
        follow=True,
    )

    assert "Tick exactly two proposals" in response.content.decode()


def test_a_run_whose_worker_died_twice_fails_visibly_and_runs_again(organiser_client, pool):
    add = reverse("matching_runs:add")
    organiser_client.post(add, with_submission(organiser_client, add, FORM))
    run = MatchingRun.objects.get()
    MatchingRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    Match.objects.filter(run=run).delete()  # the dead workers wrote nothing
    BackgroundJob.objects.filter(pk=run.job_id).update(
        status=JobStatus.RUNNING,
        attempts=2,
        heartbeat_at=timezone.now() - jobs.STALL_AFTER - datetime.timedelta(seconds=1),
    )
    detail = reverse("matching_runs:detail", args=[run.pk])
    assert 'http-equiv="refresh"' in organiser_client.get(detail).content.decode()

    jobs.jobs_sweep()

    page = organiser_client.get(detail).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert str(RUN_STALLED_MESSAGE) in page
    assert "Run again" in page
    organiser_client.post(reverse("matching_runs:retry", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == RunStatus.READY  # computed again (on commit, synchronous here)
    assert run.matches.filter(status=MatchStatus.PROPOSED).count() == 3
