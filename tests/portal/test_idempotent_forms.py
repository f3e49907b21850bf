"""A form that creates something accepts the same submission once (common/idempotency.py).

Shown on the letter form, the simplest guarded form; tests/common/test_concurrent_submissions.py
posts every creating form five times at once.
"""

import datetime

import pytest
import time_machine
from django.utils import timezone
from django_q.models import Schedule

from solidarity.activity.models import Letter
from solidarity.common.idempotency import (
    FIELD,
    MAX_AGE,
    PURGE_SCHEDULE,
    SubmissionGuard,
    submissions_purge,
    submissions_schedule,
)
from solidarity.common.models import Submission
from tests.factories.godparents import GodparentProfileFactory
from tests.factories.matching import MatchFactory
from tests.submissions import submission_token, with_submission
from tests.tokens import forged

pytestmark = pytest.mark.django_db
DASHBOARD = "/en/me/"


@pytest.fixture
def letter_url(godparent):
    match = MatchFactory(godparent=godparent)
    return f"/en/me/prisoners/{match.pk}/letter/"


def _letter(**overrides) -> dict:
    return {"sent_on": timezone.localdate().isoformat(), "channel": "post", "note": "Card"} | (
        overrides
    )


def test_the_form_carries_a_token_and_a_replay_creates_nothing(client, godparent, letter_url):
    client.force_login(godparent.user)
    data = with_submission(client, letter_url, _letter())

    first = client.post(letter_url, data)
    again = client.post(letter_url, data, follow=True)

    assert first.status_code == 302
    assert first["Location"] == DASHBOARD
    assert Letter.objects.count() == 1
    # The replay answers as the first success did: to the same place, no error page.
    assert again.redirect_chain == [(DASHBOARD, 302)]
    assert "This form had already been sent: it was saved once." in again.content.decode()
    row = Submission.objects.get()
    assert (row.user, row.form, row.answer_url) == (godparent.user, "letter", DASHBOARD)


def test_each_rendering_of_the_form_is_a_new_submission(client, godparent, letter_url):
    """Two letters on the same day, with the same words, are legitimate: two forms, two rows."""
    client.force_login(godparent.user)

    for _ in range(2):
        client.post(letter_url, with_submission(client, letter_url, _letter()))

    assert Letter.objects.count() == 2


def test_a_refused_write_leaves_the_token_unused(client, godparent, letter_url):
    client.force_login(godparent.user)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    data = with_submission(client, letter_url, _letter(sent_on=tomorrow))

    refused = client.post(letter_url, data)

    assert refused.status_code == 200  # the service's error, on the form
    assert not Submission.objects.exists()
    # The form comes back with the same token: corrected, it is accepted once.
    assert submission_token(refused.content) == data[FIELD]
    client.post(letter_url, data | {"sent_on": timezone.localdate().isoformat()})
    client.post(letter_url, data | {"sent_on": timezone.localdate().isoformat()})
    assert Letter.objects.count() == 1


@pytest.mark.parametrize(
    "token",
    [None, "", "not-a-token", "forged"],
    ids=["missing", "empty", "garbage", "forged"],
)
def test_a_form_without_a_valid_token_is_sent_again_with_what_was_typed(
    client, godparent, letter_url, token
):
    """An old open tab (before tokens) or a tampered one: a form error, never a 500, nothing
    saved, and nothing the user typed lost."""
    client.force_login(godparent.user)
    data = _letter(note="Remember the stamps")
    if token == "forged":
        data[FIELD] = forged(with_submission(client, letter_url, {})[FIELD])
    elif token is not None:
        data[FIELD] = token

    response = client.post(letter_url, data)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved: please check what you typed and send it again." in content
    assert "Remember the stamps" in content
    assert not Letter.objects.exists()
    # A fresh token on the form sent back: sending it again works.
    client.post(letter_url, data | {FIELD: submission_token(content)})
    assert Letter.objects.count() == 1


def test_a_token_is_bound_to_its_form(client, godparent, letter_url):
    client.force_login(godparent.user)
    action_token = submission_token(client.get(f"/en/me/for/{godparent.pk}/action/").content)

    wrong_form = client.post(letter_url, _letter() | {FIELD: action_token})

    assert "send it again" in wrong_form.content.decode()
    assert not Letter.objects.exists()


def test_another_users_token_is_refused(client, godparent, letter_url, rf):
    client.force_login(godparent.user)
    token = with_submission(client, letter_url, {})[FIELD]
    request = rf.post(letter_url, {FIELD: token})
    request.user = GodparentProfileFactory().user

    guard = SubmissionGuard(request, form="letter")

    assert guard.error is not None
    assert guard.token != token  # the form comes back with a token of its own


def test_an_expired_token_is_a_form_error(client, godparent, letter_url):
    client.force_login(godparent.user)
    data = with_submission(client, letter_url, _letter())

    with time_machine.travel(timezone.now() + MAX_AGE + datetime.timedelta(minutes=1)):
        client.force_login(godparent.user)  # the session, too, would have expired
        response = client.post(letter_url, data)

    assert response.status_code == 200
    assert "send it again" in response.content.decode()
    assert not Letter.objects.exists()


def test_old_tokens_are_forgotten_daily(db):
    user = GodparentProfileFactory().user
    old = Submission.objects.create(token="old", user=user, form="letter")
    Submission.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - MAX_AGE - datetime.timedelta(days=1)
    )
    Submission.objects.create(token="recent", user=user, form="letter")

    assert submissions_purge() == 1
    assert list(Submission.objects.values_list("token", flat=True)) == ["recent"]

    submissions_schedule()
    submissions_schedule()  # repairs, never doubles
    schedule = Schedule.objects.get(name=PURGE_SCHEDULE)
    assert (schedule.func, schedule.schedule_type) == (
        "solidarity.common.idempotency.submissions_purge",
        Schedule.DAILY,
    )
