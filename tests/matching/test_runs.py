"""Matching runs: start, compute in the background, review, approve into offers, or cancel."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from solidarity.accounts.roles import Role
from solidarity.common import jobs
from solidarity.common.models import BackgroundJob, JobError, JobStatus
from solidarity.matching.models import RUN_FAILED_MESSAGE, MatchingRun, MatchStatus, RunStatus
from solidarity.matching.runs import (
    matching_run_approve,
    matching_run_cancel,
    matching_run_remove_proposal,
    matching_run_start,
    matching_run_swap,
)
from solidarity.matching.scoring import Weights
from solidarity.prisoners.choices import Publicity
from tests.factories.accounts import user_with_role
from tests.factories.godparents import GodparentProfileFactory
from tests.factories.prisoners import PrisonerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(db):
    return user_with_role(Role.ORGANISER)


@pytest.fixture
def pool(db):
    godparents = [GodparentProfileFactory(capacity=1) for _ in range(2)]
    prisoners = [PrisonerFactory(name_latin=f"Person {n}") for n in range(3)]
    hidden = PrisonerFactory(publicity=Publicity.NONE, name_latin="Hidden")
    return godparents, prisoners, hidden


def _start_and_run(organiser, **kwargs) -> MatchingRun:
    run = matching_run_start(created_by=organiser, **kwargs)
    assert jobs.job_run(run.job_id)  # what a worker does once the start commits
    run.refresh_from_db()
    return run


def test_a_run_proposes_within_capacity_and_lists_the_unmatched_with_reasons(organiser, pool):
    godparents, _prisoners, hidden = pool

    run = _start_and_run(organiser, name="Congress", weights=Weights(diversity=0))

    assert run.status == RunStatus.READY
    assert run.progress == 100
    proposals = run.matches.filter(status=MatchStatus.PROPOSED)
    assert proposals.count() == 2
    assert {m.godparent_id for m in proposals} == {g.pk for g in godparents}
    assert all(m.score_breakdown["factors"]["coverage"]["value"] == 1.0 for m in proposals)
    assert run.results["proposals"] == 2
    assert run.results["unmatched"][str(hidden.pk)] == "no_compatible_godparent"
    assert list(run.results["unmatched"].values()).count("not_enough_slots") == 1


def test_the_task_computes_once_even_if_it_runs_twice(organiser, pool):
    run = matching_run_start(created_by=organiser)

    assert jobs.job_run(run.job_id) is True
    assert jobs.job_run(run.job_id) is False
    assert run.matches.count() == 2


def test_only_one_run_may_be_open_at_a_time(organiser, pool):
    matching_run_start(created_by=organiser)

    with pytest.raises(ValidationError, match="still open"):
        matching_run_start(created_by=organiser)


def test_approving_turns_the_remaining_proposals_into_offers(organiser, pool):
    run = _start_and_run(organiser)
    removed = run.matches.first()
    matching_run_remove_proposal(match=removed, by=organiser)

    offered = matching_run_approve(run=run, by=organiser)

    run.refresh_from_db()
    removed.refresh_from_db()
    assert offered == 1
    assert run.status == RunStatus.APPROVED
    assert run.approved_by == organiser
    assert removed.status == MatchStatus.WITHDRAWN
    offer = run.matches.get(status=MatchStatus.OFFERED)
    assert offer.offered_by == organiser
    with pytest.raises(ValidationError):
        matching_run_approve(run=run, by=organiser)


def test_cancelling_withdraws_the_proposals_and_frees_the_slots(organiser, pool):
    run = _start_and_run(organiser)

    matching_run_cancel(run=run, by=organiser)

    assert set(run.matches.values_list("status", flat=True)) == {MatchStatus.WITHDRAWN}
    again = _start_and_run(organiser)
    assert again.matches.filter(status=MatchStatus.PROPOSED).count() == 2


def test_a_later_run_respects_open_offers_and_declines(organiser, pool):
    from solidarity.matching.services import match_decline

    godparents, _prisoners, _hidden = pool
    first = _start_and_run(organiser)
    matching_run_approve(run=first, by=organiser)
    offer = first.matches.get(godparent=godparents[0])
    match_decline(match=offer, by=godparents[0].user, reason="Too busy")

    second = _start_and_run(organiser)

    pairs = set(second.matches.values_list("godparent_id", "prisoner_id"))
    assert (offer.godparent_id, offer.prisoner_id) not in pairs
    assert all(godparent_id != godparents[1].pk for godparent_id, _ in pairs)  # slot taken


def test_a_failing_run_is_marked_failed_without_the_errors_words(organiser, pool, monkeypatch):
    run = matching_run_start(created_by=organiser)
    monkeypatch.setattr(
        "solidarity.matching.runs.assign",
        lambda *a, **k: (_ for _ in ()).throw(RuntimeError("Person 1 has no slot")),
    )

    jobs.job_run(run.job_id)

    run.refresh_from_db()
    assert (run.status, run.error) == (RunStatus.FAILED, JobError.ERROR)
    assert run.error_message == str(RUN_FAILED_MESSAGE)
    assert not run.matches.exists()
    assert BackgroundJob.objects.get(pk=run.job_id).status == JobStatus.FAILED


def test_a_run_whose_worker_died_is_computed_again_once(
    organiser, pool, django_capture_on_commit_callbacks
):
    run = matching_run_start(created_by=organiser)
    MatchingRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    BackgroundJob.objects.filter(pk=run.job_id).update(
        status=JobStatus.RUNNING,
        attempts=1,
        heartbeat_at=timezone.now() - jobs.STALL_AFTER - datetime.timedelta(seconds=1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        jobs.jobs_sweep()

    run.refresh_from_db()
    assert run.status == RunStatus.READY
    assert run.matches.filter(status=MatchStatus.PROPOSED).count() == 2


def test_a_subset_of_newly_verified_godparents(organiser, pool):
    import datetime

    from django.utils import timezone

    godparents, _prisoners, _hidden = pool
    old = godparents[0]
    old.verified_at = timezone.now() - datetime.timedelta(days=400)
    old.save()

    run = _start_and_run(
        organiser, godparents_verified_since=timezone.localdate() - datetime.timedelta(days=30)
    )

    assert set(run.matches.values_list("godparent_id", flat=True)) == {godparents[1].pk}


def test_each_offer_is_emailed_once_with_a_link_that_only_the_godparent_opens(
    organiser, pool, outbox, client
):
    import re

    godparents, _prisoners, _hidden = pool
    godparents[0].user.preferred_language = "ru"
    godparents[0].user.save()
    run = matching_run_start(created_by=organiser)  # the task runs at once here (outbox fixture)

    matching_run_approve(run=run, by=organiser)

    assert len(outbox) == 2
    message = next(m for m in outbox if m.to == [godparents[0].user.email])
    link = re.search(r"/ru/me/offers/link/[^/\s]+/", message.body).group(0)
    offer = run.matches.get(godparent=godparents[0])
    assert offer.prisoner.name_ru in message.subject  # the spelling a Russian reader reads
    client.force_login(godparents[1].user)
    assert client.get(link).status_code == 404
    client.force_login(godparents[0].user)
    page = client.get(link)
    assert page.status_code == 200
    assert f"/ru/me/offers/{offer.pk}/" in page.content.decode()
    offer.refresh_from_db()
    assert offer.status == MatchStatus.OFFERED  # opening the link changes nothing
    client.post(f"/ru/me/offers/{offer.pk}/", {"answer": "accept"})
    offer.refresh_from_db()
    assert offer.status == MatchStatus.ACTIVE
    assert client.get(link).status_code == 302  # already answered


def test_two_proposals_swap_their_prisoners_and_are_rescored(organiser, pool):
    run = _start_and_run(organiser, weights=Weights(diversity=0))
    first, second = run.matches.order_by("pk")

    new = matching_run_swap(run=run, first=first, second=second, by=organiser)

    assert {(m.godparent_id, m.prisoner_id) for m in new} == {
        (first.godparent_id, second.prisoner_id),
        (second.godparent_id, first.prisoner_id),
    }
    assert all(m.status == MatchStatus.PROPOSED and m.run == run for m in new)
    assert all(m.score == m.score_breakdown["total"] for m in new)
    assert all(m.score_breakdown["swapped_by"] == organiser.pk for m in new)
    first.refresh_from_db()
    assert first.status == MatchStatus.WITHDRAWN
    assert run.matches.filter(status=MatchStatus.PROPOSED).count() == 2


def _proposal(run, **kwargs):
    from tests.factories.matching import MatchFactory

    return MatchFactory(
        run=run, status=MatchStatus.PROPOSED, offered_at=None, responded_at=None, **kwargs
    )


@pytest.fixture
def review(organiser):
    from tests.factories.matching import MatchingRunFactory

    return MatchingRunFactory(status=RunStatus.READY, created_by=organiser)


def test_a_swap_that_would_break_discretion_is_refused(organiser, review):
    ordinary = _proposal(review)
    with_hidden = _proposal(
        review,
        godparent=GodparentProfileFactory(is_discreet=True, public_listing_consent=False),
        prisoner=PrisonerFactory(publicity=Publicity.NONE),
    )

    with pytest.raises(ValidationError, match="refused publicity"):
        matching_run_swap(run=review, first=ordinary, second=with_hidden, by=organiser)

    assert review.matches.filter(status=MatchStatus.PROPOSED).count() == 2  # nothing changed


def test_a_swap_never_repeats_a_declined_pair(organiser, review):
    from tests.factories.matching import MatchFactory

    first, second = _proposal(review), _proposal(review)
    MatchFactory(godparent=first.godparent, prisoner=second.prisoner, status=MatchStatus.DECLINED)

    with pytest.raises(ValidationError, match="declined before"):
        matching_run_swap(run=review, first=first, second=second, by=organiser)


def test_swapping_needs_two_proposals_of_an_open_run(organiser, pool):
    run = _start_and_run(organiser)
    first, second = run.matches.order_by("pk")

    with pytest.raises(ValidationError, match="exactly two"):
        matching_run_swap(run=run, first=first, second=first, by=organiser)
    matching_run_approve(run=run, by=organiser)
    with pytest.raises(ValidationError, match="cannot be changed"):
        matching_run_swap(run=run, first=first, second=second, by=organiser)


def test_approval_withdraws_a_proposal_whose_prisoner_is_no_longer_public(organiser, pool):
    run = _start_and_run(organiser)
    changed = run.matches.first()
    changed.prisoner.publicity = Publicity.NONE
    changed.prisoner.save()

    offered = matching_run_approve(run=run, by=organiser)

    changed.refresh_from_db()
    assert changed.status == MatchStatus.WITHDRAWN
    assert offered == run.matches.filter(status=MatchStatus.OFFERED).count() == 1


def test_a_stored_breakdown_names_no_restricted_fact(organiser, pool):
    from tests.factories.prisoners import PrisonerConfidentialFactory

    _godparents, prisoners, _hidden = pool
    for prisoner in prisoners:
        PrisonerConfidentialFactory(prisoner=prisoner, health_at_risk=True)

    run = _start_and_run(organiser)

    assert "health" not in str([m.score_breakdown for m in run.matches.all()])
    assert all(m.score_breakdown["factors"]["urgency"]["value"] >= 0.4 for m in run.matches.all())
