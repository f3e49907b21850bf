"""Defenders keep the composer's content in the admin: a seeded phrase is edited and saved, a
pattern that cannot be used and a placeholder the system cannot fill are refused with a reason,
and a phrase is translated with wagtail-localize like a page."""

import pytest
from django.urls import reverse

from solidarity.accounts.roles import Role
from solidarity.writing.models import CensorReason, CensorTerm, Phrase
from tests.admin.conftest import admin_url
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def defender(client):
    client.force_login(user_with_role(Role.DEFENDER))
    return client


def test_a_seeded_phrase_is_edited_and_saved(defender):
    phrase = Phrase.objects.filter(locale__language_code="ru", topic="animals").first()
    url = admin_url(Phrase, "edit", phrase.pk)
    assert defender.get(url).status_code == 200

    response = defender.post(
        url, {"topic": "animals", "text": "У меня дома живёт старый кот.", "sort_order": 3}
    )

    assert response.status_code == 302
    phrase.refresh_from_db()
    assert phrase.text == "У меня дома живёт старый кот."


def test_a_phrase_with_an_unknown_placeholder_is_refused_and_kept(defender):
    phrase = Phrase.objects.filter(locale__language_code="ru", topic="greeting").first()
    before = phrase.text

    response = defender.post(
        admin_url(Phrase, "edit", phrase.pk),
        {"topic": "greeting", "text": "Здравствуйте, {name}!", "sort_order": 0},
    )

    assert response.status_code == 200
    assert "Unknown placeholder {name}" in response.content.decode()
    phrase.refresh_from_db()
    assert phrase.text == before


def test_a_pattern_that_cannot_be_used_is_refused_in_the_admin(defender):
    reason = CensorReason.objects.filter(locale__language_code="en").first()
    data = {"language": "ru", "kind": "pattern", "text": "суд(а|е", "reason": reason.pk}

    response = defender.post(admin_url(CensorTerm, "add"), data)

    assert response.status_code == 200
    assert "This pattern cannot be used" in response.content.decode()
    assert not CensorTerm.objects.filter(text="суд(а|е").exists()
    created = defender.post(admin_url(CensorTerm, "add"), {**data, "text": "суд(а|е)"})
    assert created.status_code == 302


def test_a_new_english_phrase_can_be_submitted_for_translation(defender):
    phrase = Phrase.objects.create(
        locale=Phrase.objects.filter(locale__language_code="en").first().locale,
        topic="animals",
        text="Do you like dogs?",
    )
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["writing", "phrase", phrase.pk]
    )

    page = defender.get(url)

    assert page.status_code == 200
