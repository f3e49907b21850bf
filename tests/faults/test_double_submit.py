"""A letter form posted five times at once, to both servers (a double tap, a retry by a flaky
connection, a replay): one letter."""

import re
import threading
import time

import pytest

from .stack import Browser, Stack

pytestmark = pytest.mark.faults


def test_five_concurrent_posts_of_one_letter_form_make_one_letter(stack: Stack) -> None:
    ((match_id,),) = stack.sql(
        "SELECT m.id FROM matching_match m JOIN godparents_godparentprofile g"
        " ON g.id = m.godparent_id JOIN accounts_user u ON u.id = g.user_id"
        " WHERE u.email = 'godparent@solidarity.test' AND m.status = 'active'"
        " ORDER BY m.id LIMIT 1"
    )
    path = f"/en/me/prisoners/{match_id}/letter/"
    first = Browser(stack.machines[0].url)
    first.sign_in("godparent@solidarity.test", "demo-godparent-2026")
    _csrf, html = first.csrf_form(path)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    assert "submission" in hidden, "the letter form carries no submission token"
    note = f"double-submit {time.time()}"
    data = {**hidden, "sent_on": time.strftime("%Y-%m-%d"), "channel": "post", "note": note}
    # The same session on both servers, as one phone whose request is retried elsewhere.
    browsers = [first]
    for n in range(1, 5):
        other = Browser(stack.machines[n % 2].url)
        other.cookies = dict(first.cookies)
        browsers.append(other)
    barrier = threading.Barrier(len(browsers))
    answers: list[int] = []

    def post(browser: Browser) -> None:
        barrier.wait()
        answers.append(browser.post(path, data).status_code)

    threads = [threading.Thread(target=post, args=(b,)) for b in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(answers) == [302] * 5, answers
    ((letters,),) = stack.sql("SELECT count(*) FROM activity_letter WHERE note = %s", (note,))
    assert letters == 1
