"""'My prisoners': offers, prisoners with their letter address, logging letters and actions."""

import datetime
import re

import pytest
from django.utils import dateformat, timezone, translation

from solidarity.activity.models import AdvocacyAction, Letter
from solidarity.matching.models import Match, MatchStatus
from solidarity.portal.selectors import PrisonerCard, birthdays_ahead
from solidarity.prisoners.choices import Publicity, Status
from solidarity.prisoners.dates import next_birthday
from solidarity.prisoners.models import Prisoner, StatusChange
from tests.factories.activity import LetterFactory
from tests.factories.godparents import GodparentProfileFactory
from tests.factories.matching import MatchFactory
from tests.factories.prisoners import PrisonerFactory
from tests.submissions import with_submission

pytestmark = pytest.mark.django_db
DASHBOARD = "/en/me/"


def test_a_verified_godparent_without_prisoners_sees_an_empty_dashboard(client, godparent):
    client.force_login(godparent.user)

    content = client.get(DASHBOARD).content.decode()

    assert "Verified godparent." in content
    assert "No prisoner yet." in content


def test_an_active_prisoner_shows_status_address_birthday_and_last_letter(client, godparent):
    prisoner = PrisonerFactory(name_latin="Ihar Losik", name_ru="Игорь Лосик")
    match = MatchFactory(godparent=godparent, prisoner=prisoner)
    LetterFactory(godparent=godparent, prisoner=prisoner, sent_on=datetime.date(2026, 10, 3))
    client.force_login(godparent.user)

    content = client.get(DASHBOARD).content.decode()

    assert "Ihar Losik" in content
    assert "Convicted" in content or prisoner.get_status_display() in content
    assert "Игорь Лосик" in content  # the envelope, in Cyrillic
    assert prisoner.facility.envelope_lines[0] in content
    assert "24 April" in content  # next birthday
    assert "3 October 2026" in content
    assert f"/en/me/prisoners/{match.pk}/letter/" in content


def test_offers_can_be_accepted_with_a_statement_or_declined(client, godparent):
    first = MatchFactory(godparent=godparent, status=MatchStatus.OFFERED, responded_at=None)
    second = MatchFactory(godparent=godparent, status=MatchStatus.OFFERED, responded_at=None)
    client.force_login(godparent.user)
    assert "Offers waiting for your answer" in client.get(DASHBOARD).content.decode()

    client.post(
        f"/en/me/offers/{first.pk}/", {"answer": "accept", "public_statement": "Free them all."}
    )
    client.post(f"/en/me/offers/{second.pk}/", {"answer": "decline", "reason": "Too busy."})

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.public_statement) == (MatchStatus.ACTIVE, "Free them all.")
    assert (second.status, second.decline_reason) == (MatchStatus.DECLINED, "Too busy.")


def test_another_godparents_offer_cannot_be_answered(client, godparent):
    other = MatchFactory(status=MatchStatus.OFFERED, responded_at=None)
    client.force_login(godparent.user)

    response = client.post(f"/en/me/offers/{other.pk}/", {"answer": "accept"})

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == MatchStatus.OFFERED


def test_logging_a_letter_takes_todays_date_and_the_current_facility(client, godparent):
    match = MatchFactory(godparent=godparent)
    client.force_login(godparent.user)
    form = client.get(f"/en/me/prisoners/{match.pk}/letter/")
    assert form.status_code == 200

    response = client.post(
        f"/en/me/prisoners/{match.pk}/letter/",
        with_submission(
            client,
            f"/en/me/prisoners/{match.pk}/letter/",
            {"sent_on": timezone.localdate().isoformat(), "channel": "post", "language": "ru"},
        ),
    )

    assert response.status_code == 302
    letter = Letter.objects.get()
    assert letter.facility == match.prisoner.facility
    assert letter.logged_by == godparent.user
    assert letter.match == match


def test_a_letter_in_the_future_is_refused(client, godparent):
    match = MatchFactory(godparent=godparent)
    client.force_login(godparent.user)
    tomorrow = timezone.localdate() + datetime.timedelta(days=2)  # one day of slack for zones

    response = client.post(
        f"/en/me/prisoners/{match.pk}/letter/",
        with_submission(
            client,
            f"/en/me/prisoners/{match.pk}/letter/",
            {"sent_on": tomorrow.isoformat(), "channel": "post"},
        ),
    )

    assert response.status_code == 200
    assert "This date is in the future." in response.content.decode()
    assert not Letter.objects.exists()


@pytest.mark.parametrize("status", [MatchStatus.ENDED, MatchStatus.OFFERED])
def test_no_letter_to_a_prisoner_one_no_longer_or_not_yet_supports(client, godparent, status):
    ended = timezone.now() if status == MatchStatus.ENDED else None
    match = MatchFactory(godparent=godparent, status=status, ended_at=ended, responded_at=None)
    client.force_login(godparent.user)

    assert client.get(f"/en/me/prisoners/{match.pk}/letter/").status_code == 404


def test_an_action_is_internal_unless_the_godparent_ticks_public(client, godparent):
    match = MatchFactory(godparent=godparent)
    client.force_login(godparent.user)

    page = client.get(f"/en/me/for/{godparent.pk}/action/").content.decode()

    checkbox = re.search(r'<input[^>]*name="is_public"[^>]*>', page).group(0)
    assert "checked" not in checkbox
    data = {"kind": "embassy_inquiry", "occurred_on": "2026-11-02", "title": "Inquiry"}
    client.post(
        f"/en/me/for/{godparent.pk}/action/",
        with_submission(
            client, f"/en/me/for/{godparent.pk}/action/", {**data, "prisoners": [match.prisoner.pk]}
        ),
    )
    assert AdvocacyAction.objects.get().is_public is False


def test_logging_an_action_for_supported_prisoners(client, godparent):
    match = MatchFactory(godparent=godparent)
    elsewhere = PrisonerFactory()
    client.force_login(godparent.user)
    url = f"/en/me/for/{godparent.pk}/action/"
    data = {
        "kind": "parliamentary_question",
        "occurred_on": "2026-11-02",
        "title": "Written question on political prisoners",
        "evidence_url": "https://www.bundestag.de/question/1",
        "prisoners": [elsewhere.pk],
        "is_public": "on",
    }
    data = with_submission(client, url, data)

    refused = client.post(url, data)
    assert refused.status_code == 200
    assert not AdvocacyAction.objects.exists()

    response = client.post(url, {**data, "prisoners": [match.prisoner.pk]})
    assert response.status_code == 302
    action = AdvocacyAction.objects.get()
    assert list(action.godparents.all()) == [godparent]
    assert list(action.prisoners.all()) == [match.prisoner]
    assert action.verification == "pending"


def test_status_news_of_a_matched_prisoner_are_shown(client, godparent):
    match = MatchFactory(godparent=godparent)
    StatusChange.objects.create(
        prisoner=match.prisoner,
        from_status=Status.CONVICTED,
        to_status=Status.INCOMMUNICADO,
        effective_on=timezone.localdate(),
        note="No letters since October.",
    )
    client.force_login(godparent.user)

    content = client.get(DASHBOARD).content.decode()

    assert "1 recent change" in content
    assert "No letters since October." in content


def test_a_release_moves_the_prisoner_to_ended_godparenthoods(client, godparent):
    from solidarity.prisoners.services import prisoner_status_change

    match = MatchFactory(godparent=godparent)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    old = MatchFactory(
        godparent=godparent,
        status=MatchStatus.ENDED,
        offered_at=long_ago,
        ended_at=long_ago,
        prisoner=PrisonerFactory(name_latin="Long Ago"),
    )
    prisoner_status_change(
        prisoner=match.prisoner, status=Status.RELEASED_PARDONED, effective_on=timezone.localdate()
    )
    client.force_login(godparent.user)

    content = client.get(DASHBOARD).content.decode()

    assert "Godparenthoods that ended lately" in content
    assert "Maryia Kalesnikava: Prisoner released" in content
    assert "Log a letter" not in content  # no card any more
    assert old.prisoner.name_latin not in content


def test_a_photo_is_shown_only_where_the_family_agreed(client, godparent, make_profile, photo):
    full = make_profile(publicity=Publicity.FULL, photo=photo, name_latin="Full Person")
    basic = make_profile(publicity=Publicity.BASIC, photo=photo, name_latin="Basic Person")
    MatchFactory(godparent=godparent, prisoner=full.prisoner)
    MatchFactory(godparent=godparent, prisoner=basic.prisoner)
    client.force_login(godparent.user)

    response = client.get(DASHBOARD)

    photos = {card.prisoner.name_latin: card.photo for card in response.context["cards"]}
    assert photos == {"Full Person": photo, "Basic Person": None}
    assert response.content.decode().count('class="prisoner-card__photo"') == 1


def test_every_public_prisoner_links_to_their_profile_and_an_unpublished_one_never(
    client, godparent, listings
):
    basic = PrisonerFactory(publicity=Publicity.BASIC, name_latin="Basic Person")
    hidden = PrisonerFactory(publicity=Publicity.NONE, name_latin="Hidden Person")
    MatchFactory(godparent=godparent, prisoner=basic)
    MatchFactory(godparent=godparent, prisoner=hidden)
    client.force_login(godparent.user)

    response = client.get(DASHBOARD)

    urls = {card.prisoner.name_latin: card.page_url for card in response.context["cards"]}
    assert urls == {
        "Basic Person": f"{listings['en'].url}{basic.profile_slug}/",
        "Hidden Person": "",
    }


def test_the_dashboard_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, settings
):
    godparent = GodparentProfileFactory(capacity=5)
    client.force_login(godparent.user)
    MatchFactory(godparent=godparent)
    with django_assert_max_num_queries(40) as one:
        client.get(DASHBOARD)
    for _ in range(4):
        match = MatchFactory(godparent=godparent)
        LetterFactory(godparent=godparent, prisoner=match.prisoner)
    MatchFactory(godparent=godparent, status=MatchStatus.OFFERED, responded_at=None)
    with django_assert_max_num_queries(len(one)) as five:
        client.get(DASHBOARD)
    assert len(five) == len(one)


@pytest.mark.parametrize(
    ("birth", "precision", "today", "expected"),
    [
        (
            datetime.date(1982, 4, 24),
            "day",
            datetime.date(2026, 11, 24),
            datetime.date(2027, 4, 24),
        ),
        (
            datetime.date(1982, 12, 1),
            "day",
            datetime.date(2026, 11, 24),
            datetime.date(2026, 12, 1),
        ),
        (
            datetime.date(1980, 2, 29),
            "day",
            datetime.date(2026, 11, 24),
            datetime.date(2027, 2, 28),
        ),
        (
            datetime.date(1982, 11, 24),
            "day",
            datetime.date(2026, 11, 24),
            datetime.date(2026, 11, 24),
        ),
        (datetime.date(1982, 4, 1), "month", datetime.date(2026, 11, 24), None),
        (None, "day", datetime.date(2026, 11, 24), None),
    ],
)
def test_next_birthday(birth, precision, today, expected):
    assert next_birthday(birth, precision, today) == expected


def test_accepting_an_unpublished_prisoner_needs_discretion_and_says_nothing_public(
    client, godparent
):
    hidden = PrisonerFactory(publicity=Publicity.NONE)
    offer = MatchFactory(
        godparent=godparent, prisoner=hidden, status=MatchStatus.OFFERED, responded_at=None
    )
    client.force_login(godparent.user)
    assert "refused publicity" in client.get(DASHBOARD).content.decode()

    client.post(f"/en/me/offers/{offer.pk}/", {"answer": "accept"})
    offer.refresh_from_db()
    assert offer.status == MatchStatus.OFFERED  # not discreet: refused

    godparent.is_discreet, godparent.public_listing_consent = True, False
    godparent.save()
    client.post(f"/en/me/offers/{offer.pk}/", {"answer": "accept", "public_statement": "x"})
    offer.refresh_from_db()
    assert (offer.status, offer.public_statement) == (MatchStatus.ACTIVE, "")


def test_an_action_for_an_unpublished_prisoner_stays_internal(client, godparent):
    godparent.is_discreet, godparent.public_listing_consent = True, False
    godparent.save()
    match = MatchFactory(godparent=godparent, prisoner=PrisonerFactory(publicity=Publicity.NONE))
    client.force_login(godparent.user)
    data = {
        "kind": "embassy_inquiry",
        "occurred_on": "2026-11-02",
        "title": "Letter to the embassy",
        "prisoners": [match.prisoner.pk],
    }

    refused = client.post(
        f"/en/me/for/{godparent.pk}/action/",
        with_submission(client, f"/en/me/for/{godparent.pk}/action/", {**data, "is_public": "on"}),
    )
    assert "this action stays internal" in refused.content.decode()

    client.post(
        f"/en/me/for/{godparent.pk}/action/",
        with_submission(client, f"/en/me/for/{godparent.pk}/action/", data),
    )
    assert AdvocacyAction.objects.get().is_public is False


def test_the_main_navigation_marks_my_prisoners_as_the_current_page(client, godparent):
    client.force_login(godparent.user)

    content = client.get(DASHBOARD).content.decode()

    assert 'href="/en/me/" aria-current="page">My prisoners</a>' in content


def test_a_prisoner_in_transit_carries_the_same_notice_as_on_the_profile(client, godparent):
    prisoner = PrisonerFactory(status=Status.IN_TRANSIT)
    MatchFactory(godparent=godparent, prisoner=prisoner)
    client.force_login(godparent.user)

    content = client.get(DASHBOARD).content.decode()

    assert f'<p class="notice">{prisoner.letters_notice}</p>' in content


def _card(birth: datetime.date | None, precision: str = "day") -> PrisonerCard:
    prisoner = Prisoner(name_latin="Someone", birth_date=birth, birth_date_precision=precision)
    return PrisonerCard(match=Match(prisoner=prisoner))


@pytest.mark.parametrize(
    ("birth", "today", "days_away", "precision"),
    [
        # today; two days away; across New Year; three weeks (still in); 22 days (not yet)
        (datetime.date(1990, 12, 20), datetime.date(2026, 12, 20), 0, "day"),
        (datetime.date(1990, 12, 22), datetime.date(2026, 12, 20), 2, "day"),
        (datetime.date(1990, 1, 5), datetime.date(2026, 12, 20), 16, "day"),
        (datetime.date(1990, 1, 10), datetime.date(2026, 12, 20), 21, "day"),
        (datetime.date(1990, 1, 11), datetime.date(2026, 12, 20), None, "day"),
        # just passed; 29 February on the 28th in 2027, on the 29th in 2028; day unknown
        (datetime.date(1990, 12, 19), datetime.date(2026, 12, 20), None, "day"),
        (datetime.date(1984, 2, 29), datetime.date(2027, 2, 20), 8, "day"),
        (datetime.date(1984, 2, 29), datetime.date(2028, 2, 20), 9, "day"),
        (datetime.date(1990, 12, 22), datetime.date(2026, 12, 20), None, "month"),
    ],
)
def test_birthdays_ahead_within_three_weeks(birth, today, days_away, precision):
    card = _card(birth, precision)

    soon = birthdays_ahead(cards=[card], today=today)

    assert [b.days_away for b in soon] == ([] if days_away is None else [days_away])
    if soon:
        assert soon[0].on == today + datetime.timedelta(days=days_away)


def test_birthdays_ahead_come_soonest_first():
    today = datetime.date(2026, 12, 20)
    later, sooner = _card(datetime.date(1990, 1, 2)), _card(datetime.date(1990, 12, 24))

    assert [b.card for b in birthdays_ahead(cards=[later, sooner], today=today)] == [sooner, later]


def _born_days_ahead(days: int) -> datetime.date:
    """A birth date (in a leap year, so that any day exists) whose birthday is `days` away."""
    return (timezone.localdate() + datetime.timedelta(days=days)).replace(year=1984)


@pytest.mark.parametrize(
    ("days", "words"),
    [(0, "birthday today"), (1, "birthday tomorrow"), (2, "birthday in 2 days")],
)
def test_a_birthday_soon_is_highlighted_with_a_card_link(client, godparent, days, words):
    match = MatchFactory(
        godparent=godparent, prisoner=PrisonerFactory(birth_date=_born_days_ahead(days))
    )
    client.force_login(godparent.user)

    content = client.get(DASHBOARD).content.decode()

    section = content[content.index('class="birthdays"') :]
    assert words in section
    assert f"/en/me/prisoners/{match.pk}/letter/" in section
    assert "Send a card now" in section


def test_a_birthday_in_22_days_is_not_highlighted(client, godparent):
    MatchFactory(godparent=godparent, prisoner=PrisonerFactory(birth_date=_born_days_ahead(22)))
    client.force_login(godparent.user)

    assert 'class="birthdays"' not in client.get(DASHBOARD).content.decode()


# Russian months in the genitive, as "1 мая" needs them. Belarusian has no such list here: its
# month names come from Django's catalogue (whose March is still nominative, "сакавік") until the
# project ships its own Belarusian date formats, so the test reads them from the date format.
GENITIVE_MONTHS_RU = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", ["Скоро дни рождения", "через 2 дня", "Отправьте открытку сейчас"]),
        ("be", ["Хутка дні нараджэння", "праз 2 дні", "Адпраўце паштоўку зараз"]),
    ],
)
def test_birthdays_read_in_russian_and_belarusian_with_the_month_in_the_genitive(
    client, godparent, language, words
):
    birth = _born_days_ahead(2)
    MatchFactory(godparent=godparent, prisoner=PrisonerFactory(birth_date=birth))
    client.force_login(godparent.user)

    content = client.get(f"/{language}/me/").content.decode()

    if language == "ru":
        expected = f"{birth.day} {GENITIVE_MONTHS_RU[birth.month - 1]}"
    else:
        with translation.override(language):
            expected = dateformat.format(birth, "j E")
    assert expected in content
    for text in words:
        assert text in content
