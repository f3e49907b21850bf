"""Which verification state a godparent's own edit leads to (`godparent_state_after_edit`)."""

import copy

import pytest

from solidarity.godparents.models import VerificationState as State
from solidarity.godparents.services import godparent_state_after_edit
from tests.factories.godparents import GodparentProfileFactory

EDITS = {
    "party": {"party": "Another party"},
    "name": {"full_name": "Somebody Else"},
    "role": {"role": "Senator"},
    "parliament": {"parliament_id": None, "parliament_other": "Landtag Brandenburg"},
    "new email": {"official_email": "new@bundestag.example"},
    "new page": {"mandate_evidence_url": "https://bundestag.example/new"},
    "email removed": {"official_email": ""},
}
CHANGES_WHO = {"name", "role", "parliament", "new email", "new page"}


@pytest.mark.parametrize("state", State.values)
@pytest.mark.parametrize("edit", EDITS)
def test_only_an_answer_or_a_new_identity_of_a_verified_godparent_changes_the_state(state, edit):
    saved = GodparentProfileFactory.build(
        verification_state=state, official_email="anna@bundestag.example", parliament_id=1
    )
    edited = copy.copy(saved)
    for name, value in EDITS[edit].items():
        setattr(edited, name, value)

    after = godparent_state_after_edit(saved=saved, edited=edited)

    if state == State.INFO_REQUESTED or (state == State.VERIFIED and edit in CHANGES_WHO):
        assert after == State.UNVERIFIED
    else:
        assert after == state
