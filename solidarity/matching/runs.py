"""Matching runs: started by an organiser, computed by a django-q2 task, reviewed, approved.

PENDING → RUNNING → READY → APPROVED (offers made), or FAILED / CANCELLED. One run at a time may
be open (pending, running or awaiting review): its proposals hold the godparents' slots, so a
second run would see stale capacity. The computation is a background job of the project's one
kernel (`solidarity.common.jobs`): claimed once, its progress and heartbeat on the job, a dead
worker's run computed again once, then FAILED with "Run again". The proposals and READY are
written in one transaction, so a worker that dies half-way leaves nothing to clean up.
"""

import datetime
from collections.abc import Mapping
from dataclasses import asdict
from typing import cast

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Field
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from solidarity.accounts.models import User
from solidarity.common.jobs import Progress, job_enqueue
from solidarity.godparents.models import GodparentProfile

from .assignment import Proposal, assign
from .models import Match, MatchingRun, MatchStatus, RunStatus, Support
from .pool import pool_load
from .scoring import Weights, score_pair
from .services import match_offer, match_withdraw

OPEN_RUN_STATUSES = (RunStatus.PENDING, RunStatus.RUNNING, RunStatus.READY)
RUN_OPEN_ERROR = _("Another matching run is still open: approve or cancel it first.")
RUN_STATE_ERROR = _("This run cannot be changed any more.")
SWAP_CHOICE_ERROR = _("Tick exactly two proposals with different godparents to swap them.")
SWAP_PAIR_ERROR = _(
    "%(godparent)s cannot be proposed for %(prisoner)s: the family refused publicity and the "
    "godparent is not discreet, the pair was declined before or already exists, or the godparent "
    "or prisoner is no longer eligible."
)
DEFAULT_THRESHOLD = 1.0
# The kind of background job that computes a run (registered in tasks.py).
MATCHING_RUN_JOB = "matching-run"
COMPUTING_PHASE = "computing"


def matching_run_start(
    *,
    created_by: User,
    name: str = "",
    weights: Weights | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    godparents_verified_since: datetime.date | None = None,
    godparent_slots: Mapping[int, int] | None = None,
) -> MatchingRun:
    """Record the parameters and queue the computation once committed.

    `godparent_slots` restricts the run to these godparents, each with exactly that many places
    whatever their capacity: what they pledged at the Congress (`solidarity.congress`).
    """
    weights = weights or Weights()
    with transaction.atomic():
        # Serialise starts: two organisers clicking at once must not get two open runs.
        list(MatchingRun.objects.select_for_update().filter(status__in=OPEN_RUN_STATUSES))
        if MatchingRun.objects.filter(status__in=OPEN_RUN_STATUSES).exists():
            raise ValidationError(RUN_OPEN_ERROR)
        run = MatchingRun.objects.create(
            name=name,
            created_by=created_by,
            parameters={
                "weights": asdict(weights),
                "threshold": threshold,
                "godparents_verified_since": (
                    godparents_verified_since.isoformat() if godparents_verified_since else None
                ),
                "godparent_slots": (
                    {str(pk): int(n) for pk, n in godparent_slots.items() if n > 0}
                    if godparent_slots is not None
                    else None
                ),
            },
        )
        log(instance=run, action="wagtail.create", user=created_by)
        _enqueue(run)
    return run


def _enqueue(run: MatchingRun) -> None:
    """A background job computes it once the transaction commits."""
    job = job_enqueue(kind=MATCHING_RUN_JOB, target_id=run.pk, phase=COMPUTING_PHASE, total=100)
    MatchingRun.objects.filter(pk=run.pk).update(job=job)
    run.job = job


def matching_run_execute(*, run_id: int, progress: Progress | None = None) -> bool:
    """Compute the proposals (the job's handler); False when there is nothing to compute.

    The kernel runs one attempt at a time: a run left RUNNING is its retry after a dead worker,
    taken over here. A bug raises; the kernel fails the job and calls `matching_run_job_failed`.
    """
    taken = MatchingRun.objects.filter(
        pk=run_id, status__in=(RunStatus.PENDING, RunStatus.RUNNING)
    ).update(status=RunStatus.RUNNING, started_at=timezone.now(), error="")
    if not taken:
        return False
    run = MatchingRun.objects.get(pk=run_id)
    progress = progress or _unwatched
    progress(COMPUTING_PHASE, 5, 100)
    _compute(run, progress)
    return True


def _unwatched(phase: str, done: int, total: int) -> None:
    """Progress of a computation run outside a job (a direct call): nobody watches it."""


def matching_run_job_failed(run_id: int, error: str) -> None:
    """The job failed (a bug, or its worker died twice): the run says so, with the code only."""
    MatchingRun.objects.filter(pk=run_id, status__in=(RunStatus.PENDING, RunStatus.RUNNING)).update(
        status=RunStatus.FAILED, error=error, finished_at=timezone.now()
    )


def matching_run_retry(*, run: MatchingRun, by: User) -> MatchingRun:
    """Compute a failed run again with the same parameters ("Run again"), unless another run
    was opened meanwhile."""
    with transaction.atomic():
        list(MatchingRun.objects.select_for_update().filter(status__in=OPEN_RUN_STATUSES))
        run = MatchingRun.objects.select_for_update().get(pk=run.pk)
        if run.status != RunStatus.FAILED:
            raise ValidationError(RUN_STATE_ERROR)
        if MatchingRun.objects.filter(status__in=OPEN_RUN_STATUSES).exists():
            raise ValidationError(RUN_OPEN_ERROR)
        run.status, run.error, run.started_at, run.finished_at = RunStatus.PENDING, "", None, None
        run.save(update_fields=["status", "error", "started_at", "finished_at", "updated_at"])
        log(instance=run, action="wagtail.edit", user=by)
        _enqueue(run)
    return run


def _compute(run: MatchingRun, progress: Progress) -> None:
    parameters = run.parameters
    weights = Weights(**parameters.get("weights", {}))
    threshold = float(parameters.get("threshold", DEFAULT_THRESHOLD))
    slots = parameters.get("godparent_slots")
    if slots is not None:
        pool = pool_load(godparent_slots={int(pk): int(n) for pk, n in slots.items()})
    else:
        pool = pool_load(godparent_ids=_chosen_godparents(parameters))
    progress(COMPUTING_PHASE, 30, 100)
    result = assign(
        pool.godparents,
        pool.prisoners,
        weights=weights,
        threshold=threshold,
        excluded=pool.excluded,
    )
    progress(COMPUTING_PHASE, 80, 100)
    with transaction.atomic():
        _insert_proposals(run, result.proposals, exile={p.id for p in pool.prisoners if p.in_exile})
        MatchingRun.objects.filter(pk=run.pk).update(
            status=RunStatus.READY,
            finished_at=timezone.now(),
            results={
                "godparents": len(pool.godparents),
                "slots": sum(g.slots for g in pool.godparents),
                "prisoners": len(pool.prisoners),
                "in_exile": sum(1 for p in pool.prisoners if p.in_exile),
                "proposals": len(result.proposals),
                "total_score": round(result.total, 4),
                "unmatched": {str(pk): reason for pk, reason in result.unmatched.items()},
            },
        )


def _insert_proposals(
    run: MatchingRun, proposals: list[Proposal], *, exile: set[int] | frozenset[int] = frozenset()
) -> None:
    """Write the run's proposals (PROPOSED matches) with one `executemany`.

    `bulk_create` prepares each of Match's 18 fields through its field for every row: with 5,000
    proposals that was a third of a Congress run. Here only the columns a proposal sets are
    written, each prepared once by its own field (the breakdown's JSON once per row); the other
    columns are nullable and stay NULL. No signal is sent, as with `bulk_create`.
    """
    if not proposals:
        return
    now = cast(Field, Match._meta.get_field("created_at")).get_db_prep_save(
        timezone.now(), connection
    )
    breakdown = cast(Field, Match._meta.get_field("score_breakdown"))
    values = {
        "created_at": now,
        "updated_at": now,
        "godparent_id": None,
        "prisoner_id": None,
        "run_id": run.pk,
        "status": str(MatchStatus.PROPOSED),
        "score": None,
        "score_breakdown": None,
        "proposed_by_id": run.created_by_id,
        "decline_choice": "",
        "decline_reason": "",
        "public_statement": "",
        "end_reason": "",
        "support": str(Support.IN_CUSTODY),
        "release_choice": "",
    }
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from the model)
        quote(Match._meta.db_table),
        ", ".join(quote(column) for column in values),
        ", ".join(["%s"] * len(values)),
    )
    rows = [
        tuple(
            {
                **values,
                "godparent_id": proposal.godparent_id,
                "prisoner_id": proposal.prisoner_id,
                "score": round(proposal.score, 4),
                "score_breakdown": breakdown.get_db_prep_save(proposal.breakdown, connection),
                "support": str(
                    Support.IN_EXILE if proposal.prisoner_id in exile else Support.IN_CUSTODY
                ),
            }.values()
        )
        for proposal in proposals
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _chosen_godparents(parameters: dict) -> list[int] | None:
    since = parameters.get("godparents_verified_since")
    if not since:
        return None
    return list(
        GodparentProfile.objects.filter(verified_at__date__gte=since).values_list("pk", flat=True)
    )


def matching_run_approve(*, run: MatchingRun, by: User) -> int:
    """Turn the run's remaining proposals into offers; returns how many were offered."""
    with transaction.atomic():
        run = MatchingRun.objects.select_for_update().get(pk=run.pk)
        if run.status != RunStatus.READY:
            raise ValidationError(RUN_STATE_ERROR)
        offered = withdrawn = 0
        for match in run.matches.filter(status=MatchStatus.PROPOSED):
            try:
                with transaction.atomic():
                    match_offer(match=match, by=by)
                offered += 1
            except ValidationError:
                # Changed since the run (publicity withdrawn, released, unverified): no offer.
                match_withdraw(match=match, by=by)
                withdrawn += 1
        run.status, run.approved_by, run.approved_at = RunStatus.APPROVED, by, timezone.now()
        run.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
        log(
            instance=run,
            action="solidarity.run_approved",
            user=by,
            data={"offers": offered, "withdrawn": withdrawn},
        )
    return offered


def matching_run_cancel(*, run: MatchingRun, by: User) -> None:
    """Drop a run that is not approved: its proposals are withdrawn and free the slots."""
    with transaction.atomic():
        run = MatchingRun.objects.select_for_update().get(pk=run.pk)
        if run.status not in OPEN_RUN_STATUSES and run.status != RunStatus.FAILED:
            raise ValidationError(RUN_STATE_ERROR)
        for match in run.matches.filter(status=MatchStatus.PROPOSED):
            match_withdraw(match=match, by=by)
        run.status = RunStatus.CANCELLED
        run.save(update_fields=["status", "updated_at"])
        log(instance=run, action="solidarity.run_cancelled", user=by)


def matching_run_remove_proposal(*, match: Match, by: User) -> Match:
    """An organiser takes one pair out of a run under review."""
    if match.run is None or match.run.status != RunStatus.READY:
        raise ValidationError(RUN_STATE_ERROR)
    return match_withdraw(match=match, by=by)


def matching_run_swap(*, run: MatchingRun, first: Match, second: Match, by: User) -> list[Match]:
    """Exchange the prisoners of two proposals under review; both new pairs are rescored.

    An organiser who knows what the score cannot (a shared committee, a language the profile
    omits) keeps the run's other proposals. Each godparent keeps their number of proposals, so
    capacity is unchanged; every other hard constraint is checked again for the new pairs.
    """
    with transaction.atomic():
        run = MatchingRun.objects.select_for_update().get(pk=run.pk)
        if run.status != RunStatus.READY:
            raise ValidationError(RUN_STATE_ERROR)
        old = list(
            Match.objects.select_for_update()
            .select_related("godparent", "prisoner")
            .filter(run=run, status=MatchStatus.PROPOSED, pk__in=[first.pk, second.pk])
            .order_by("pk")
        )
        if len(old) != 2 or old[0].godparent_id == old[1].godparent_id:
            raise ValidationError(SWAP_CHOICE_ERROR)
        pairs = [(old[0], old[1].prisoner), (old[1], old[0].prisoner)]
        pool = pool_load(
            godparent_ids=[match.godparent_id for match in old],
            prisoner_ids=[match.prisoner_id for match in old],
            free_slots_only=False,
        )
        weights = Weights(**run.parameters.get("weights", {}))
        godparents = {g.id: g for g in pool.godparents}
        prisoners = {p.id: p for p in pool.prisoners}
        new = []
        for match, prisoner in pairs:
            godparent_data = godparents.get(match.godparent_id)
            prisoner_data = prisoners.get(prisoner.pk)
            breakdown = (
                score_pair(godparent_data, prisoner_data, weights)
                if godparent_data is not None
                and prisoner_data is not None
                and (match.godparent_id, prisoner.pk) not in pool.excluded
                else None
            )
            if breakdown is None:
                raise ValidationError(
                    SWAP_PAIR_ERROR
                    % {"godparent": match.godparent.full_name, "prisoner": prisoner.display_name}
                )
            new.append(
                Match(
                    godparent_id=match.godparent_id,
                    prisoner=prisoner,
                    run=run,
                    status=MatchStatus.PROPOSED,
                    score=round(breakdown.total, 4),
                    score_breakdown={**breakdown.as_dict(), "swapped_by": by.pk},
                    proposed_by=by,
                    support=Support.IN_EXILE
                    if prisoner_data is not None and prisoner_data.in_exile
                    else Support.IN_CUSTODY,
                )
            )
        for match in old:
            match_withdraw(match=match, by=by)
        for match in new:
            match.full_clean()
            match.save()
            log(instance=match, action="wagtail.create", user=by)
    return new
