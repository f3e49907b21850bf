"""Offers a godparent can decide on: facts by publicity, reasons in words, the profile, answers."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from solidarity.accounts.roles import Role
from solidarity.matching.models import DeclineReason, Match, MatchStatus
from solidarity.matching.runs import matching_run_approve, matching_run_execute, matching_run_start
from solidarity.matching.scoring import Weights
from solidarity.matching.services import match_accept, match_decline, match_offer_token
from solidarity.prisoners.choices import Publicity, Region
from tests.factories.accounts import user_with_role
from tests.factories.matching import MatchFactory
from tests.factories.prisoners import PrisonerFactory

pytestmark = pytest.mark.django_db
DASHBOARD = "/en/me/"
INTERESTS = "Chess, Dostoevsky and birdwatching"


def _offer(godparent, prisoner, **fields) -> Match:
    return MatchFactory(
        godparent=godparent,
        prisoner=prisoner,
        status=MatchStatus.OFFERED,
        responded_at=None,
        **fields,
    )


def _offer_page(client, match, language="en") -> str:
    response = client.get(f"/{language}/me/offers/link/{match_offer_token(match)}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_full_offer_shows_photo_age_sentence_region_topics_and_the_profile(
    client, godparent, make_profile, photo
):
    page = make_profile(
        publicity=Publicity.FULL, photo=photo, interests=INTERESTS, region=Region.GRODNO
    )
    match = _offer(godparent, page.prisoner)
    client.force_login(godparent.user)

    for content in (client.get(DASHBOARD).content.decode(), _offer_page(client, match)):
        assert 'class="offer__photo' in content
        assert "44 years old" in content or "43 years old" in content  # born 24 April 1982
        assert "11 years, colony of general regime" in content
        assert "Grodno region" in content
        assert INTERESTS in content
        assert f'href="{page.url}"' in content


def test_a_basic_offer_hides_what_basic_withholds(client, godparent, make_profile, photo):
    page = make_profile(
        publicity=Publicity.BASIC, photo=photo, interests=INTERESTS, region=Region.GRODNO
    )
    match = _offer(godparent, page.prisoner)
    client.force_login(godparent.user)

    for content in (client.get(DASHBOARD).content.decode(), _offer_page(client, match)):
        assert "11 years, colony of general regime" in content  # Basic: the sentence
        assert "years old" in content  # and the birth date
        assert 'class="offer__photo' not in content
        assert INTERESTS not in content
        assert "Grodno region" not in content  # the home region is not in the Basic list
        assert f'href="{page.url}"' in content  # a Basic profile is public


def test_a_basic_record_without_an_editorial_page_links_to_its_record_profile(
    client, godparent, listings
):
    prisoner = PrisonerFactory(publicity=Publicity.BASIC)
    match = _offer(godparent, prisoner)
    client.force_login(godparent.user)

    content = _offer_page(client, match)

    profile = f"{listings['en'].url}{prisoner.profile_slug}/"
    assert f'href="{profile}"' in content
    assert client.get(profile).status_code == 200


def test_no_profile_link_without_a_live_public_page(client, godparent):
    """No listing is live (no site set up): there is no public page to send the godparent to."""
    match = _offer(godparent, PrisonerFactory(publicity=Publicity.FULL))
    client.force_login(godparent.user)

    assert "Read the public profile" not in _offer_page(client, match)


def test_an_unpublished_record_shows_only_its_status_and_no_link(client, godparent, listings):
    godparent.is_discreet, godparent.public_listing_consent = True, False
    godparent.save()
    hidden = PrisonerFactory(publicity=Publicity.NONE, interests=INTERESTS)
    match = _offer(godparent, hidden)
    client.force_login(godparent.user)

    content = _offer_page(client, match)

    assert "nothing about this person is public" in content
    assert hidden.get_status_display() in content
    assert "11 years" not in content
    assert "years old" not in content
    assert INTERESTS not in content
    assert hidden.profile_slug not in content
    assert "Read the public profile" not in content


@pytest.fixture
def run_offer(godparent):
    """An offer made by a real matching run: a shared language, a preferred region, no
    godparent yet, a first godparent from Germany."""
    godparent.languages, godparent.preferred_regions = ["be", "en"], [Region.GRODNO]
    godparent.capacity = 1
    godparent.save()
    prisoner = PrisonerFactory(
        publicity=Publicity.FULL, languages=["be", "ru"], region=Region.GRODNO
    )
    organiser = user_with_role(Role.ORGANISER)
    run = matching_run_start(created_by=organiser, weights=Weights())
    assert matching_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert matching_run_approve(run=run, by=organiser) == 1
    return Match.objects.get(godparent=godparent, prisoner=prisoner, status=MatchStatus.OFFERED)


def test_a_run_offer_gives_its_reasons_in_words(client, godparent, run_offer):
    client.force_login(godparent.user)

    content = _offer_page(client, run_offer)

    assert "Nobody supports this person yet: you would be their first godparent." in content
    assert "You share a language: Belarusian." in content
    assert "They come from a region you chose: Grodno region." in content
    assert "You would be their first godparent from Germany." in content
    assert "An organiser chose this pairing for you." not in content


def test_a_region_reason_names_the_region_only_with_full_publicity(client, godparent, run_offer):
    run_offer.prisoner.publicity = Publicity.BASIC
    run_offer.prisoner.save()
    client.force_login(godparent.user)

    content = _offer_page(client, run_offer)

    assert "They come from a region you chose." in content
    assert "Grodno" not in content


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("be", ["Чаму мы прапануем вам гэтага чалавека", "У вас агульная мова: беларуская."]),
        ("ru", ["Почему мы предлагаем вам этого человека", "У вас общий язык: белорусский."]),
    ],
)
def test_the_offer_reads_in_belarusian_and_russian(
    client, godparent, run_offer, language, expected
):
    client.force_login(godparent.user)

    content = _offer_page(client, run_offer, language)

    for text in expected:
        assert text in content
    assert "Why we propose this person to you" not in content


def test_a_hand_made_offer_says_an_organiser_chose_it(client, godparent):
    _offer(godparent, PrisonerFactory())
    client.force_login(godparent.user)

    assert "An organiser chose this pairing for you." in client.get(DASHBOARD).content.decode()


def test_declining_with_a_picked_reason_and_words_stores_both(client, godparent, outbox):
    match = _offer(godparent, PrisonerFactory(), offered_by=user_with_role(Role.ORGANISER))
    client.force_login(godparent.user)
    assert 'name="decline_choice"' in client.get(DASHBOARD).content.decode()

    client.post(
        f"/en/me/offers/{match.pk}/",
        {"answer": "decline", "decline_choice": "no_time", "reason": "Elections in spring."},
    )

    match.refresh_from_db()
    assert match.status == MatchStatus.DECLINED
    assert (match.decline_choice, match.decline_reason) == (
        DeclineReason.NO_TIME,
        "Elections in spring.",
    )
    [email] = outbox
    assert "I do not have the time at the moment: Elections in spring." in email.body
    [exported] = json.loads(client.get("/en/me/data.json").content)["godparent_profile"]["matches"]
    assert (exported["decline_choice"], exported["decline_reason"]) == (
        "no_time",
        "Elections in spring.",
    )


def test_declining_without_a_reason_is_fine(client, godparent):
    match = _offer(godparent, PrisonerFactory())
    client.force_login(godparent.user)

    client.post(f"/en/me/offers/{match.pk}/", {"answer": "decline", "decline_choice": "bogus"})

    match.refresh_from_db()
    assert (match.status, match.decline_choice, match.decline_reason) == (
        MatchStatus.DECLINED,
        "",
        "",
    )


def test_declining_twice_is_one_answer(client, godparent, outbox):
    match = _offer(godparent, PrisonerFactory(), offered_by=user_with_role(Role.ORGANISER))
    client.force_login(godparent.user)
    url = f"/en/me/offers/{match.pk}/"

    client.post(url, {"answer": "decline", "decline_choice": "enough", "reason": "First."})
    second = client.post(url, {"answer": "decline", "reason": "Second."}, follow=True)

    match.refresh_from_db()
    assert (match.decline_choice, match.decline_reason) == (DeclineReason.ENOUGH, "First.")
    assert len(outbox) == 1  # the organiser is told once
    assert "cannot become" not in second.content.decode()  # no error for a double tap


def test_the_same_answer_twice_is_one_answer_but_a_change_of_mind_is_refused(godparent):
    match = _offer(godparent, PrisonerFactory())

    first = match_decline(match=match, by=godparent.user, reason="Busy.")
    again = match_decline(match=match, by=godparent.user, reason="Still busy.")

    assert again.responded_at == first.responded_at
    assert again.decline_reason == "Busy."
    with pytest.raises(ValidationError):
        match_accept(match=again, by=godparent.user)


def test_organisers_see_the_decline_reason_in_the_admin(client, godparent):
    match = _offer(godparent, PrisonerFactory())
    match_decline(match=match, by=godparent.user, reason="Elections.", choice="conflict")
    client.force_login(user_with_role(Role.ORGANISER))

    with translation.override("en"):
        content = client.get(f"/admin/snippets/matching/match/edit/{match.pk}/").content.decode()

    assert "A conflict of interest or another personal reason" in content
    assert "Elections." in content
