"""Signals for the apps built on godparents (matching), which godparents must not import.

Both are sent inside the writing transaction: a receiver that raises rolls the whole write back,
so the godparent's state and what depends on it never disagree.
"""

from django.dispatch import Signal

# Sent with `profile` (locked, as stored) and `by` before a godparent's own edit makes them no
# longer discreet. A receiver that knows why they must stay discreet raises ValidationError on
# `is_discreet` (matching: they support someone whose family refused publicity).
discretion_ending = Signal()

# Sent with `profile` and `by` once a godparent is recorded as having left office: they may no
# longer be matched, and matching ends their godparenthoods (kept as history).
left_office = Signal()
