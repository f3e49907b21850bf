"""Signals for the apps that publish prisoner records (cms), which prisoners must not import."""

from django.dispatch import Signal

# Sent inside the writing transaction with `prisoner_ids` (records whose publicity just became
# None) and `user`: receivers unpublish whatever shows them, or the whole write rolls back.
publicity_withdrawn = Signal()

# Sent inside the writing transaction with `changes` (the StatusChange rows just recorded, in
# order) and `user`: matching ends godparenthoods of released records and tells the godparents.
status_changed = Signal()

# Sent by a dry run with `prisoner_ids` (records whose status the file would change): each
# receiver returns {prisoner_id: [names]} of the people the change concerns (their godparents),
# shown beside each change so that a release wave is reviewed person by person.
status_change_audience = Signal()

# Sent inside the writing transaction with `prisoner_ids` (records whose Whereabouts were just
# written: situation, country or consent) and `user`: matching carries out the godparents'
# "continue" choices that waited for the person's consent.
whereabouts_changed = Signal()
