"""What every page of the acceptance journeys must pass: axe-core (no serious or critical
violation), no English string on a page in Belarusian or Russian, no horizontal overflow on a
phone; plus a screenshot of each step when `E2E_SHOTS=dir` is set.

`KNOWN_FAILURES_TO_FIX_AFTER_MERGE` lists the failures of pages owned by other work of the same
round (they are being fixed there): the checks skip exactly these, by page and rule or msgid, and
say so with a `KnownFailureSkipped` warning in the test summary. Empty it once the fixes are
merged; a listed failure that no longer occurs is harmless.
"""

import os
import warnings
from pathlib import Path

from tests.e2e.a11y import blocking_violations
from tests.e2e.catalogue import english_strings

PHONE_WIDTH = 360
# Set E2E_SHOTS=/some/dir to keep a full-page screenshot of each checked step.
SHOTS = Path(os.environ["E2E_SHOTS"]) if os.environ.get("E2E_SHOTS") else None
# E2E_PAGE_CHECKS=report prints each page's problems, known or not, and goes on (to update the
# list below).
REPORT_ONLY = os.environ.get("E2E_PAGE_CHECKS") == "report"

# "language/page" → {"axe:<rule id>", "en:<English msgid>", "overflow", or a journey's own code}:
# failures of pages that other work in progress is fixing. Empty: every page passes as it is.
KNOWN_FAILURES_TO_FIX_AFTER_MERGE: dict[str, frozenset[str]] = {}


class KnownFailureSkipped(UserWarning):
    """A failure listed in KNOWN_FAILURES_TO_FIX_AFTER_MERGE occurred and was let through."""


def shot(page, name: str) -> None:
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def page_problems(page, *, name: str, language: str, width: int = PHONE_WIDTH) -> list[str]:
    """Everything wrong with the page as it is now, less the known failures of `name`."""
    key = f"{language}/{name}"
    known = frozenset() if REPORT_ONLY else KNOWN_FAILURES_TO_FIX_AFTER_MERGE.get(key, frozenset())
    found = [(f"axe:{item.id}", f"axe: {item.describe()}") for item in blocking_violations(page)]
    lang = page.evaluate("document.documentElement.lang")
    if lang != language:
        found.append(("lang", f'<html lang="{lang}"> instead of "{language}"'))
    if language != "en":
        found += [
            (f"en:{item.msgid}", f"English: {item.describe()}")
            for item in english_strings(page, language)
        ]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        found.append(("overflow", f"overflow: {scroll_width} px wide on a {width} px screen"))
    for rule, problem in found:
        if rule in known:
            warnings.warn(f"{key}, known failure let through: {problem}", KnownFailureSkipped, 2)
    return [problem for rule, problem in found if rule not in known]


def check_or_known(*, name: str, language: str, code: str, passed: bool, problem: str) -> None:
    """An assertion of a journey that a known failure (`code` listed for the page) may skip."""
    key = f"{language}/{name}"
    if not passed and code in KNOWN_FAILURES_TO_FIX_AFTER_MERGE.get(key, frozenset()):
        warnings.warn(f"{key}, known failure let through: {problem}", KnownFailureSkipped, 2)
        return
    assert passed, f"{key}: {problem}"


def check_page(page, *, name: str, language: str, width: int = PHONE_WIDTH) -> None:
    """Fail with every problem of the page at once (axe, English strings, overflow)."""
    shot(page, f"{language}-{name}")
    problems = page_problems(page, name=name, language=language, width=width)
    if REPORT_ONLY:
        print(f"\n[page checks] {language}/{name}: " + ("; ".join(problems) or "ok"))
        return
    assert not problems, f"{language}/{name} ({page.url}):\n" + "\n".join(
        f"  {problem}" for problem in problems
    )
