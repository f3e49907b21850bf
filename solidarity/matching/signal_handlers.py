"""Thin adapters from lower apps' signals to matching services.

Prisoners and godparents sit below matching and may not import it; they announce changes inside
their writing transaction, and these receivers apply matching's rules in the same transaction.
"""

from solidarity.godparents.signals import discretion_ending, left_office
from solidarity.prisoners.signals import (
    status_change_audience,
    status_changed,
    whereabouts_changed,
)

from .exile import exile_follow_whereabouts
from .followups import matches_follow_status_changes
from .selectors import godparent_names_by_prisoner
from .services import godparent_discretion_check, match_close_all_for_godparent


def follow_status_changes(sender, *, changes, user, **kwargs) -> None:
    matches_follow_status_changes(changes=changes, by=user)


def follow_whereabouts(sender, *, prisoner_ids, user, **kwargs) -> None:
    exile_follow_whereabouts(prisoner_ids=prisoner_ids, by=user)


def godparents_of(sender, *, prisoner_ids, **kwargs) -> dict[int, list[str]]:
    return godparent_names_by_prisoner(prisoner_ids=prisoner_ids)


def keep_discretion(sender, *, profile, **kwargs) -> None:
    godparent_discretion_check(godparent=profile)


def close_matches_of_departed(sender, *, profile, by, **kwargs) -> None:
    match_close_all_for_godparent(godparent=profile, by=by)


def register_signal_handlers() -> None:
    status_changed.connect(follow_status_changes, dispatch_uid="matching-follow-status-changes")
    whereabouts_changed.connect(follow_whereabouts, dispatch_uid="matching-follow-whereabouts")
    status_change_audience.connect(godparents_of, dispatch_uid="matching-godparents-of")
    discretion_ending.connect(keep_discretion, dispatch_uid="matching-keep-discretion")
    left_office.connect(close_matches_of_departed, dispatch_uid="matching-close-departed")
