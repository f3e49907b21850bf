"""Idempotent writes: a form that creates something accepts the same submission once.

A double click, a phone that resends a post after a timeout, a browser's "resend" or a replayed
request must not make two letters. Rows with a natural key (one profile per user, one answer per
offer, an import applied once by its state machine, a run approved once) rely on it; the others
(letters, actions, report requests, matching runs) carry a token in the form:

- `SubmissionGuard(request, form="letter")` issues a token when the form is rendered (the hidden
  input `submission`, `templates/includes/submission.html`): random, signed with the user's id and
  the form's name, and dated, so that it cannot be used by another user, on another form, or
  after `MAX_AGE`.
- The view writes inside `guard.once()`: the token's row (`common.models.Submission`, unique) is
  inserted first, in the same transaction as what the form creates. A failed write rolls it back
  and the user may send the form again; a committed one makes every replay a no-op. Of five
  identical posts at once, PostgreSQL makes four wait on the unique index until the first commits
  (then they fail and replay); SQLite serialises the writing transactions (`transaction_mode`
  IMMEDIATE), so the later ones find the row.
- A replay answers as the first success did: a redirect to the URL stored with the token, with a
  note that nothing was added twice; never an error page.
- A missing, tampered or expired token (a tab opened before a deployment, or left open for days)
  is a form error, "please send it again", and the form comes back with what was typed and a
  fresh token: the submission is never silently accepted without its guard.

Why a token per rendered form rather than a hash of the posted data: two identical letters on
the same day are legitimate (a card and a letter), a resent form is not; only the form knows.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.contrib import messages
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_q.models import Schedule

from .models import Submission

logger = logging.getLogger(__name__)

FIELD = "submission"
# Long enough for a form left open over a weekend; after it, a replay is refused as expired
# (a form error, never a second row), so rows older than this are no longer needed.
MAX_AGE = timedelta(days=3)
PURGE_SCHEDULE = "common-submissions-purge"

RESEND_ERROR = gettext_lazy(
    "This form could not be checked (it was open for a long time, or the page is out of date). "
    "Nothing was saved: please check what you typed and send it again."
)


class SubmissionReplayed(Exception):
    """Another request already used this token; `SubmissionGuard.replay()` answers it."""


@dataclass
class Once:
    """The claim of one submission, open inside its transaction: say where success leads."""

    row: Submission

    def answer(self, response: HttpResponse) -> HttpResponse:
        """Store where the first success goes (a redirect) so that every replay goes there."""
        self.row.answer_url = response.get("Location", "")[:500]
        self.row.save(update_fields=["answer_url"])
        return response


class SubmissionGuard:
    """One rendered form's token: issued on GET, checked and claimed on POST (see the module)."""

    def __init__(self, request: HttpRequest, *, form: str) -> None:
        user_id = request.user.pk
        if user_id is None:
            raise ValueError("A guarded form is for signed-in users.")
        self.request = request
        self.form = form
        self._user_id: int = user_id
        self.error: str | None = None
        nonce = self._read(request.POST.get(FIELD, "")) if request.method == "POST" else None
        if request.method == "POST" and nonce is None:
            self.error = str(RESEND_ERROR)
        self._nonce: str = nonce or secrets.token_urlsafe(24)
        # A form sent back (an error to correct) carries the very token it was posted with: signed
        # again, its timestamp would differ from one second to the next.
        self.token = (
            request.POST[FIELD]
            if nonce is not None
            else signing.dumps([self._nonce, self._user_id], salt=self._salt, compress=False)
        )

    @property
    def _salt(self) -> str:
        return f"solidarity.submission.{self.form}"

    def _read(self, token: str) -> str | None:
        """The nonce of a valid token for this user and form; None for anything else."""
        if not token:
            logger.info("Form %r posted without its submission token", self.form)
            return None
        try:
            nonce, user_id = signing.loads(token, salt=self._salt, max_age=MAX_AGE)
        except (signing.BadSignature, ValueError, TypeError):
            return None
        if user_id != self._user_id or not isinstance(nonce, str) or len(nonce) > 64:
            return None
        return nonce

    @property
    def _claimable(self) -> bool:
        return self.request.method == "POST" and self.error is None

    def replay(self) -> HttpResponse | None:
        """The first success's answer when this submission was already accepted, else None.

        Called before the form is validated: a replay is answered even if the form would no
        longer be valid (the match has ended since, the run was approved).
        """
        if not self._claimable:
            return None
        row = Submission.objects.filter(token=self._nonce, user_id=self._user_id).first()
        if row is None:
            return None
        messages.info(self.request, _("This form had already been sent: it was saved once."))
        return HttpResponseRedirect(row.answer_url or "/")

    def replayed(self) -> HttpResponse:
        """The answer to the loser of a race (`SubmissionReplayed`): the winner has committed."""
        return self.replay() or HttpResponseRedirect("/")

    def check(self, form) -> bool:
        """Whether the posted token may be claimed; if not, say so on the form (which keeps
        what was typed, and is rendered again with a fresh token)."""
        if self.error is not None:
            form.add_error(None, self.error)
            return False
        return True

    @contextmanager
    def once(self) -> Iterator[Once]:
        """The transaction of the write: claims the token first, so that concurrent replays
        wait here (PostgreSQL) or find it taken; raises SubmissionReplayed for them."""
        if not self._claimable:
            raise RuntimeError("SubmissionGuard.once() needs a checked POST")
        with transaction.atomic():
            try:
                with transaction.atomic():
                    row = Submission.objects.create(
                        token=self._nonce, user_id=self._user_id, form=self.form
                    )
            except IntegrityError:
                raise SubmissionReplayed from None
            yield Once(row)

    def context(self) -> dict[str, str]:
        """For the template: `{% include "includes/submission.html" %}` renders it."""
        return {"submission": self.token}


class GuardedFormViewMixin:
    """For a class-based view whose POST creates something: its form carries a token
    (`{% include "includes/submission.html" %}`), and a replay answers like the first success
    before the form is even read. `form_valid` still writes inside `self.guard.once()`."""

    submission_form = ""  # the guard's name for this form ("report", "matching-run")
    request: HttpRequest

    @cached_property
    def guard(self) -> SubmissionGuard:
        return SubmissionGuard(self.request, form=self.submission_form)

    def post(self, request, *args, **kwargs):
        if replay := self.guard.replay():
            return replay
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.guard.context(), **kwargs)


def submissions_purge(*, now: datetime.datetime | None = None) -> int:
    """Forget tokens older than MAX_AGE: a replay of one is refused as expired anyway."""
    cutoff = (now or timezone.now()) - MAX_AGE - timedelta(hours=1)
    deleted, _by_model = Submission.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def submissions_schedule() -> None:
    """Create or repair the daily purge (`setup_site`)."""
    func = f"{__name__}.submissions_purge"
    Schedule.objects.update_or_create(
        name=PURGE_SCHEDULE,
        defaults={"func": func, "schedule_type": Schedule.DAILY, "repeats": -1},
    )
