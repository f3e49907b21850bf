"""The censor-safety check: each kind of rule, the built-in checks, and the seeded list.

The seeded list is checked against the seeded phrases both ways: every word of the list flags
its example in its own language, and no vetted phrase is flagged (a phrase the check flagged
would teach godparents to ignore it).
"""

import re

import pytest

from solidarity.writing import censor, content
from solidarity.writing.censor import Rule, check

RULES = [
    Rule("свобод", censor.STEM, "freedom"),
    Rule("political prisoner", censor.WORD, "case"),
    Rule("суд(а|е|у|ом)?", censor.PATTERN, "case"),
]


def _found(text: str, rules=RULES, **kwargs) -> list[tuple[str, str]]:
    return [(flag.text, flag.kind) for flag in check(text, rules, **kwargs)]


def test_a_stem_finds_every_form_of_the_word_and_only_words_beginning_with_it():
    assert _found("Желаю Вам СВОБОДЫ и свободного времени.") == [
        ("СВОБОДЫ", "stem"),
        ("свободного", "stem"),
    ]
    assert _found("Несвобода") == []  # inside a word is another word


def test_a_pattern_finds_its_forms_and_not_a_longer_word():
    assert _found("Какая судьба! Я думаю о суде.") == [("суде", "pattern")]


def test_several_words_match_across_any_spacing_and_case():
    assert _found("He is a Political\n prisoner.", cyrillic=False) == [
        ("Political\n prisoner", "word")
    ]


def test_yo_and_ye_are_one_letter():
    rules = [Rule("всё равно", censor.WORD, "x")]
    assert _found("Мне все равно.", rules) == [("все равно", "word")]


def test_latin_letters_in_a_cyrillic_letter_are_flagged_and_mixed_words_apart():
    found = _found("Привет! Hello. Мoй друг.")  # the "o" of "Мoй" is Latin
    assert found == [("Hello", "latin"), ("Мoй", "mixed")]
    assert _found("Hello.", cyrillic=False) == []


def test_abbreviations_in_capitals_or_with_dots_are_flagged():
    assert _found("Я живу в ЕС, т.е. в Европе, и т.д.") == [
        ("ЕС", "abbreviation"),
        ("т.е.", "abbreviation"),
        ("т.д.", "abbreviation"),
    ]
    assert _found("Я — Анна. А Вы?") == []  # one capital letter is a word, not an abbreviation


def test_a_place_is_flagged_once_with_its_position():
    rules = [Rule("свобод", censor.STEM, "a"), Rule("свобода", censor.WORD, "b")]
    [flag] = check("Моя свобода", rules)
    assert (flag.reason, flag.start, flag.end) == ("a", 4, 11)


def test_a_defenders_pattern_that_cannot_be_used_says_why():
    assert censor.pattern_error("суд(а|е") != ""
    assert censor.pattern_error("x*") == "it matches an empty text"
    # Backtracking without end on a short text: refused here, and stopped in a check.
    assert "very long" in censor.pattern_error("(а|аа)+б")
    assert censor.pattern_error("(?i)суд") == ""  # runs as the check runs it
    assert censor.pattern_error("суд(а|е)?") == ""


# --- the seeded list and phrases (solidarity/writing/content.py) -------------------------------

SEEDED_RULES = [
    Rule(term=text, kind=kind, reason=reason, language=language)
    for language, kind, text, reason in content.CENSOR_TERMS
]


@pytest.mark.parametrize("language", ["en", "ru", "be"])
def test_the_seeded_list_has_words_in_each_language(language):
    assert sum(1 for term in content.CENSOR_TERMS if term[0] == language) >= 15


@pytest.mark.parametrize(
    ("language", "kind", "text", "reason"), content.CENSOR_TERMS, ids=lambda value: str(value)
)
def test_every_word_of_the_list_flags_its_example(language, kind, text, reason):
    example = content.CENSOR_EXAMPLES[text]
    rule = Rule(term=text, kind=kind, reason=reason, language=language)
    flags = check(example, [rule], cyrillic=language != "en")
    assert [flag.term for flag in flags if flag.kind == kind] == [text], example
    assert reason in content.CENSOR_REASONS


@pytest.mark.parametrize("language", ["ru", "be", "en"])
def test_no_seeded_phrase_is_flagged(language):
    for phrase in content.PHRASES:
        text = phrase[language].format(addressee="Иван Иванович", sender="Анна")
        assert check(text, SEEDED_RULES, cyrillic=language != "en") == [], text


def test_every_pattern_of_the_seeded_list_compiles():
    for _language, kind, text, _reason in content.CENSOR_TERMS:
        if kind == censor.PATTERN:
            assert censor.pattern_error(text) == "", text
            re.compile(text)


def test_a_place_is_where_it_was_written_even_after_case_folding():
    [latin, flag] = check("İstanbul: свобода", RULES)
    assert (latin.text, flag.text) == ("İstanbul", "свобода")
    rules = [Rule("п’еса", censor.WORD, "x")]
    assert _found("Straße п'еса", rules, cyrillic=False) == [("п'еса", "word")]


def test_a_pattern_keeps_its_meaning_and_matches_one_whole_word():
    rules = [Rule(r"суд\S*", censor.PATTERN, "case"), Rule("суд.*", censor.PATTERN, "any")]
    # "\S" is not folded into "\s"; ".*" cannot run over the next words and hide "ЕС".
    assert _found("Суде и свобода ЕС", rules) == [("Суде", "pattern"), ("ЕС", "abbreviation")]


def test_abbreviations_typed_with_spaces_are_flagged_but_two_short_sentences_are_not():
    assert _found("и т. д. Да. Но.") == [("т. д.", "abbreviation")]


def test_a_rule_that_cannot_run_or_runs_too_long_is_skipped_and_the_rest_still_flag():
    rules = [Rule("(a|aa)+b", censor.PATTERN, "slow"), Rule("(", censor.PATTERN, "broken"), *RULES]
    found = _found("a" * 60 + " свобода", rules, cyrillic=False)
    assert found == [("свобода", "stem")]
