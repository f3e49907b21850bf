"""Thin adapters from other apps' signals to matching services."""

from solidarity.prisoners.signals import status_changed

from .followups import matches_follow_status_changes


def follow_status_changes(sender, *, changes, user, **kwargs) -> None:
    matches_follow_status_changes(changes=changes, by=user)


def register_signal_handlers() -> None:
    status_changed.connect(follow_status_changes, dispatch_uid="matching-follow-status-changes")
