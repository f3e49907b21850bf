"""The mail relay refuses connections while people sign up and reset passwords: every email
arrives, once, after it comes back.

The outage and the workers' failed attempts are real; only the wait is not. A failed email is
tried again after its backoff (a minute at first) by the per-minute sweep: instead of waiting up
to two minutes, the emails' next attempt is moved back to now and the sweep is run as its schedule
runs it (`outbox_send_due`). The backoff itself is tested in tests/notifications."""

import re
import time

import pytest

from .stack import Browser, Stack, wait_until

pytestmark = pytest.mark.faults

DELIVERY_SECONDS = 60


def test_every_email_is_delivered_once_after_smtp_returns(stack: Stack) -> None:
    stack.smtp_stop()
    before = len(stack.mails())
    stamp = int(time.time())
    signups = [f"smtp-outage-{stamp}-{n}@parliament.example" for n in range(4)]
    try:
        for n, email in enumerate(signups):
            browser = Browser(stack.machines[n % 2].url)
            token, _html = browser.csrf_form("/en/accounts/signup/")
            answer = browser.post(
                "/en/accounts/signup/",
                {
                    "csrfmiddlewaretoken": token,
                    "email": email,
                    "password1": "a long pass phrase 2026",
                    "password2": "a long pass phrase 2026",
                },
            )
            # The person sees "check your inbox", as on a good day.
            assert answer.status_code == 302, (email, answer.status_code)
        resetter = Browser(stack.machines[1].url)
        token, _html = resetter.csrf_form("/en/accounts/password/reset/")
        answer = resetter.post(
            "/en/accounts/password/reset/",
            {"csrfmiddlewaretoken": token, "email": "godparent@solidarity.test"},
        )
        assert answer.status_code == 302, answer.status_code
        time.sleep(5)  # the workers try, and fail
        assert len(stack.mails()) == before
    finally:
        stack.smtp_start()

    expected = [*signups, "godparent@solidarity.test"]
    # As if the sweep came by a minute later (see the module's docstring).
    stack.sql(
        "UPDATE notifications_sentemail SET next_attempt_at = now()"
        " WHERE status = 'queued' AND attempts > 0"
    )
    stack.shell(
        "import json\nfrom solidarity.notifications.services import outbox_send_due\n"
        "print(json.dumps(outbox_send_due()))\n"
    )

    def delivered() -> bool:
        received = [mail["to"] for mail in stack.mails()[before:]]
        return all(address in received for address in expected)

    wait_until(delivered, timeout=DELIVERY_SECONDS, every=2, what="the queued emails")
    time.sleep(5)  # a duplicate would arrive now
    received = [mail["to"] for mail in stack.mails()[before:]]
    for address in expected:
        assert received.count(address) == 1, (address, received)
    # The confirmation links work from the other machine than the one that signed up.
    mail = next(m for m in stack.mails()[before:] if m["to"] == signups[0])
    link = re.search(r"https?://[^/\s]+(/en/accounts/confirm-email/[^\s]+/)", mail["text"])
    assert link, mail["text"][:2000]
    confirm = Browser(stack.machines[1].url).get(link.group(1))
    assert confirm.status_code == 200
