"""The seeded content as the database holds it after migrating: phrases for every topic in
Belarusian and Russian (translations of one another), reasons in three languages, templates."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from solidarity.writing.models import (
    AdvocacyTemplate,
    CensorReason,
    CensorTerm,
    CensorTermKind,
    Phrase,
    PhraseTopic,
)
from solidarity.writing.selectors import censor_rules, letter_check, phrase_options

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("letter_language", ["ru", "be"])
@pytest.mark.parametrize("topic", PhraseTopic.values)
def test_every_topic_has_phrases_in_belarusian_and_russian(letter_language, topic):
    options = phrase_options(letter_language=letter_language, language="en")[topic]

    assert len(options) >= 4
    for option in options:
        assert option.ru
        assert option.be
        assert option.meaning
        assert option.letter_text == getattr(option, letter_language)
        assert option.meaning != option.letter_text  # the English meaning, not the letter again


def test_a_phrase_not_yet_in_belarusian_is_offered_for_russian_letters_only():
    source = Phrase.objects.filter(locale__language_code="en").first()
    Phrase.objects.filter(
        translation_key=source.translation_key, locale__language_code="be"
    ).delete()

    ru = {
        o.key
        for topic in phrase_options(letter_language="ru", language="en").values()
        for o in topic
    }
    be = {
        o.key
        for topic in phrase_options(letter_language="be", language="en").values()
        for o in topic
    }

    assert str(source.translation_key) in ru - be


def test_the_seeded_phrases_pass_the_check_as_the_database_holds_them():
    rules = censor_rules(language="en")
    assert len(rules) == CensorTerm.objects.count() >= 45
    for letter_language in ("ru", "be"):
        for topic in phrase_options(letter_language=letter_language, language="en").values():
            for option in topic:
                text = option.letter_text.format(addressee="Мария Александровна", sender="Анна")
                assert letter_check(text, rules=rules) == [], text


@pytest.mark.parametrize("language", ["en", "be", "ru"])
def test_reasons_reach_the_writer_in_their_language(language):
    rules = censor_rules(language=language)
    freedom = next(rule for rule in rules if rule.term == "свобод")
    reason = CensorTerm.objects.get(text="свобод").reason
    translated = CensorReason.objects.get(
        translation_key=reason.translation_key, locale__language_code=language
    )
    assert freedom.reason.startswith(translated.title)


def test_a_term_or_pattern_the_check_cannot_use_is_refused_with_a_reason():
    reason = CensorReason.objects.first()
    with translation.override("en"):
        with pytest.raises(ValidationError) as bad_pattern:
            CensorTerm(
                language="ru", kind=CensorTermKind.PATTERN, text="суд(а", reason=reason
            ).full_clean()
        with pytest.raises(ValidationError) as not_a_word:
            CensorTerm(
                language="ru", kind=CensorTermKind.STEM, text="суд.*", reason=reason
            ).full_clean()
    assert "cannot be used" in str(bad_pattern.value)
    assert "Letters only" in str(not_a_word.value)


def test_a_placeholder_the_system_cannot_fill_is_refused():
    template = AdvocacyTemplate.objects.first()
    template.body = "Dear {ambassador}, about {name}."
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        template.full_clean()
    assert "{ambassador}" in str(refused.value)
    phrase = Phrase.objects.first()
    phrase.text = "Привет, {name"
    with pytest.raises(ValidationError):
        phrase.full_clean()


def test_the_four_toolkit_templates_exist_in_three_languages():
    kinds = set(AdvocacyTemplate.objects.values_list("action_kind", flat=True))
    assert {"embassy_inquiry", "parliamentary_question", "plenary_speech", "social_media"} <= kinds
    for language in ("en", "be", "ru"):
        assert AdvocacyTemplate.objects.filter(locale__language_code=language).count() >= 4


@pytest.mark.parametrize("text", ["Привет, {}!", "Дата {today:%d}", "Имя {addressee!r}"])
def test_placeholders_are_plain_names_only(text):
    phrase = Phrase.objects.first()
    phrase.text = text
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        phrase.full_clean()
    assert "Unknown placeholder" in str(refused.value)


def test_a_translation_still_in_english_is_not_offered_for_a_letter():
    source = Phrase.objects.filter(locale__language_code="en", topic="animals").first()
    copy = Phrase.objects.get(translation_key=source.translation_key, locale__language_code="ru")
    copy.text = source.text  # wagtail-localize starts a translation from the source's words
    copy.save()

    keys = {o.key for o in phrase_options(letter_language="ru", language="en")["animals"]}

    assert str(source.translation_key) not in keys


def test_a_template_discreet_in_one_language_is_discreet_in_all():
    from solidarity.writing.selectors import toolkit_template

    public = AdvocacyTemplate.objects.filter(use="public", locale__language_code="ru").first()
    public.use = "discreet"
    public.save()

    english = toolkit_template(key=str(public.translation_key), language="en")
    assert english.use == "discreet"


@pytest.mark.parametrize(
    ("name_ru", "expected"),
    [
        ("Колесникова Мария Александровна", "Мария Александровна"),
        ("Ульянов Владимир Ильич", "Владимир Ильич"),
        ("Бабич Иван", "Бабич Иван"),
        ("Бялецкий Алесь Викторович (Алесь)", "Алесь Викторович"),
    ],
)
def test_a_letter_greets_by_first_name_and_patronymic(name_ru, expected):
    from solidarity.prisoners.models import Prisoner
    from solidarity.writing.selectors import addressee

    assert addressee(Prisoner(name_ru=name_ru), letter_language="ru") == expected
