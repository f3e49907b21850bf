"""The page checks themselves, on pages written here: axe-core finds what it must, the English
check flags catalogue msgids and never data, a missing axe-core fails loudly, and the known
failures are let through only by name and with a warning."""

import pytest

from tests.e2e import a11y
from tests.e2e.a11y import assert_accessible, blocking_violations
from tests.e2e.catalogue import english_strings
from tests.e2e.page_checks import (
    KNOWN_FAILURES_TO_FIX_AFTER_MERGE,
    KnownFailureSkipped,
    page_problems,
)

pytestmark = [pytest.mark.e2e]

BELARUSIAN_PAGE = """<!DOCTYPE html><html lang="be"><head><title>Вязні · Салідарнасць</title></head>
<body><main>
  <h1>Sign up</h1>
  <p>Ihar Losik</p><p>42</p><p>anna.beispiel@bundestag.example</p><p>EPP</p>
  <p>Ona Pavardenytė — Seimas, Lithuania</p>
  <p>Confirmation email sent to anna.beispiel@bundestag.example.</p>
  <p><a href="/en/" lang="en">English</a></p>
  <label>Пароль <input name="p" placeholder="Password (again)"></label>
  <button type="submit">Зарэгістравацца</button>
</main></body></html>"""


def test_axe_reports_a_nameless_button_with_its_rule_selector_and_help(page):
    page.set_content('<html lang="en"><title>t</title><main><button id="x"></button></main></html>')
    (violation,) = blocking_violations(page)
    assert (violation.id, violation.impact) == ("button-name", "critical")
    assert violation.targets == ("#x",)
    with pytest.raises(AssertionError, match=r"button-name \[critical\].*dequeuniversity"):
        assert_accessible(page)


def test_a_page_without_violations_passes(page):
    page.set_content('<html lang="en"><title>t</title><main><button>Go</button></main></html>')
    assert_accessible(page)


def test_a_missing_axe_core_fails_instead_of_skipping(page, monkeypatch, tmp_path):
    page.set_content('<html lang="en"><title>t</title><main><p>x</p></main></html>')
    monkeypatch.setattr(a11y, "AXE_PATH", tmp_path / "axe.min.js")
    a11y.axe_source.cache_clear()
    try:
        with pytest.raises(AssertionError, match="make e2e-deps"):
            assert_accessible(page)
    finally:
        a11y.axe_source.cache_clear()


def test_english_msgids_are_flagged_and_data_is_not(page):
    page.set_content(BELARUSIAN_PAGE)
    found = {item.text: item for item in english_strings(page, "be")}
    assert set(found) == {
        "Sign up",
        "Ona Pavardenytė — Seimas, Lithuania",
        "Confirmation email sent to anna.beispiel@bundestag.example.",
        "Password (again)",
    }
    assert found["Sign up"].translation == "Зарэгістравацца"
    assert found["Sign up"].where == "main > h1"
    assert found["Ona Pavardenytė — Seimas, Lithuania"].msgid == "Lithuania"
    assert "%(email)s" in found["Confirmation email sent to anna.beispiel@bundestag.example."].msgid
    assert found["Password (again)"].where == "main > label > input [placeholder]"


def test_the_page_language_must_be_the_expected_one(page):
    page.set_content(BELARUSIAN_PAGE.replace('lang="be"', 'lang="en"', 1))
    with pytest.raises(AssertionError, match='<html lang="en">'):
        english_strings(page, "be")


def test_a_known_failure_is_let_through_with_a_warning_and_nothing_else(page, monkeypatch):
    page.set_content(BELARUSIAN_PAGE)
    problems = page_problems(page, name="test", language="be")
    assert any("'Sign up'" in problem for problem in problems)
    monkeypatch.setitem(KNOWN_FAILURES_TO_FIX_AFTER_MERGE, "be/test", frozenset({"en:Sign up"}))
    with pytest.warns(KnownFailureSkipped, match="be/test, known failure let through"):
        fewer = page_problems(page, name="test", language="be")
    assert sorted(fewer) == sorted(p for p in problems if "'Sign up'" not in p)


def test_overflow_and_a_wrong_page_language_are_problems(page):
    page.set_viewport_size({"width": 360, "height": 640})
    wide = '<p style="width:500px">x</p>'
    page.set_content(f'<html lang="ru"><title>t</title><body style="margin:0"><main>{wide}</main>')
    problems = page_problems(page, name="test", language="en")
    assert problems == [
        '<html lang="ru"> instead of "en"',
        "overflow: 500 px wide on a 360 px screen",
    ]
