"""Two machines behind one database, one Redis and one file store: what one starts, the other
serves. Each machine has its own local disk (temporary files, home directory), so any
state kept on a local disk or in a process would show here as a difference between them."""

import json
import re
import time

import pytest

from tests.prisoners.importing.files import make_csv, row

from .stack import Browser, Stack, wait_until

pytestmark = pytest.mark.faults

ORGANISER = ("organiser@solidarity.test", "demo-organiser-2026", "SOLIDARITYDEMOORGANISERS")
DEFENDER = ("defender@solidarity.test", "demo-defender-2026", "SOLIDARITYDEMODEFENDERSS")


def staff(stack: Stack, machine: int, who: tuple[str, str, str]) -> Browser:
    browser = Browser(stack.machines[machine].url)
    browser.sign_in(who[0], who[1], totp_secret=who[2])
    return browser


def same_person_on(stack: Stack, machine: int, browser: Browser) -> Browser:
    """The same signed-in person on another machine: the session lives in the shared database, so
    the cookie made on one machine is honoured on the other (and one-time codes are not reused)."""
    other = Browser(stack.machines[machine].url, language=browser.language)
    other.cookies = dict(browser.cookies)
    return other


def url(stack: Stack, name: str, *args: object) -> str:
    return stack.shell(
        "import json\nfrom django.urls import reverse\n"
        f"print(json.dumps(reverse({name!r}, args={list(args)!r})))\n"
    )


def test_a_report_requested_on_one_server_is_downloaded_from_the_other(stack: Stack) -> None:
    on_a = staff(stack, 0, ORGANISER)
    add = url(stack, "wagtailsnippets_reports_reportrun:add")
    _token, form = on_a.csrf_form(add)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    fields.update(
        {
            "variant": "public",
            "period_start": "2024-01-01",
            "period_end": time.strftime("%Y-%m-%d"),
            "language": "ru",
        }
    )
    answer = on_a.post(add, fields)
    assert answer.status_code == 302, answer.text[:3000]
    (run_id,) = stack.sql("SELECT max(id) FROM reports_reportrun")[0]
    wait_until(
        lambda: (
            stack.sql("SELECT status FROM reports_reportrun WHERE id = %s", (run_id,))[0][0]
            == "done"
        ),
        timeout=240,
        every=1,
        what="the report",
    )
    on_b = same_person_on(stack, 1, on_a)
    pdf = on_b.get(url(stack, "wagtailsnippets_reports_reportrun:download", run_id, "pdf"))
    assert pdf.status_code == 200, pdf.status_code
    assert pdf.content.startswith(b"%PDF")


def test_an_imports_progress_is_the_same_seen_from_both_servers(stack: Stack) -> None:
    on_a = staff(stack, 0, DEFENDER)
    on_b = same_person_on(stack, 1, on_a)
    path = stack.work / "two-servers.csv"
    rows = [row(id=str(800_000 + n), name=f"Пётр Двоев {n}") for n in range(6000)]
    path.write_bytes(make_csv(rows))
    import_id = stack.import_upload(path)
    status = url(stack, "prisoner_import:status", import_id)
    seen: list[tuple[dict, dict]] = []

    def both_in(state: str) -> bool:
        a, b = json.loads(on_a.get(status).text), json.loads(on_b.get(status).text)
        seen.append((a, b))
        return a["state"] == state and b["state"] == state

    wait_until(lambda: both_in("planned"), timeout=240, every=0.2, what="the dry run")
    assert stack.import_apply(import_id) is True
    wait_until(lambda: both_in("applied"), timeout=300, every=0.2, what="the apply")
    # While a worker ran each step, both servers showed it running, not an empty view of their
    # own; where both show figures, B's total is A's. Figures reach the database every two
    # seconds (common/jobs.py), so a fast step may show only its phase: not a failure.
    running = [(a, b) for a, b in seen if a["running"] and b["running"]]
    assert len(running) >= 2, seen[:5]
    moving = [(a, b) for a, b in running if a["done"] > 0 and b["done"] > 0]
    assert all(b["total"] == a["total"] for a, b in moving), moving[:5]
