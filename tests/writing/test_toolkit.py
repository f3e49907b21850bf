"""The advocacy toolkit: the record's facts inserted by the system, never a restricted one, and
the family's refusal of publicity respected (discreet texts only, actions kept internal)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from solidarity.activity.models import AdvocacyAction
from solidarity.prisoners.choices import Publicity, Status
from solidarity.writing.models import AdvocacyTemplate, TemplateUse
from solidarity.writing.selectors import template_fill, toolkit_templates
from solidarity.writing.services import TOOLKIT_DISCREET_ERROR, toolkit_action_log
from tests.factories import (
    ChargeFactory,
    MatchFactory,
    PrisonerConfidentialFactory,
    PrisonerFactory,
    WhereaboutsFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 5)
CANARIES = ("CANARY-HEALTH-7f3a", "CANARY-FAMILY-7f3a", "CANARY-NOTES-7f3a", "CANARY-WHERE-7f3a")


def _templates(match, language="en"):
    return toolkit_templates(
        prisoner=match.prisoner, godparent=match.godparent, language=language, today=TODAY
    )


def test_templates_name_the_record_facts_in_the_godparents_language(match):
    ChargeFactory(prisoner=match.prisoner, article__number="293", part="2")

    texts = {t.action_kind: t.text for t in _templates(match)}

    assert set(texts) >= {
        "embassy_inquiry",
        "parliamentary_question",
        "plenary_speech",
        "social_media",
    }
    embassy = texts["embassy_inquiry"]
    assert "Maryia Kalesnikava" in embassy
    assert match.godparent.full_name in embassy
    assert "{" not in "".join(texts.values())
    assert any("7 September 2020" in text for text in texts.values())
    assert any("Article 293, part 2" in text for text in texts.values())


def test_in_russian_the_name_is_cyrillic_and_dates_are_written_out(match):
    texts = [t.text for t in _templates(match, language="ru")]
    assert any("Колесникова Мария Александровна" in text for text in texts)
    assert any("7 сентября 2020" in text for text in texts)


def test_a_line_whose_fact_is_unknown_is_left_out():
    text = template_fill(
        "About {name}.\nSentenced to {sentence}.\n\nHeld in {facility}.\nThank you.",
        {"name": "A", "sentence": "", "facility": "IK-1"},
    )
    assert text == "About A.\n\nHeld in IK-1.\nThank you."


def test_restricted_data_never_reaches_a_template_canary(match, client):
    PrisonerConfidentialFactory(prisoner=match.prisoner)
    deported = WhereaboutsFactory()
    deported_match = MatchFactory(prisoner=deported.prisoner, godparent=match.godparent)
    godparent = match.godparent
    godparent.verification_note = "CANARY-GODPARENT-7f3a"
    godparent.official_email = "canary-7f3a@bundestag.example"
    godparent.save()
    for template in AdvocacyTemplate.objects.all():  # every placeholder, in every template
        template.body += "\n{name} {detained_on} {time_detained} {articles} {sentence} {status} "
        template.body += "{facility} {godparent_name} {parliament} {today}"
        template.save()

    texts = []
    for language in ("en", "be", "ru"):
        for one in (match, deported_match):
            texts += [t.text for t in _templates(one, language=language)]
    client.force_login(godparent.user)
    for language in ("en", "be", "ru"):
        with translation.override(language):
            texts.append(client.get(reverse("portal:toolkit", args=[match.pk])).content.decode())
    joined = "\n".join(texts)

    for canary in (*CANARIES, "CANARY-GODPARENT-7f3a", "canary-7f3a"):
        assert canary not in joined
    assert "Lithuania" not in joined
    assert "Літв" not in joined


def test_a_person_whose_family_refused_publicity_gets_discreet_texts_only(match):
    match.prisoner.publicity = Publicity.NONE
    match.prisoner.save()

    templates = _templates(match)

    assert templates
    assert all(t.discreet for t in templates)
    public = AdvocacyTemplate.objects.filter(use=TemplateUse.PUBLIC).first()
    with pytest.raises(ValidationError) as refused:
        toolkit_action_log(
            match=match, key=str(public.translation_key), by=match.godparent.user, language="en"
        )
    assert refused.value.messages == [str(TOOLKIT_DISCREET_ERROR)]

    action = toolkit_action_log(
        match=match, key=templates[0].key, by=match.godparent.user, language="en"
    )
    assert not action.is_public
    assert action.kind == "embassy_inquiry"


def test_the_toolkit_page_for_a_none_publicity_person_says_discreet_use_only(match, client):
    match.prisoner.publicity = Publicity.NONE
    match.prisoner.save()
    client.force_login(match.godparent.user)

    page = client.get(reverse("portal:toolkit", args=[match.pk])).content.decode()

    assert "Discreet use only" in page
    for template in AdvocacyTemplate.objects.filter(
        use=TemplateUse.PUBLIC, locale__language_code="en"
    ):
        assert template.title not in page


def test_log_this_action_is_one_click_and_once(match, client):
    client.force_login(match.godparent.user)
    url = reverse("portal:toolkit", args=[match.pk])
    page = client.get(url)
    template, token = page.context["templates"][1]

    for _ in range(2):
        response = client.post(url, {"template": template.key, "submission": token})
        assert response.status_code == 302

    action = AdvocacyAction.objects.get()
    assert action.kind == template.action_kind
    assert action.is_public == (not template.discreet)
    assert list(action.prisoners.all()) == [match.prisoner]
    assert action.verification == "pending"


def test_no_toolkit_for_a_person_released(match, client):
    match.prisoner.status = Status.RELEASED_PARDONED
    match.prisoner.save()
    assert not PrisonerFactory._meta.model.objects.get(pk=match.prisoner.pk).is_detained
    client.force_login(match.godparent.user)
    page = client.get(reverse("portal:toolkit", args=[match.pk]))
    assert page.context["templates"] == []
